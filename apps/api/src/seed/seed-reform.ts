import type { Client } from 'pg';
import { applyReorganisationPlan, type ReorganisationOutcome, type ReorganisationPlan } from '@gdtx/org';
import { DEMO_AREAS, DEMO_TODAY_USERS } from './demo-data';

/**
 * The full 2025 reform of the demo province (domain §H; docs/adr/0006-reorganisation.md): districts end on
 * 30 Jun 2025, every commune is re-created directly under the province, two more pairs of communes merge, and
 * the centres follow. Applied by default when seeding, after the pre-reform history (issue 12 item 1; ADR 0012);
 * `DEMO_WORLD=pre-reform` leaves it out, and the literacy e2e tests apply the same plan to that world through
 * the `applyReorganisation` mutation.
 */
export function demoReform2025Plan(unitIdByName: (name: string) => string): ReorganisationPlan {
  return {
    code: 'NQ-1686-2025-TOAN-TINH',
    name: 'Bỏ cấp huyện, sắp xếp đơn vị hành chính cấp xã tỉnh Thanh Hóa (1/7/2025)',
    effectiveDate: '2025-07-01',
    legalBasis: 'Luật Tổ chức chính quyền địa phương 2025; Nghị quyết 1686/NQ-UBTVQH15',
    dissolveDistricts: true,
    mergedCommunes: [
      { code: 'TH-X-XUANLAP', name: 'Xã Xuân Lập', predecessorIds: [unitIdByName('Xã Xuân Tín'), unitIdByName('Xã Thọ Lập')] },
      { code: 'TH-X-THANHLAM', name: 'Xã Thành Lâm', predecessorIds: [unitIdByName('Xã Lũng Niêm'), unitIdByName('Xã Thành Sơn')] },
    ],
  };
}

/** Applies the plan on the seed's connection (owner role, system scope already set by the caller). */
export async function applyDemoReform(client: Client): Promise<ReorganisationOutcome> {
  const { rows } = await client.query(
    `SELECT u.id, u.name, u.province_id FROM administrative_unit u JOIN administrative_unit p ON p.id = u.province_id
     WHERE p.code = 'TH' AND p.level = 'PROVINCE'`,
  );
  const byName = new Map(rows.map((r) => [r.name as string, r.id as string]));
  const provinceId = rows.find((r) => r.name === 'Tỉnh Thanh Hóa')!.province_id as string;
  const plan = demoReform2025Plan((name) => {
    const id = byName.get(name);
    if (!id) throw new Error(`demo reform: no unit named ${name}`);
    return id;
  });
  return applyReorganisationPlan(async (sql, params) => (await client.query(sql, params)).rows, provinceId, plan);
}

/**
 * Supervision in today's world (issue 12 item 2): the areas of DEMO_AREAS over today's communes that succeeded the
 * communes of a former district, and the commune and area officers of DEMO_TODAY_USERS. Runs after the reform.
 */
export async function seedTodaySupervision(client: Client, passwordHash: string): Promise<{ areas: number; users: number }> {
  const province = (await client.query(`SELECT id FROM administrative_unit WHERE level = 'PROVINCE' AND code = 'TH'`)).rows[0].id as string;
  const areaIds = new Map<string, string>();
  for (const a of DEMO_AREAS) {
    const { rows: members } = await client.query(
      `WITH RECURSIVE old AS (
         SELECT c.id FROM administrative_unit c JOIN administrative_unit d ON c.path LIKE d.path || '%' AND c.id <> d.id
         WHERE d.province_id = $1 AND d.level = 'DISTRICT' AND d.code = $2),
       succ AS (SELECT s.successor_id AS id FROM unit_successor s JOIN old ON old.id = s.predecessor_id
                UNION SELECT s.successor_id FROM unit_successor s JOIN succ ON succ.id = s.predecessor_id)
       SELECT DISTINCT u.id FROM administrative_unit u JOIN succ ON succ.id = u.id WHERE u.valid_from <= $3 AND (u.valid_to IS NULL OR u.valid_to >= $3)`,
      [province, a.formerDistrict, a.validFrom],
    );
    if (!members.length) throw new Error(`demo area ${a.code}: no commune succeeded ${a.formerDistrict}`);
    const { rows: [{ id }] } = await client.query(
      `INSERT INTO supervisory_area (province_id, code, name) VALUES ($1,$2,$3) RETURNING id`, [province, a.code, a.name]);
    for (const m of members) {
      await client.query(`INSERT INTO supervisory_area_member (province_id, area_id, unit_id, valid_from) VALUES ($1,$2,$3,$4)`, [province, id, m.id, a.validFrom]);
    }
    areaIds.set(a.code, id);
  }
  for (const u of DEMO_TODAY_USERS) {
    const unitId = u.commune
      ? ((await client.query(`SELECT id FROM administrative_unit WHERE province_id = $1 AND name = $2 AND valid_to IS NULL`, [province, u.commune])).rows[0]?.id as string)
      : null;
    if (u.commune && !unitId) throw new Error(`demo user ${u.username}: no commune ${u.commune} today`);
    await client.query(
      `INSERT INTO app_user (province_id, username, password_hash, full_name, email, role, unit_id, area_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [province, u.username, passwordHash, u.fullName, u.email ?? null, u.role, unitId, u.area ? areaIds.get(u.area)! : null],
    );
  }
  return { areas: DEMO_AREAS.length, users: DEMO_TODAY_USERS.length };
}
