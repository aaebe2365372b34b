// One owner per table (issue 11, Build 6). The scanner is scripts/table-ownership.ts; this test fails, naming
// file, line, table and owner, when a lib names another context's table, view or function outside the owner's
// SQL read model, the RLS rule (org's rlsRuleFunctions) and the exemptions listed here.
import {
  crossings, describeCrossing, libSources, ownershipModel, type Exemption, type SourceFile,
} from './table-ownership';

const foreignKey = (table: string) =>
  `a foreign key to ${table}(id): integrity kept by the database, no code reads or writes through it`;
const AUDIT_READ_POLICY =
  "audit_event is platform's, readable like its centre; platform may not know the centre rule, so org sets its read policy";

/** Permanent, each with its reason. */
const EXEMPTIONS: readonly Exemption[] = [
  { lib: 'compliance', name: 'administrative_unit', path: 'libs/compliance/src/migrations/1732000005000-compliance-core.ts', reason: foreignKey('administrative_unit') },
  { lib: 'compliance', name: 'centre', path: 'libs/compliance/src/migrations/1732000005000-compliance-core.ts', reason: foreignKey('centre') },
  { lib: 'identity', name: 'administrative_unit', path: 'libs/identity/src/migrations/1732000002000-identity-core.ts', reason: foreignKey('administrative_unit') },
  { lib: 'identity', name: 'centre', path: 'libs/identity/src/migrations/1732000002000-identity-core.ts', reason: foreignKey('centre') },
  { lib: 'literacy', name: 'administrative_unit', path: 'libs/literacy/src/migrations/1732000006000-literacy-parameters.ts', reason: foreignKey('administrative_unit') },
  { lib: 'notify', name: 'app_user', path: 'libs/notify/src/migrations/1732000005100-notify-core.ts', reason: foreignKey('app_user') },
  { lib: 'notify', name: 'centre', path: 'libs/notify/src/migrations/1732000005100-notify-core.ts', reason: foreignKey('centre') },
  { lib: 'org', name: 'audit_event', path: 'libs/org/src/migrations/1732000001000-org-core.ts', reason: AUDIT_READ_POLICY },
  { lib: 'org', name: 'audit_event', path: 'libs/org/src/migrations/1733001000000-the-rls-rule.ts', reason: AUDIT_READ_POLICY },
  { lib: 'reporting', name: 'centre', path: 'libs/reporting/src/migrations/1732000003000-reporting-core.ts', reason: foreignKey('centre') },
];

describe('one owner per table', () => {
  const files = libSources();
  const model = ownershipModel(files);

  it('each table, view and function is created by one lib; read models are views with explicit columns', () => {
    expect(model.problems).toEqual([]);
    expect(model.owners.get('centre')?.owner).toBe('org');
    expect(model.owners.get('submission')?.owner).toBe('reporting');
    expect(model.rlsRule).toContain('app_sees_centre');
  });

  it('no lib names another context\'s table outside its read model, the RLS rule and the listed exemptions', () => {
    // The ratchet of crossings found when this test was written (NOT_YET_MOVED, 25) reached zero (issue 11, Build 6).
    expect(crossings(files, model, EXEMPTIONS).map(describeCrossing)).toEqual([]);
  });

  it('platform names no feature table and no rule of a context', () => {
    expect(crossings(files, model, EXEMPTIONS).filter((c) => c.lib === 'platform').map(describeCrossing)).toEqual([]);
  });

  it('every exemption is still needed', () => {
    const unused = EXEMPTIONS.filter((e) => crossings(files, model, EXEMPTIONS.filter((x) => x !== e)).every((c) => !(c.path === e.path && c.name === e.name)));
    expect(unused).toEqual([]);
  });
});

describe('the ownership scanner can fail (self-test on fixtures)', () => {
  const fixture: SourceFile[] = [
    { path: 'libs/org/src/migrations/1-core.ts', text: "q(`CREATE TABLE centre (id uuid)`); q(`CREATE VIEW org_centre_names (id, name) AS SELECT id, name FROM centre`);" },
    { path: 'libs/org/src/index.ts', text: "export const orgSqlReadModel = ['org_centre_names'];" },
    { path: 'libs/reporting/src/migrations/1-core.ts', text: "q(`CREATE TABLE submission (id uuid)`); q(`CREATE VIEW reporting_open (id) AS SELECT id FROM submission`);" },
    {
      path: 'libs/analytics/src/lib/x.service.ts',
      text: [
        '// a comment may name FROM centre',
        "const ok = await em.query(`SELECT name FROM org_centre_names WHERE id = $1`);",
        "const bad = await em.query(`SELECT s.id FROM submission s",
        '  JOIN centre c ON c.id = s.centre_id`);',
        "const scope = 'centre';",
      ].join('\n'),
    },
    { path: 'libs/platform/src/lib/helpers.ts', text: "export const P = `EXISTS (SELECT 1 FROM centre c WHERE c.id = centre_id)`;" },
  ];
  const model = ownershipModel(fixture);

  it('finds a read of another context\'s table, with file, line, table and owner', () => {
    const found = crossings(fixture, model);
    expect(found.map((c) => [c.path, c.line, c.name, c.owner])).toEqual([
      ['libs/analytics/src/lib/x.service.ts', 3, 'submission', 'reporting'],
      ['libs/analytics/src/lib/x.service.ts', 4, 'centre', 'org'],
      ['libs/platform/src/lib/helpers.ts', 1, 'centre', 'org'],
    ]);
  });

  it('an exemption hides exactly its crossing', () => {
    const exemption: Exemption = { lib: 'platform', name: 'centre', path: 'libs/platform/src/lib/helpers.ts', reason: 'fixture' };
    expect(crossings(fixture, model, [exemption]).map((c) => c.lib)).toEqual(['analytics', 'analytics']);
  });

  it('a read model must be a view of its own lib with explicit columns', () => {
    const bad = ownershipModel([
      ...fixture,
      { path: 'libs/reporting/src/migrations/2-more.ts', text: 'q(`CREATE VIEW reporting_all AS SELECT * FROM submission`);' },
      { path: 'libs/reporting/src/index.ts', text: "export const reportingSqlReadModel = ['reporting_all', 'submission', 'org_centre_names'];" },
    ]);
    expect(bad.problems).toHaveLength(3);
  });
});
