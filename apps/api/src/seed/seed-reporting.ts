import type { Client } from 'pg';
import {
  addDays, compareIsoDates, dueDate, expectedFrom, findShippedTemplate, isExpected, periodsBetween, requireReportValues, S0_THANH_HOA_2020_2021_VALUES,
  S0_THANH_HOA_PERIOD, todayInVietnam,
} from '@gdtx/domain';
import type { CentreStatus, IsoDate, Period, SubmissionStatus, TemplateDefinition, ValueMap } from '@gdtx/domain';

/**
 * Reporting history of the demo province (issue 3 item 7), relative to today so the demo always looks
 * current: several school years of the provincial GDTX centre (2020-2021 with the seed S0 figures),
 * the district GDNN-GDTX centres and the private language/IT centres, with accepted, returned, submitted,
 * late, draft and missing reports. The current period of every centre is left open, so each director
 * (gd.gdtx in particular) has a report due now.
 */

interface Actor {
  id: string | null;
  name: string;
}

type Step =
  | { action: 'CREATED'; at: Date; actor: Actor }
  | { action: 'SUBMITTED'; at: Date; actor: Actor; values?: ValueMap }
  | { action: 'RETURNED'; at: Date; actor: Actor; comment: string; fieldComments?: { field: string; comment: string }[] }
  | { action: 'ACCEPTED'; at: Date; actor: Actor };

interface CentreInfo {
  id: string;
  provinceId: string;
  code: string;
  name: string;
  type: string;
  establishedOn: string;
  statuses: { status: CentreStatus; from: string; to: string | null }[];
  licences: { kind: string; validFrom: string; state: string; number: string; validTo: string | null }[];
}

/** 09:00 in Vietnam (02:00 UTC) on a date, shifted by whole days. */
function at(date: IsoDate, days = 0, hour = 9): Date {
  return new Date(`${addDays(date, days)}T${String(hour - 7).padStart(2, '0')}:00:00Z`);
}

export interface ReportingSeedSummary {
  submissions: number;
  events: number;
}

export interface ReportingSeedOptions {
  /**
   * The province a report of a period is written with, when it is not the centre's at seeding time: the demo's
   * province merger (ADR 0015) — a Bắc Giang centre's reports of periods ending from the merger date on were written
   * by Bắc Ninh, the earlier ones stay Bắc Giang's.
   */
  provinceOf?: (centre: { id: string; provinceId: string; code: string }, periodEnd: IsoDate) => string;
}

export async function seedReporting(client: Client, today: IsoDate = todayInVietnam(), options: ReportingSeedOptions = {}): Promise<ReportingSeedSummary> {
  const users = new Map<string, Actor>(
    (await client.query(`SELECT id, username, full_name FROM app_user`)).rows.map((u) => [u.username as string, { id: u.id as string, name: u.full_name as string }]),
  );
  const centres = await loadCentres(client);
  const reviewer = users.get('so.chuyenvien')!;
  const supervisorThoXuan = users.get('phong.thoxuan')!;
  const directorOf: Record<string, Actor | undefined> = {
    'TH-GDTX': users.get('gd.gdtx'),
    'TH-NN-004': users.get('gd.hoasen'),
    'TH-NN-001': users.get('gd.lamson'),
  };
  const summary: ReportingSeedSummary = { submissions: 0, events: 0 };
  const write = async (centre: CentreInfo, template: TemplateDefinition, period: Period, values: ValueMap, steps: Step[]) => {
    const provinceId = options.provinceOf?.(centre, period.end) ?? centre.provinceId;
    const n = await insertSubmission(client, { ...centre, provinceId }, template, period, values, steps);
    summary.submissions += 1;
    summary.events += n;
  };
  const completed = (type: TemplateDefinition['periodType'], from: IsoDate) =>
    periodsBetween(type, from, today).filter((p) => compareIsoDates(p.end, today) < 0);

  // 1. The provincial GDTX centre (S0): school years since 2020-2021 and their semesters.
  const gdtx = centres.get('TH-GDTX')!;
  const director = directorOf['TH-GDTX']!;
  // The history was filed before version 2 (computed rates and total) was published: it keeps version 1 and the
  // rates it was typed with; a report the demo creates from today on gets the newest version.
  const year = findShippedTemplate('GDTX_SCHOOL_YEAR', 1)!;
  const semester = findShippedTemplate('GDTX_SEMESTER', 1)!;
  const years = completed('SCHOOL_YEAR', '2020-09-01');
  for (const [k, period] of years.entries()) {
    const due = dueDate(period, year.deadline);
    const values = period.code === S0_THANH_HOA_PERIOD ? { ...S0_THANH_HOA_2020_2021_VALUES } : gdtxValues(1, k);
    const isLast = k === years.length - 1;
    const late = k === 2; // one school-year summary came in late
    const steps: Step[] = [
      { action: 'CREATED', at: at(due, -25), actor: director },
      { action: 'SUBMITTED', at: at(due, late ? 6 : -2), actor: director },
    ];
    if (!isLast) steps.push({ action: 'ACCEPTED', at: at(due, late ? 9 : 3), actor: reviewer });
    await write(gdtx, year, period, values, steps);
  }
  const semesters = completed('SEMESTER', '2020-09-01');
  for (const [k, period] of semesters.entries()) {
    const due = dueDate(period, semester.deadline);
    const values = gdtxValues(0.5, k);
    const isLast = k === semesters.length - 1;
    const steps: Step[] = [{ action: 'CREATED', at: at(due, -20), actor: director }, { action: 'SUBMITTED', at: at(due, -1), actor: director }];
    if (isLast) {
      // Returned with a field comment: the director has something to fix (the web demo's "returned" case).
      steps.push({
        action: 'RETURNED', at: at(due, 4), actor: reviewer,
        comment: 'Đề nghị trung tâm rà soát lại số liệu thi cấp chứng chỉ và bồi dưỡng.',
        fieldComments: [{ field: 'exam_candidates', comment: 'Số dự thi chưa khớp với danh sách hội đồng thi gửi Sở.' }],
      });
    } else if (k === 3) {
      steps.push(
        { action: 'RETURNED', at: at(due, 3), actor: reviewer, comment: 'Số liệu bồi dưỡng chưa khớp với báo cáo tháng.', fieldComments: [{ field: 'short_course_enrolled', comment: 'Kiểm tra lại số học viên tham gia bồi dưỡng.' }] },
        { action: 'SUBMITTED', at: at(due, 6), actor: director, values: { ...values, short_course_enrolled: (values['short_course_enrolled'] as number) + 4 } },
        { action: 'ACCEPTED', at: at(due, 8), actor: reviewer },
      );
    } else {
      steps.push({ action: 'ACCEPTED', at: at(due, 4), actor: reviewer });
    }
    await write(gdtx, semester, period, values, steps);
  }

  // 2. District GDNN-GDTX centres: the last two school years, with late, missing and draft reports.
  const gdnn = [...centres.values()].filter((c) => c.type === 'GDNN_GDTX').sort((a, b) => a.code.localeCompare(b.code));
  for (const [i, centre] of gdnn.entries()) {
    const who: Actor = { id: null, name: 'Giám đốc trung tâm' };
    const recent = completed('SEMESTER', addDays(today, -730));
    for (const [k, period] of recent.entries()) {
      const due = dueDate(period, semester.deadline);
      const isLast = k === recent.length - 1;
      const values = gdtxValues(0.3, k + i);
      if (isLast && i === 1) continue; // missing: shows as overdue
      if (isLast && i === 2) {
        await write(centre, semester, period, values, [{ action: 'CREATED', at: at(due, -3), actor: who }]); // an overdue draft
        continue;
      }
      const lateDays = isLast && i === 0 ? 5 : 0;
      const steps: Step[] = [{ action: 'CREATED', at: at(due, -15), actor: who }, { action: 'SUBMITTED', at: at(due, lateDays || -1), actor: who }];
      if (!isLast) steps.push({ action: 'ACCEPTED', at: at(due, 5), actor: reviewer });
      await write(centre, semester, period, values, steps);
    }
    for (const period of completed('SCHOOL_YEAR', addDays(today, -730))) {
      if (i === 2) continue; // this centre never filed its school-year summaries
      const due = dueDate(period, year.deadline);
      await write(centre, year, period, gdtxValues(0.6, i), [
        { action: 'CREATED', at: at(due, -10), actor: who },
        { action: 'SUBMITTED', at: at(due, -1), actor: who },
        { action: 'ACCEPTED', at: at(due, 6), actor: reviewer },
      ]);
    }
  }

  // 3. Private language / IT / life-skills centres: the last eight quarters where they were expected.
  const quarterly = findShippedTemplate('LANGUAGE_IT_QUARTERLY')!;
  // Bắc Giang's centres (the third province, added with the province merger, issue 12 item 4) come last, so every
  // earlier centre keeps its place in the patterns below (drafts, missing and late quarters) that tests rely on.
  const addedLater = (c: CentreInfo) => (c.code.startsWith('BG-') ? 1 : 0);
  const privateCentres = [...centres.values()]
    .filter((c) => quarterly.centreTypes.includes(c.type as never))
    .sort((a, b) => addedLater(a) - addedLater(b) || a.code.localeCompare(b.code));
  for (const [i, centre] of privateCentres.entries()) {
    const who = directorOf[centre.code] ?? { id: null, name: 'Giám đốc trung tâm' };
    // The demo history is written as the centres lived it: from their operating permission, whether or not a
    // director was recognised (TH-NN-006 has none, so the calendar does not expect it, yet it kept filing).
    const lifecycle = {
      licensedFrom: expectedFrom({ requiredLicenceKinds: ['ESTABLISHMENT', 'OPERATING_PERMISSION'], licences: centre.licences, statusHistory: centre.statuses }),
      statusIntervals: centre.statuses,
    };
    const quarters = completed('QUARTER', addDays(today, -750)).filter((p) => isExpected(p, lifecycle));
    const reviewerOf = centre.code === 'TH-NN-004' ? supervisorThoXuan : centre.provinceId === gdtx.provinceId ? reviewer : { id: null, name: 'Chuyên viên Sở GDĐT' };
    // The demo directors' latest quarter waits in the review queue (the supervisor of Thọ Xuân reviews Hoa Sen).
    const lastIsDraft = !directorOf[centre.code] && i % 3 === 1;
    const hasDirector = centre.licences.some((l) => l.kind === 'DIRECTOR_RECOGNITION');
    for (const [k, period] of quarters.entries()) {
      const due = dueDate(period, quarterly.deadline);
      const values = languageValues(centre, period, k + i);
      const isLast = k === quarters.length - 1;
      if (!hasDirector) {
        // No recognised director: reports are missing; only the latest was started.
        if (isLast) await write(centre, quarterly, period, values, [{ action: 'CREATED', at: at(due, -2), actor: who }]);
        continue;
      }
      if (!isLast && (k + i) % 7 === 6) continue; // a missing quarter now and then
      const steps: Step[] = [{ action: 'CREATED', at: at(due, -8), actor: who }];
      if (isLast && lastIsDraft) {
        await write(centre, quarterly, period, values, steps); // draft, past due
        continue;
      }
      const late = (k + i) % 7 === 5;
      steps.push({ action: 'SUBMITTED', at: at(due, late ? 4 : -1), actor: who });
      if (!isLast && centre.code === 'TH-NN-004' && k === quarters.length - 3) {
        steps.push(
          { action: 'RETURNED', at: at(due, 3), actor: reviewerOf, comment: 'Thiếu hồ sơ giáo viên nước ngoài.', fieldComments: [{ field: 'foreign_teachers_dossier_complete', comment: 'Bổ sung hồ sơ và cập nhật số liệu.' }] },
          { action: 'SUBMITTED', at: at(due, 7), actor: who },
        );
      }
      if (!isLast) steps.push({ action: 'ACCEPTED', at: at(due, 9), actor: reviewerOf });
      await write(centre, quarterly, period, values, steps);
    }
  }
  // 4. Community learning centres (TTHTCĐ): the last four semesters, reviewed by the Sở; some missing or late.
  const tthtcd = findShippedTemplate('TTHTCD_SEMESTER')!;
  const communes = await loadCentres(client, `c.type = 'TTHTCD'`);
  for (const [i, centre] of [...communes.values()].sort((a, b) => a.code.localeCompare(b.code)).entries()) {
    const who: Actor = { id: null, name: 'Giám đốc TTHTCĐ' };
    const recent = completed('SEMESTER', addDays(today, -730)).slice(-4);
    // The commune officer's TTHTCĐ (xa.xuanhoa, today's world) has its latest semester waiting for the commune's review.
    const awaitsCommune = centre.name === 'Trung tâm học tập cộng đồng Xã Xuân Hòa';
    for (const [k, period] of recent.entries()) {
      const due = dueDate(period, tthtcd.deadline);
      const isLast = k === recent.length - 1;
      if (isLast && awaitsCommune) {
        await write(centre, tthtcd, period, tthtcdValues(i + k), [
          { action: 'CREATED', at: at(due, -12), actor: who }, { action: 'SUBMITTED', at: at(due, -2), actor: who },
        ]);
        continue;
      }
      if ((i + k) % 5 === 4) continue; // missing
      const steps: Step[] = [{ action: 'CREATED', at: at(due, -12), actor: who }];
      if (isLast && i % 4 === 1) {
        await write(centre, tthtcd, period, tthtcdValues(i + k), steps);
        continue;
      }
      steps.push({ action: 'SUBMITTED', at: at(due, (i + k) % 6 === 5 ? 3 : -2), actor: who });
      if (!isLast || i % 4 === 2) steps.push({ action: 'ACCEPTED', at: at(due, 7), actor: reviewer });
      await write(centre, tthtcd, period, tthtcdValues(i + k), steps);
    }
  }
  return summary;
}

/** Figures of a TTHTCĐ semester report: topic classes, literacy classes of 10–20 learners, funding, learning models. */
export function tthtcdValues(k: number): ValueMap {
  const participants = 180 + 15 * (k % 5);
  return {
    'topic_classes.farming_technology.classes': 3 + (k % 2),
    'topic_classes.farming_technology.participants': participants,
    'topic_classes.farming_technology.female': Math.round(participants * 0.52),
    'topic_classes.farming_technology.dtts': k % 3 === 0 ? Math.round(participants * 0.3) : 0,
    'topic_classes.law.classes': 2,
    'topic_classes.law.participants': 120 + 5 * (k % 4),
    'topic_classes.law.female': 60,
    'topic_classes.law.dtts': 0,
    'topic_classes.digital_skills.classes': 1 + (k % 2),
    'topic_classes.digital_skills.participants': 40 + 3 * (k % 3),
    'topic_classes.digital_skills.female': 22,
    'topic_classes.digital_skills.dtts': 0,
    xmc_classes: k % 3 === 0 ? 1 : 0,
    xmc_learners: k % 3 === 0 ? 15 : 0,
    post_literacy_classes: 1,
    post_literacy_learners: 12 + (k % 4),
    funding_state_budget: 20,
    funding_other_sources: 5 + (k % 3),
    it_in_management: true,
    study_promotion_leader_on_board: k % 2 === 0,
    'learning_models.learning_families.recognised': 310 + 4 * (k % 5),
    'learning_models.learning_families.eligible': 420,
    'learning_models.learning_clans.recognised': 12,
    'learning_models.learning_clans.eligible': 18,
    'learning_models.learning_communities.recognised': 5,
    'learning_models.learning_communities.eligible': 8,
  };
}

async function loadCentres(client: Client, where = `c.type <> 'TTHTCD'`): Promise<Map<string, CentreInfo>> {
  const { rows } = await client.query(`
    SELECT c.id, c.province_id AS "provinceId", c.code, c.name, c.type, to_char(c.established_on, 'YYYY-MM-DD') AS "establishedOn",
      coalesce((SELECT json_agg(json_build_object('status', h.status, 'from', to_char(h.valid_from, 'YYYY-MM-DD'), 'to', to_char(h.valid_to, 'YYYY-MM-DD')))
                FROM centre_status_history h WHERE h.centre_id = c.id), '[]') AS statuses,
      coalesce((SELECT json_agg(json_build_object('kind', l.kind, 'validFrom', to_char(l.valid_from, 'YYYY-MM-DD'), 'state', l.state,
                                                  'number', l.decision_number, 'validTo', to_char(l.valid_to, 'YYYY-MM-DD')))
                FROM licence_record l WHERE l.centre_id = c.id), '[]') AS licences
    FROM centre c WHERE ${where}`);
  return new Map(rows.map((r) => [r.code as string, r as CentreInfo]));
}

/** Replays the steps into the submission row, its submitted versions and its events. Returns the event count. */
async function insertSubmission(
  client: Client, centre: CentreInfo, template: TemplateDefinition, period: Period, initial: ValueMap, steps: Step[],
): Promise<number> {
  let status: SubmissionStatus = 'DRAFT';
  let version = 1;
  // The seed writes through the same typed parser as the API (issue 11): a bad figure fails the seed, loudly.
  let values = requireReportValues(template, initial);
  const versions: { number: number; values: ValueMap; by: Actor; at: Date }[] = [];
  const events: { action: string; from: SubmissionStatus | null; to: SubmissionStatus; version: number; actor: Actor; at: Date; comment: string | null; fieldComments: unknown[] }[] = [];
  let submittedAt: Date | null = null;
  let acceptedAt: Date | null = null;
  let acceptedBy: string | null = null;
  for (const step of steps) {
    const from = step.action === 'CREATED' ? null : status;
    if (step.action !== 'CREATED') version += 1;
    if (step.action === 'SUBMITTED') {
      if (step.values) {
        values = requireReportValues(template, step.values);
        version += 1; // the fix was saved as a draft first
      }
      status = 'SUBMITTED';
      submittedAt = step.at;
      versions.push({ number: versions.length + 1, values, by: step.actor, at: step.at });
    } else if (step.action === 'RETURNED') status = 'RETURNED';
    else if (step.action === 'ACCEPTED') {
      status = 'ACCEPTED';
      acceptedAt = step.at;
      acceptedBy = step.actor.id;
    }
    events.push({
      action: step.action, from, to: status, version, actor: step.actor, at: step.at,
      comment: step.action === 'RETURNED' ? step.comment : null,
      fieldComments: step.action === 'RETURNED' ? step.fieldComments ?? [] : [],
    });
  }
  const created = steps[0].at;
  const updated = steps[steps.length - 1].at;
  const {
    rows: [{ id }],
  } = await client.query(
    `INSERT INTO submission (province_id, centre_id, template_code, template_version, period_code, status, "values", explanations, version,
                             created_by, created_at, updated_by, updated_at, submitted_at, submitted_by, accepted_at, accepted_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,'{}',$8,$9,$10,$9,$11,$12,$13,$14,$15) RETURNING id`,
    [centre.provinceId, centre.id, template.code, template.version, period.code, status, JSON.stringify(values), version,
      steps[0].actor.id, created, updated, submittedAt, versions.at(-1)?.by.id ?? null, acceptedAt, acceptedBy],
  );
  if (versions.length) {
    await client.query(
      `INSERT INTO submission_version (province_id, centre_id, submission_id, number, template_version, "values", submitted_by, submitted_at)
       SELECT $1, $2, $3, n, $4, v, b, t FROM unnest($5::int[], $6::jsonb[], $7::uuid[], $8::timestamptz[]) AS x(n, v, b, t)`,
      [centre.provinceId, centre.id, id, template.version, versions.map((v) => v.number), versions.map((v) => JSON.stringify(v.values)),
        versions.map((v) => v.by.id), versions.map((v) => v.at)],
    );
  }
  await client.query(
    `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version, actor_user_id, actor_name, comment, field_comments, at)
     SELECT $1, $2, $3, a, f, t, v, u, n, c, fc, ts
     FROM unnest($4::text[], $5::text[], $6::text[], $7::int[], $8::uuid[], $9::text[], $10::text[], $11::jsonb[], $12::timestamptz[])
       AS x(a, f, t, v, u, n, c, fc, ts)`,
    [centre.provinceId, centre.id, id, events.map((e) => e.action), events.map((e) => e.from), events.map((e) => e.to), events.map((e) => e.version),
      events.map((e) => e.actor.id), events.map((e) => e.actor.name), events.map((e) => e.comment), events.map((e) => JSON.stringify(e.fieldComments)),
      events.map((e) => e.at)],
  );
  return events.length;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Figures of a GDTX / GDNN-GDTX report: the S0 staff and facilities, with activity scaled by `scale` (a semester
 * is about half a year; a district centre smaller) and drifting a little with `k`, always within the rules and
 * well inside ±50% of the neighbouring periods.
 */
export function gdtxValues(scale: number, k: number): ValueMap {
  const v: ValueMap = { ...S0_THANH_HOA_2020_2021_VALUES };
  const enrolled = Math.round(561 * scale) + 12 * (k % 5);
  const candidates = Math.round(2279 * scale) + 25 * (k % 4);
  const councils = Math.max(1, Math.round(10 * scale));
  const examCertified = candidates - 5 - (k % 5);
  Object.assign(v, {
    short_course_classes: Math.max(1, Math.round(13 * scale)) + (k % 3),
    short_course_enrolled: enrolled,
    short_course_certified: enrolled - (k % 4),
    manager_course_classes: Math.max(1, Math.round(2 * scale)),
    managers_trained: Math.round(340 * scale) + 3 * (k % 3),
    joint_long_term_intake: Math.round(495 * scale) + 4 * (k % 3),
    joint_short_term_intake: Math.round(494 * scale) + 3 * (k % 4),
    exam_councils: councils,
    exam_candidates: candidates,
    exam_certified: examCertified,
    exam_pass_rate: round1((examCertified / candidates) * 100),
    'exam_by_type.it_basic.councils': councils,
    'exam_by_type.it_basic.candidates': candidates,
    'exam_by_type.it_basic.certified': examCertified,
    outreach_communes: Math.round(559 * Math.min(1, scale * 1.5)),
    outreach_schools: Math.round(2000 * Math.min(1, scale * 1.5)),
  });
  return v;
}

/** Figures of a language / IT / life-skills centre's quarterly report, consistent with its licences and status. */
export function languageValues(centre: Pick<CentreInfo, 'licences' | 'statuses' | 'type'>, period: Period, k: number): ValueMap {
  const licence = (kind: string) => centre.licences.filter((l) => l.kind === kind).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  const establishment = licence('ESTABLISHMENT');
  const permission = licence('OPERATING_PERMISSION');
  const director = licence('DIRECTOR_RECOGNITION');
  const status = [...centre.statuses].sort((a, b) => a.from.localeCompare(b.from)).filter((s) => s.from <= period.end).at(-1);
  const dormant = status && status.status !== 'ACTIVE';
  const subject = centre.type === 'IT' ? 'it' : centre.type === 'LIFE_SKILLS' ? 'life_skills' : 'english';
  const classes = dormant ? 0 : 8 + (k % 4);
  const active = dormant ? 0 : 120 + 6 * (k % 5);
  const values: ValueMap = {
    establishment_decision_no: establishment?.number ?? null,
    establishment_decision_date: establishment?.validFrom ?? null,
    operating_permission_no: permission?.number ?? null,
    operating_permission_date: permission?.validFrom ?? null,
    director_recognition_no: director?.number ?? null,
    director_recognition_expiry: director?.validTo ?? null,
    branch_count: 1,
    teachers_total: dormant ? 1 : 8,
    teachers_vietnamese: dormant ? 1 : 7,
    teachers_foreign: dormant ? 0 : 1,
    foreign_teachers_dossier_complete: dormant ? 0 : 1,
    foreign_teachers_qualified: dormant ? 0 : 1,
    support_staff: dormant ? 1 : 4,
    [`classes_learners.${subject}.classes`]: classes,
    [`classes_learners.${subject}.new_learners`]: dormant ? 0 : 30 + 4 * (k % 3),
    [`classes_learners.${subject}.active_learners`]: active,
    [`classes_learners.${subject}.female`]: Math.round(active * 0.55),
    partner_schools: dormant ? 0 : 1,
    partner_school_pupils: dormant ? 0 : 60,
    certificates_issued: dormant ? 0 : 35 + (k % 6),
    operating_status: status?.status ?? 'ACTIVE',
    operating_status_date: dormant ? status!.from : null,
    tuition_published: true,
    fire_safety_ok: true,
    records_kept: !dormant,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
}
