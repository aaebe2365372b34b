// Defect 10: a rule lives once (architecture §9). These rules had copies in several contexts; each now exists in
// one place, and this check fails when a copy comes back:
// - "today in Vietnam": libs/domain todayInVietnam (never the database's current_date, never a UTC date);
// - the licence-status rule: libs/domain licenceStatusOn / org_licence_statuses_on (libs/org migration 1733000300000);
// - which centre types need an operating permission: licence_requirement, read through org's requiredLicenceKinds;
// - the unit-path lookup: libs/org unitPathOf.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '__generated__' || name === 'dist' || name === 'e2e') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });
}
const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps/api/src')), ...sources(join(ROOT, 'apps/worker/src')), ...sources(join(ROOT, 'apps/web/src'))]
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

function offenders(pattern: RegExp, allowed: (path: string) => boolean = () => false): string[] {
  return files.filter((f) => !allowed(f.path) && pattern.test(f.text)).map((f) => f.path).sort();
}

describe('each rule of defect 10 exists once', () => {
  it('one clock: no current_date in SQL, no UTC date taken as today, no other "today in Vietnam"', () => {
    expect(offenders(/\bcurrent_date\b/i)).toEqual([]);
    expect(offenders(/new Date\(\)\.toISOString\(\)\.slice\(0, 10\)/)).toEqual([]);
    expect(offenders(/vietnamDateOf\(new Date\(\)\)|toVietnamDate\(new Date\(\)\)/)).toEqual([]);
    expect(offenders(/function (todayVn|today|todayInVietnam)\(/, (p) => p === 'libs/domain/src/lib/centre/centre-state.ts')).toEqual([]);
    // The database's own date or clock cast to a date (UTC on our servers), in any spelling.
    expect(offenders(/\bnow\(\)\s*::\s*date\b|\blocaltimestamp\b|\bcurrent_timestamp\s*::\s*date\b|\bdate_trunc\('day',\s*now\(\)\)/i)).toEqual([]);
    // The UTC+7 offset is applied in one place, libs/domain vietnamWallClock (vietnamDateOf and todayInVietnam use it).
    expect(offenders(/\b7\s*\*\s*(60\s*\*\s*60|3_?600)\b|VIETNAM_OFFSET|\+\s*7\s*\*\s*3_?600_?000/, (p) => p === 'libs/domain/src/lib/periods/iso-date.ts')).toEqual([]);
  });

  it('one licence-status rule: no other CASE over licence validity, no fixed 90 days outside the shared default', () => {
    expect(offenders(/THEN 'EXPIRING'/, (p) => p.startsWith('libs/org/src/migrations/'))).toEqual([]);
    expect(offenders(/centre_licence_status\(/, (p) => p.startsWith('libs/org/src/migrations/'))).toEqual([]);
  });

  it('one statement of which types need an operating permission (licence_requirement, read by org)', () => {
    expect(offenders(/NEEDS_OPERATING_PERMISSION|requiresOperatingPermission: (true|false)\b/, (p) => p.startsWith('apps/api/src/seed/'))).toEqual([]);
    expect(offenders(/FROM licence_requirement/, (p) => p.startsWith('libs/org/'))).toEqual([]);
  });

  it('one unit-path lookup (org unitPathOf)', () => {
    expect(offenders(/SELECT path FROM administrative_unit WHERE id = \$1/, (p) => p === 'libs/org/src/lib/org.readers.ts')).toEqual([]);
  });
});
