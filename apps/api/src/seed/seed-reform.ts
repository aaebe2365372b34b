import type { Client } from 'pg';
import { applyReorganisationPlan, type ReorganisationOutcome, type ReorganisationPlan } from '@gdtx/literacy';

/**
 * The full 2025 reform of the demo province (domain §H; docs/adr/0006-reorganisation.md): districts end on
 * 30 Jun 2025, every commune is re-created directly under the province, two more pairs of communes merge, and
 * the centres follow. Not applied by default (the demo keeps its districts so the district supervisor and the
 * existing suites keep their meaning); `DEMO_APPLY_REFORM=1` applies it when seeding, and the literacy e2e
 * test applies the same plan through the `applyReorganisation` mutation.
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
