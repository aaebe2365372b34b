import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { addDays, dueDate, findShippedTemplate, requireReportValues, todayInVietnam } from '@gdtx/domain';
import type { IsoDate, TemplateDefinition, ValueMap } from '@gdtx/domain';
import { searchText } from '@gdtx/org';

/**
 * Literacy data of the demo province (issue 5): one accepted XMC_COMMUNE_YEARLY report per commune and literacy
 * year, filed by the commune's TTHTCĐ (the TTHTCĐ semester reports with the learning-model counts come from
 * seed-reporting.ts). The figures are shaped so that recognition is interesting (literacy year 2023-2024, `year` 2024):
 *
 * - Xã Nam Giang (Thọ Xuân): 3,596 of 4,000 people aged 15–35 literate at level 1 = 89.9% → not recognised,
 *   so Thọ Xuân has 4 of 5 communes at level 1 (80%) and is not recognised either;
 * - Bá Thước (mountain district; its three communes are ĐBKK by QĐ 861/QĐ-TTg): Xã Lũng Niêm reaches level 1
 *   only on the 15–25 band (15–35: 85%); Xã Thành Sơn reaches level 2 only on the 15–35 band (15–60: 82%);
 *   Xã Lương Nội level 1 on its alternative band → the district has 2 of 4 at level 2 (50%): level 1;
 * - Xã Phú Lâm (Nghi Sơn): 8,995 of 10,000 aged 15–60 at level 2 = 89.95% → level 1; Nghi Sơn: level 1;
 * - every other commune at level 2; the province (NĐ 20/2014, districts) has 4 of 5 districts at level 1
 *   (80%) → not recognised; on today's units (communes directly) 20 of 21 at level 1, 17 of 21 at level 2.
 *
 * Hoằng Châu and Hoằng Phụ (merged into Hoằng Tiến on 1 Jul 2025) report until 2023-2024 through their own
 * TTHTCĐ, dissolved at the merger; from 2024-2025 (which ends 30 Sep 2025) Hoằng Tiến reports for both.
 */

export interface Profile {
  pop25: number;
  pop35: number;
  pop60: number;
  /** Literacy rates (%) per band and level for 2024; other years drift by 0.4 point a year. */
  l1: [number, number, number];
  l2: [number, number, number];
  dttsPct: number;
  dbkk?: boolean;
}

const DBKK_DECISION = 'QĐ 861/QĐ-TTg ngày 04/6/2021';
const DBKK_FROM = '2021-06-04';

/** A standard commune: rates derived from the level-1 rate aged 15–35 and the level-2 rate aged 15–60. */
function standard(pop60: number, l1_35: number, l2Rate60: number, dttsPct = 2): Profile {
  const pop35 = Math.round(pop60 * 0.5);
  const pop25 = Math.round(pop60 * 0.22);
  const l1_25 = Math.min(99.8, l1_35 + 0.8);
  const l1_60 = l1_35 - 2;
  const l2_60 = Math.min(l2Rate60, l1_60 - 0.5);
  return { pop25, pop35, pop60, l1: [l1_25, l1_35, l1_60], l2: [Math.min(l1_25 - 0.5, l2_60 + 3), Math.min(l1_35 - 0.5, l2_60 + 1.5), l2_60], dttsPct };
}

export const PROFILES: Record<string, Profile> = {
  // TP Thanh Hóa
  'Phường Điện Biên': standard(9800, 99.2, 97.1),
  'Phường Lam Sơn': standard(8700, 99.0, 96.8),
  'Phường Ba Đình': standard(7600, 99.3, 97.4),
  'Phường Đông Thọ': standard(11200, 98.9, 96.5),
  'Xã Quảng Thịnh': standard(6400, 98.1, 94.2),
  // Thọ Xuân
  'Thị trấn Thọ Xuân': standard(7100, 98.4, 95.0),
  'Xã Xuân Hòa': standard(5200, 97.6, 93.1),
  'Xã Thọ Lập': standard(4800, 97.2, 92.6),
  'Xã Xuân Tín': standard(5600, 97.0, 92.2),
  // 3,596 / 4,000 = 89.9% aged 15–35 at level 1 (the exact cut-off case)
  'Xã Nam Giang': { pop25: 1760, pop35: 4000, pop60: 8000, l1: [91.0, 89.9, 88.0], l2: [89.0, 88.5, 86.0], dttsPct: 1 },
  // Hoằng Hóa
  'Thị trấn Bút Sơn': standard(6900, 98.8, 95.9),
  'Xã Hoằng Đạo': standard(5900, 97.9, 93.8),
  'Xã Hoằng Châu': standard(4300, 97.5, 93.0),
  'Xã Hoằng Phụ': standard(4700, 97.8, 93.4),
  'Xã Hoằng Trường': standard(6100, 97.3, 92.5),
  // Nghi Sơn
  'Phường Hải Hòa': standard(8800, 98.6, 95.2),
  'Phường Tĩnh Hải': standard(7300, 98.2, 94.6),
  // 8,995 / 10,000 = 89.95% aged 15–60 at level 2
  'Xã Phú Lâm': { pop25: 2200, pop35: 5000, pop60: 10000, l1: [98.5, 97.6, 95.4], l2: [95.0, 93.0, 89.95], dttsPct: 3 },
  // Bá Thước (mountain; ethnic Thái and Mường)
  'Thị trấn Cành Nàng': standard(5400, 97.4, 91.8, 62),
  'Xã Lũng Niêm': { pop25: 1150, pop35: 2400, pop60: 4600, l1: [93.0, 85.0, 80.0], l2: [86.0, 84.0, 74.0], dttsPct: 96, dbkk: true },
  'Xã Thành Sơn': { pop25: 1000, pop35: 2200, pop60: 4100, l1: [95.0, 92.0, 88.0], l2: [92.0, 90.5, 82.0], dttsPct: 94, dbkk: true },
  'Xã Lương Nội': { pop25: 900, pop35: 1900, pop60: 3700, l1: [95.0, 88.5, 84.0], l2: [88.0, 80.0, 72.0], dttsPct: 97, dbkk: true },
};

const BANDS = ['15_25', '15_35', '15_60'] as const;

/** The XMC report of a commune for literacy year ending in `year`. */
export function xmcValues(profile: Profile, year: number): ValueMap {
  const k = year - 2024;
  const grow = (n: number) => Math.round(n * (1 + 0.01 * k));
  const drift = (rate: number) => Math.max(0, Math.min(99.8, rate + 0.4 * k));
  const pops = [grow(profile.pop25), grow(profile.pop35), grow(profile.pop60)];
  if (k === 0) [pops[0], pops[1], pops[2]] = [profile.pop25, profile.pop35, profile.pop60];
  const v: ValueMap = {};
  let prevL1 = 0;
  let prevL2 = 0;
  BANDS.forEach((band, i) => {
    const pop = pops[i];
    // Bands are nested, so every count must grow with the band.
    const l1 = Math.max(prevL1, Math.min(pop, Math.round((pop * (k === 0 ? profile.l1[i] : drift(profile.l1[i]))) / 100)));
    const l2 = Math.max(prevL2, Math.min(l1, Math.round((pop * (k === 0 ? profile.l2[i] : drift(profile.l2[i]))) / 100)));
    prevL1 = l1;
    prevL2 = l2;
    v[`population.${band}.total`] = pop;
    v[`population.${band}.female`] = Math.round(pop * 0.5);
    v[`population.${band}.dtts`] = Math.round((pop * profile.dttsPct) / 100);
    v[`population.${band}.literate_l1`] = l1;
    v[`population.${band}.literate_l2`] = l2;
  });
  const illiterate = (v['population.15_60.total'] as number) - (v['population.15_60.literate_l1'] as number);
  const phase1 = Math.max(0, Math.round(illiterate * 0.04));
  const phase2 = Math.round(phase1 * 0.6);
  const classes = phase1 + phase2 > 0 ? Math.max(1, Math.round((phase1 + phase2) / 20)) : 0;
  Object.assign(v, {
    illiterate_15_60: illiterate,
    disabled_exempt_15_60: Math.round(pops[2] * 0.003),
    dbkk: profile.dbkk === true,
    xmc_classes: classes,
    xmc_learners_phase1: phase1,
    xmc_learners_phase2: phase2,
    xmc_newly_literate: Math.round((phase1 + phase2) * 0.8),
    xmc_teachers_mobilised: classes,
  });
  return v;
}

/** Sum of two communes' reports (the merged commune reports for both). */
function sumValues(a: ValueMap, b: ValueMap): ValueMap {
  const out: ValueMap = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (typeof value === 'number' && typeof a[key] === 'number') out[key] = (a[key] as number) + value;
  }
  out['dbkk'] = a['dbkk'] === true && b['dbkk'] === true;
  return out;
}

interface CommuneRow {
  id: string;
  name: string;
  districtCode: string;
  validFrom: string;
  validTo: string | null;
  path: string;
}

export interface LiteracySeedSummary {
  xmcReports: number;
}

export async function seedLiteracy(client: Client, today: IsoDate = todayInVietnam()): Promise<LiteracySeedSummary> {
  const [province] = (await client.query(`SELECT id, path FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`)).rows;
  const provinceId: string = province.id;
  const communes: CommuneRow[] = (
    await client.query(
      `SELECT c.id, c.name, d.code AS "districtCode", to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(c.valid_to, 'YYYY-MM-DD') AS "validTo", c.path
       FROM administrative_unit c JOIN administrative_unit d ON d.id = c.parent_id
       WHERE c.province_id = $1 AND c.level IN ('COMMUNE', 'WARD') ORDER BY c.code`,
      [provinceId],
    )
  ).rows;
  const reviewer = (await client.query(`SELECT id, full_name FROM app_user WHERE username = 'so.chuyenvien'`)).rows[0] as { id: string; full_name: string };

  // ĐBKK registry: the Bá Thước mountain communes.
  for (const c of communes.filter((x) => PROFILES[x.name]?.dbkk)) {
    await client.query(`INSERT INTO commune_dbkk (province_id, unit_id, valid_from, decision_ref) VALUES ($1,$2,$3,$4)`, [provinceId, c.id, DBKK_FROM, DBKK_DECISION]);
  }

  // The TTHTCĐ of communes that ended before today (merged): created here, dissolved at the merger.
  const centreOf = new Map<string, string>();
  const existing = (await client.query(`SELECT id, admin_unit_id FROM centre WHERE province_id = $1 AND type = 'TTHTCD'`, [provinceId])).rows;
  for (const r of existing) centreOf.set(r.admin_unit_id, r.id);
  for (const c of communes.filter((x) => x.validTo !== null && !centreOf.has(x.id))) {
    const name = `Trung tâm học tập cộng đồng ${c.name}`;
    const dissolvedOn = addDays(c.validTo!, 1);
    const code = `TTHTCD-${c.id.slice(0, 8).toUpperCase()}`;
    const { rows: [{ id }] } = await client.query(
      `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path,
                           status, status_since, established_on)
       VALUES ($1,$2,$3,$4,'TTHTCD','PUBLIC',$5,$5,$6,$6,'DISSOLVED',$7,'2010-09-01') RETURNING id`,
      [provinceId, code, name, searchText(name, code), c.id, c.path, dissolvedOn],
    );
    await client.query(
      `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, valid_to, reason) VALUES ($1,$2,'ACTIVE','2010-09-01',$3,'Thành lập'),
              ($1,$2,'DISSOLVED',$4,NULL,'Hợp nhất khi sắp xếp đơn vị hành chính cấp xã')`,
      [provinceId, id, c.validTo, dissolvedOn],
    );
    await client.query(
      `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from, valid_to) VALUES ($1,$2,$3,$3,'2010-09-01',$4)`,
      [provinceId, id, c.id, c.validTo],
    );
    await client.query(
      `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, valid_from) VALUES ($1,$2,'ESTABLISHMENT','TTHTCĐ/QĐ-UBND','2010-09-01',$3,'2010-09-01')`,
      [provinceId, id, `UBND ${c.name}`],
    );
    centreOf.set(c.id, id);
  }

  const xmc = findShippedTemplate('XMC_COMMUNE_YEARLY', 1)!; // the seeded history predates template v2
  const summary: LiteracySeedSummary = { xmcReports: 0 };
  const predecessors = async (unitId: string) =>
    (await client.query(`SELECT predecessor_id FROM unit_successor WHERE successor_id = $1`, [unitId])).rows.map((r) => r.predecessor_id as string);
  const byId = new Map(communes.map((c) => [c.id, c]));
  const profileValues = async (c: CommuneRow, year: number): Promise<ValueMap | null> => {
    const p = PROFILES[c.name];
    if (p) return xmcValues(p, year);
    // A commune formed by a merger reports for its predecessors together.
    const parts = await Promise.all((await predecessors(c.id)).map((id) => byId.get(id)).filter(Boolean).map((x) => profileValues(x!, year)));
    const present = parts.filter((x): x is ValueMap => x !== null);
    return present.length ? present.reduce(sumValues) : null;
  };

  for (let year = 2022; year <= 2030; year++) {
    const period = `XMC-${year - 1}-${year}`;
    const end = `${year}-09-30`;
    const due = dueDate(period, xmc.deadline);
    if (due >= today) break;
    for (const c of communes) {
      if (c.validFrom > end || (c.validTo !== null && c.validTo < end)) continue; // reported by the commune valid at the year's end
      const centreId = centreOf.get(c.id);
      const values = await profileValues(c, year);
      if (!centreId || !values) continue;
      await insertAccepted(client, { provinceId, centreId, template: xmc, period, values, submittedOn: addDays(due, -3), acceptedOn: addDays(due, 5), reviewer });
      summary.xmcReports += 1;
    }
  }
  return summary;
}

async function insertAccepted(
  client: Client,
  s: { provinceId: string; centreId: string; template: TemplateDefinition; period: string; values: ValueMap; submittedOn: string; acceptedOn: string; reviewer: { id: string; full_name: string } },
): Promise<void> {
  const submittedAt = new Date(`${s.submittedOn}T03:00:00Z`);
  const acceptedAt = new Date(`${s.acceptedOn}T03:00:00Z`);
  const id = randomUUID();
  // The seed writes through the same typed parser as the API (issue 11): a bad figure fails the seed, loudly.
  const values = JSON.stringify(requireReportValues(s.template, s.values));
  await client.query(
    `INSERT INTO submission (id, province_id, centre_id, template_code, template_version, period_code, status, "values", version,
                             created_at, updated_at, submitted_at, accepted_at, accepted_by, updated_by)
     VALUES ($1,$2,$3,$4,$5,$6,'ACCEPTED',$7,3,$8,$9,$8,$9,$10,$10)`,
    [id, s.provinceId, s.centreId, s.template.code, s.template.version, s.period, values, submittedAt, acceptedAt, s.reviewer.id],
  );
  await client.query(
    `INSERT INTO submission_version (province_id, centre_id, submission_id, number, template_version, "values", submitted_at) VALUES ($1,$2,$3,1,$4,$5,$6)`,
    [s.provinceId, s.centreId, id, s.template.version, values, submittedAt],
  );
  await client.query(
    `INSERT INTO submission_event (province_id, centre_id, submission_id, action, from_status, to_status, submission_version, actor_user_id, actor_name, at)
     VALUES ($1,$2,$3,'CREATED',NULL,'DRAFT',1,NULL,'Trung tâm học tập cộng đồng',$4),
            ($1,$2,$3,'SUBMITTED','DRAFT','SUBMITTED',2,NULL,'Trung tâm học tập cộng đồng',$4),
            ($1,$2,$3,'ACCEPTED','SUBMITTED','ACCEPTED',3,$5,$6,$7)`,
    [s.provinceId, s.centreId, id, submittedAt, s.reviewer.id, s.reviewer.full_name, acceptedAt],
  );
}
