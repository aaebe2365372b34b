/**
 * Generated provinces for the consistency suite: random centres of random types with licence and status histories
 * (future-dated changes included), submission timelines with returns, resubmissions, reopenings and extensions,
 * and accepted values. Each case lives in a fresh commune of its own under the province, so cases never see each
 * other's centres and need no cleanup; rows are inserted directly as the owner (the API would be too slow for
 * hundreds of cases), and the answers are then read through the real GraphQL API and services.
 */
import fc from 'fast-check';
import type { Client } from 'pg';
import {
  oraclePeriods, plusDays, REQUIRED_KINDS, statusOn,
} from './oracle';
import type {
  Day, LicenceKindName, OracleCentre, OracleCentreType, OraclePeriod, OraclePeriodType, OracleStatusChange, OracleStep, StatusName,
} from './oracle';

/** Runs per property: at least 100 in CI; CONSISTENCY_RUNS for more locally. CONSISTENCY_SEED replays a failure. */
export function fcParams(): fc.Parameters<unknown> {
  const runs = Math.max(1, Number(process.env['CONSISTENCY_RUNS'] ?? 100));
  const seed = process.env['CONSISTENCY_SEED'] ? Number(process.env['CONSISTENCY_SEED']) : Date.now() ^ (Math.random() * 0x7fffffff);
  const path = process.env['CONSISTENCY_PATH'];
  return {
    numRuns: runs,
    seed,
    ...(path ? { path } : {}),
    // Shrinking creates a database world per step: bounded, so a failure reports within minutes (the seed and
    // path still replay the exact case). CONSISTENCY_SHRINK=0 skips it.
    endOnFailure: process.env['CONSISTENCY_SHRINK'] === '0',
    interruptAfterTimeLimit: Number(process.env['CONSISTENCY_TIME_LIMIT_MS'] ?? 480_000),
    markInterruptAsFailure: true,
    // The failure message carries seed and path; the reporter below prints how to replay it.
    reporter: (details) => {
      if (details.failed) {
        const replay = `CONSISTENCY_SEED=${details.seed} CONSISTENCY_PATH=${details.counterexamplePath ?? ''} CONSISTENCY_RUNS=${runs}`;
        const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${fc.defaultReportMessage(details)}\n${cause}\nReplay: ${replay} npm test -- --runInBand apps/api/test/consistency`);
      }
    },
  };
}

export const TEMPLATES_OF: Record<OracleCentreType, string[]> = {
  PROVINCIAL_GDTX: ['GDTX_SEMESTER', 'GDTX_SCHOOL_YEAR'],
  GDNN_GDTX: ['GDTX_SEMESTER', 'GDTX_SCHOOL_YEAR'],
  LANGUAGE: ['LANGUAGE_IT_QUARTERLY'],
  IT: ['LANGUAGE_IT_QUARTERLY'],
  LANGUAGE_IT: ['LANGUAGE_IT_QUARTERLY'],
  LIFE_SKILLS: ['LANGUAGE_IT_QUARTERLY'],
};

export const PERIOD_TYPE_OF: Record<string, OraclePeriodType> = {
  GDTX_SEMESTER: 'SEMESTER',
  GDTX_SCHOOL_YEAR: 'SCHOOL_YEAR',
  LANGUAGE_IT_QUARTERLY: 'QUARTER',
};

/** Integer keys the indicators read, per template (domain §C1, §C2). */
export const VALUE_KEYS: Record<string, string[]> = {
  GDTX_SEMESTER: [
    'exam_certified', 'exam_candidates', 'exam_councils', 'staff_masters', 'staff_doctorates', 'staff_tenured', 'staff_ldtt', 'staff_total',
    'secondary_graduates', 'secondary_dropouts', 'joint_long_term_intake', 'joint_short_term_intake', 'target_joint_long_term_intake', 'short_course_certified',
  ],
  LANGUAGE_IT_QUARTERLY: ['foreign_teachers_dossier_complete', 'teachers_foreign', 'certificates_issued'],
};
VALUE_KEYS['GDTX_SCHOOL_YEAR'] = VALUE_KEYS['GDTX_SEMESTER'];

// ---------------------------------------------------------------------------------------------------------------
// The generated world

export interface GenReport {
  templateCode: string;
  periodCode: string;
  /** null: no submission row at all; [] with draft: a draft never submitted. */
  steps: OracleStep[] | null;
  extension: Day | null;
  values: Record<string, number>;
}

export interface GenCentre extends OracleCentre {
  reports: GenReport[];
}

export interface World {
  centres: GenCentre[];
}

export const ESTABLISHED_ON = '2019-01-01';
const TYPES: OracleCentreType[] = ['PROVINCIAL_GDTX', 'GDNN_GDTX', 'LANGUAGE', 'IT', 'LANGUAGE_IT', 'LIFE_SKILLS'];
const STATUSES: StatusName[] = ['ACTIVE', 'NOT_ENROLLING', 'SUSPENDED', 'DISSOLVED'];

/** Day offsets relative to `today`: mostly the past, some in the future (future-dated licences and statuses). */
const offset = (min: number, max: number) => fc.integer({ min, max });

function licencesArb(type: OracleCentreType, today: Day) {
  const kinds: LicenceKindName[] = ['ESTABLISHMENT', 'OPERATING_PERMISSION', 'DIRECTOR_RECOGNITION'];
  const licence = (kind: LicenceKindName) =>
    fc.record({
      kind: fc.constant(kind),
      validFrom: offset(-1400, 120).map((o) => plusDays(today, o)),
      state: fc.constantFrom<'IN_FORCE' | 'SUPERSEDED' | 'REVOKED'>('IN_FORCE', 'IN_FORCE', 'IN_FORCE', 'SUPERSEDED', 'REVOKED'),
    });
  // A required kind is usually held (sometimes never issued); the others sometimes (a public centre with a stray permission).
  return fc
    .tuple(...kinds.map((kind) => fc.array(licence(kind), { minLength: 0, maxLength: 2 }).chain((ls) =>
      REQUIRED_KINDS[type].includes(kind) && !ls.length ? fc.oneof({ weight: 4, arbitrary: fc.array(licence(kind), { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.constant(ls) }) : fc.constant(ls),
    )))
    .map((lists) => lists.flat());
}

function statusesArb(today: Day) {
  return fc
    .array(fc.record({ status: fc.constantFrom(...STATUSES), at: offset(-1300, 200) }), { maxLength: 3 })
    .map((changes) => {
      const byDay = new Map<number, StatusName>();
      for (const c of changes) byDay.set(c.at, c.status);
      // Like createCentre: an ACTIVE record from the establishment (2019-01-01), then the changes, future ones included.
      const changed = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([at, status]): OracleStatusChange => ({ status, from: plusDays(today, at) }));
      return [{ status: 'ACTIVE', from: ESTABLISHED_ON } as OracleStatusChange, ...changed];
    });
}

/** A workflow timeline: submit, then any walk through return / resubmit / accept / reopen, on non-decreasing days. */
function stepsArb(due: Day, today: Day): fc.Arbitrary<OracleStep[] | null> {
  const step = fc.record({ gap: fc.integer({ min: 0, max: 25 }), choice: fc.nat(99), resubmitGap: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }) });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant<OracleStep[]>([]) },
    {
      weight: 6,
      arbitrary: fc.record({ firstOffset: fc.integer({ min: -30, max: 40 }), walk: fc.array(step, { maxLength: 5 }) }).map(({ firstOffset, walk }) => {
        const steps: OracleStep[] = [];
        let day = plusDays(due, firstOffset);
        if (day > today) return [];
        steps.push({ action: 'SUBMITTED', on: day });
        let state: 'SUBMITTED' | 'RETURNED' | 'ACCEPTED' = 'SUBMITTED';
        for (const s of walk) {
          day = plusDays(day, s.gap);
          if (day > today) break;
          if (state === 'SUBMITTED') {
            if (s.choice < 50) {
              steps.push({ action: 'RETURNED', on: day, resubmitBy: s.resubmitGap === null ? null : plusDays(day, s.resubmitGap) });
              state = 'RETURNED';
            } else {
              steps.push({ action: 'ACCEPTED', on: day });
              state = 'ACCEPTED';
            }
          } else if (state === 'RETURNED') {
            steps.push({ action: 'SUBMITTED', on: day });
            state = 'SUBMITTED';
          } else {
            steps.push({ action: 'REOPENED', on: day, resubmitBy: s.resubmitGap === null ? null : plusDays(day, s.resubmitGap) });
            state = 'RETURNED';
          }
        }
        return steps;
      }),
    },
  );
}

/** Some of the indicator keys with random counts (0 included: a zero denominator must give no value). */
function valuesArb(templateCode: string): fc.Arbitrary<Record<string, number>> {
  const keys = VALUE_KEYS[templateCode];
  return fc.dictionary(fc.constantFrom(...keys), fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constant(0)), { maxKeys: keys.length });
}

export function deadlineDays(templateCode: string, deadlines: Record<string, number>): number {
  return deadlines[templateCode];
}

export interface WorldOptions {
  today: Day;
  /** Days after the period's end each template is due (read from the published templates: data, not code). */
  deadlines: Record<string, number>;
  /** The periods a report may be generated for, per template. */
  periodsOf: (templateCode: string) => OraclePeriod[];
  maxCentres?: number;
  /** Make most steps end accepted (for the indicator properties). */
  mostlyAccepted?: boolean;
}

export function worldArb(o: WorldOptions): fc.Arbitrary<World> {
  const centre = fc.constantFrom(...TYPES).chain((type) =>
    fc
      .record({
        licences: licencesArb(type, o.today),
        statuses: statusesArb(o.today),
        reports: fc.tuple(
          ...TEMPLATES_OF[type].map((t) =>
            fc.subarray(o.periodsOf(t)).chain((periods) =>
              periods.length
                ? fc.tuple(
                    ...periods.map((p) =>
                      fc.record({
                        templateCode: fc.constant(t),
                        periodCode: fc.constant(p.code),
                        steps: o.mostlyAccepted ? acceptedStepsArb(plusDays(p.end, o.deadlines[t]), o.today) : stepsArb(plusDays(p.end, o.deadlines[t]), o.today),
                        extension: fc.option(fc.integer({ min: -5, max: 30 }).map((d) => plusDays(p.end, o.deadlines[t] + d)), { nil: null, freq: 3 }),
                        values: valuesArb(t),
                      }),
                    ),
                  )
                : fc.constant([] as GenReport[]),
            ),
          ),
        ).map((lists) => lists.flat()),
      })
      .map((r): GenCentre => ({ type, ...r })),
  );
  return fc.record({ centres: fc.array(centre, { minLength: 1, maxLength: o.maxCentres ?? 4 }) });
}

/** Timelines for the indicator properties: mostly accepted reports, some submitted, returned or reopened. */
function acceptedStepsArb(due: Day, today: Day): fc.Arbitrary<OracleStep[] | null> {
  const on = (d: number) => (plusDays(due, d) > today ? today : plusDays(due, d));
  return fc.constantFrom<OracleStep[] | null>(
    [{ action: 'SUBMITTED', on: on(-1) }, { action: 'ACCEPTED', on: on(3) }],
    [{ action: 'SUBMITTED', on: on(-1) }, { action: 'ACCEPTED', on: on(3) }],
    [{ action: 'SUBMITTED', on: on(2) }, { action: 'ACCEPTED', on: on(4) }],
    [{ action: 'SUBMITTED', on: on(0) }],
    [{ action: 'SUBMITTED', on: on(0) }, { action: 'RETURNED', on: on(1) }],
    [{ action: 'SUBMITTED', on: on(0) }, { action: 'ACCEPTED', on: on(1) }, { action: 'REOPENED', on: on(2) }],
    [],
    null,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Inserting a world (as the owner: RLS is the product's, the rows are what the API would have written)

export interface Base {
  provinceId: string;
  provinceUnitId: string;
  provincePath: string;
}

export async function readBase(owner: Client, provinceCode = 'TH'): Promise<Base> {
  const { rows } = await owner.query(`SELECT id, province_id, path FROM administrative_unit WHERE level = 'PROVINCE' AND code = $1`, [provinceCode]);
  if (!rows.length) throw new Error(`no province ${provinceCode} in the demo data`);
  return { provinceId: rows[0].province_id, provinceUnitId: rows[0].id, provincePath: rows[0].path };
}

export interface InsertedCentre {
  id: string;
  code: string;
  gen: GenCentre;
  /** submission id per `${templateCode}|${periodCode}` */
  submissions: Map<string, string>;
}

export interface InsertedWorld {
  unitId: string;
  /** The commune's parent (generated worlds only): the heat map is asked over it. */
  areaId?: string;
  unitPath: string;
  centres: InsertedCentre[];
}

let worldCounter = 0;

export const at = (day: Day) => `${day}T03:00:00Z`; // 10:00 in Vietnam: the same calendar day

/** One transaction per world: one commit instead of one per row. */
export async function insertWorld(owner: Client, base: Base, world: World, today: Day): Promise<InsertedWorld> {
  await owner.query('BEGIN');
  try {
    const w = await insertWorldRows(owner, base, world, today);
    await owner.query('COMMIT');
    return w;
  } catch (e) {
    await owner.query('ROLLBACK');
    throw e;
  }
}

async function insertWorldRows(owner: Client, base: Base, world: World, today: Day): Promise<InsertedWorld> {
  const n = ++worldCounter;
  const tag = `CS${process.pid % 1000}-${n}`;
  // A parent area of its own (so the heat map grouped by unit over it has this commune's row and nothing else's),
  // and the commune the centres are in.
  const unit = async (parentId: string, parentPath: string, level: string, code: string, name: string) => {
    const { rows } = await owner.query(
      `INSERT INTO administrative_unit (province_id, parent_id, level, code, name, path, valid_from) VALUES ($1, $2, $3, $4, $5, '', '2000-01-01') RETURNING id`,
      [base.provinceId, parentId, level, code, name],
    );
    const path = `${parentPath}${rows[0].id}/`;
    await owner.query(`UPDATE administrative_unit SET path = $2 WHERE id = $1`, [rows[0].id, path]);
    return { id: rows[0].id as string, path };
  };
  const area = await unit(base.provinceUnitId, base.provincePath, 'DISTRICT', `${tag}-KV`, `Khu vực kiểm thử ${tag}`);
  const commune = await unit(area.id, area.path, 'COMMUNE', tag, `Xã kiểm thử ${tag}`);
  const unitId = commune.id;
  const unitPath = commune.path;
  const centres: InsertedCentre[] = [];
  for (const [i, gen] of world.centres.entries()) {
    const code = `${tag}-${i + 1}`;
    const current = statusOn(gen, today);
    const since = [...gen.statuses].reverse().find((s) => s.from <= today)?.from ?? '2020-01-01';
    const { rows } = await owner.query(
      `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path, status, status_since, established_on)
       VALUES ($1, $2, $3, lower($3), $4, $5, $6, $7, $8, $9, $10, $11, '${ESTABLISHED_ON}') RETURNING id`,
      [base.provinceId, code, `Trung tâm ${code}`, gen.type, gen.type.endsWith('GDTX') ? 'PUBLIC' : 'PRIVATE', unitId, base.provinceUnitId, unitPath, base.provincePath, current, since],
    );
    const id = rows[0].id as string;
    for (const [j, l] of gen.licences.entries()) {
      await owner.query(
        `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, valid_from, state) VALUES ($1, $2, $3, $4, $5, 'Sở GDĐT', $5, $6)`,
        [base.provinceId, id, l.kind, `${code}/${j}`, l.validFrom, l.state],
      );
    }
    for (const [j, s] of gen.statuses.entries()) {
      const next = gen.statuses[j + 1];
      await owner.query(
        `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, valid_to, reason) VALUES ($1, $2, $3, $4, $5, 'kiểm thử')`,
        [base.provinceId, id, s.status, s.from, next ? plusDays(next.from, -1) : null],
      );
    }
    const submissions = new Map<string, string>();
    for (const r of gen.reports) {
      if (r.extension) {
        await owner.query(
          `INSERT INTO deadline_extension (province_id, centre_id, template_code, period_code, due_date, reason) VALUES ($1, $2, $3, $4, $5, 'Gia hạn kiểm thử')`,
          [base.provinceId, id, r.templateCode, r.periodCode, r.extension],
        );
      }
      if (r.steps === null) continue;
      submissions.set(`${r.templateCode}|${r.periodCode}`, await insertTimeline(owner, base.provinceId, id, r));
    }
    centres.push({ id, code, gen, submissions });
  }
  return { unitId, unitPath, areaId: area.id, centres };
}

async function insertTimeline(owner: Client, provinceId: string, centreId: string, r: GenReport): Promise<string> {
  const values = JSON.stringify(r.values);
  const { rows } = await owner.query(
    `INSERT INTO submission (province_id, centre_id, template_code, template_version, period_code, status, "values")
     VALUES ($1, $2, $3, 1, $4, 'DRAFT', $5::jsonb) RETURNING id`,
    [provinceId, centreId, r.templateCode, r.periodCode, values],
  );
  const id = rows[0].id as string;
  let status = 'DRAFT';
  let version = 1;
  let number = 0;
  let submittedAt: string | null = null;
  let acceptedAt: string | null = null;
  for (const s of r.steps ?? []) {
    const from = status;
    status = s.action === 'REOPENED' ? 'RETURNED' : s.action;
    version++;
    if (s.action === 'SUBMITTED') {
      number++;
      submittedAt = at(s.on);
      await owner.query(
        `INSERT INTO submission_version (province_id, centre_id, submission_id, number, template_version, "values", submitted_at) VALUES ($1, $2, $3, $4, 1, $5::jsonb, $6)`,
        [provinceId, centreId, id, number, values, submittedAt],
      );
    }
    if (s.action === 'ACCEPTED') acceptedAt = at(s.on);
    await owner.query(
      `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version, at, resubmit_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [provinceId, centreId, id, s.action, from, status, version, at(s.on), s.resubmitBy ?? null],
    );
  }
  await owner.query(`UPDATE submission SET status = $2, version = $3, submitted_at = $4, accepted_at = $5 WHERE id = $1`, [id, status, version, submittedAt, status === 'ACCEPTED' ? acceptedAt : null]);
  return id;
}

/** The periods of a template's type that ended in the last `days` days, plus the current one (dueReports' window). */
export function windowPeriods(templateCode: string, today: Day, days = 366): OraclePeriod[] {
  return oraclePeriods(PERIOD_TYPE_OF[templateCode], plusDays(today, -days), today);
}

// ---------------------------------------------------------------------------------------------------------------
// The demo data read back as a world (the oracle's view of the stored rows, read raw)

const MODELLED_TYPES = new Set<string>(TYPES);

/** Every centre of the province of a type the oracle models, with its histories and timelines read from the tables. */
export async function readWorld(owner: Client, base: Base): Promise<InsertedWorld> {
  const { rows: centres } = await owner.query(`SELECT id, code, type FROM centre WHERE province_id = $1 ORDER BY code`, [base.provinceId]);
  const mine = centres.filter((c) => MODELLED_TYPES.has(c.type));
  const ids = mine.map((c) => c.id);
  const q = async (sql: string) => (await owner.query(sql, [ids])).rows;
  const licences = await q(`SELECT centre_id, kind, to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", state FROM licence_record WHERE centre_id = ANY($1::uuid[])`);
  const statuses = await q(`SELECT centre_id, status, to_char(valid_from, 'YYYY-MM-DD') AS "from", to_char(valid_to, 'YYYY-MM-DD') AS "to" FROM centre_status_history WHERE centre_id = ANY($1::uuid[]) ORDER BY valid_from, recorded_at`);
  const subs = await q(`SELECT id, centre_id, template_code, period_code, "values" FROM submission WHERE centre_id = ANY($1::uuid[])`);
  const events = await q(`SELECT e.submission_id, e.action, e.at, to_char(e.resubmit_by, 'YYYY-MM-DD') AS "resubmitBy" FROM submission_event e WHERE e.centre_id = ANY($1::uuid[]) AND e.action IN ('SUBMITTED','RETURNED','REOPENED','ACCEPTED') ORDER BY e.id`);
  const extensions = await q(`SELECT centre_id, template_code, period_code, to_char(due_date, 'YYYY-MM-DD') AS due FROM deadline_extension WHERE centre_id = ANY($1::uuid[])`);
  return {
    unitId: base.provinceUnitId,
    unitPath: base.provincePath,
    centres: mine.map((c) => {
      // Status rows → changes; a gap after a closed row is ACTIVE (docs/reporting.md: days no interval covers).
      const changes: OracleStatusChange[] = [];
      const own = statuses.filter((s) => s.centre_id === c.id);
      own.forEach((s, i) => {
        changes.push({ status: s.status, from: s.from });
        const next = own[i + 1];
        if (s.to && (!next || next.from > plusDays(s.to, 1))) changes.push({ status: 'ACTIVE', from: plusDays(s.to, 1) });
      });
      const reports: GenReport[] = [];
      const submissions = new Map<string, string>();
      const keys = new Set<string>([
        ...subs.filter((s) => s.centre_id === c.id).map((s) => `${s.template_code}|${s.period_code}`),
        ...extensions.filter((x) => x.centre_id === c.id).map((x) => `${x.template_code}|${x.period_code}`),
      ]);
      for (const key of keys) {
        const [templateCode, periodCode] = key.split('|');
        const sub = subs.find((s) => s.centre_id === c.id && s.template_code === templateCode && s.period_code === periodCode);
        if (sub) submissions.set(key, sub.id);
        reports.push({
          templateCode,
          periodCode,
          steps: sub ? events.filter((e) => e.submission_id === sub.id).map((e) => ({ action: e.action, on: vietnamDayOf(e.at), resubmitBy: e.resubmitBy })) : null,
          extension: extensions.find((x) => x.centre_id === c.id && x.template_code === templateCode && x.period_code === periodCode)?.due ?? null,
          values: sub?.values ?? {},
        });
      }
      const gen: GenCentre = {
        type: c.type,
        licences: licences.filter((l) => l.centre_id === c.id).map((l) => ({ kind: l.kind, validFrom: l.validFrom, state: l.state })),
        statuses: changes.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
        reports,
      };
      return { id: c.id, code: c.code, gen, submissions };
    }),
  };
}

function vietnamDayOf(instant: Date | string): Day {
  return new Date(new Date(instant).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
