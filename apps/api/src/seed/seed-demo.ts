import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '@gdtx/identity';
import { searchText } from '@gdtx/org';
import { seedReporting } from './seed-reporting';
import { seedLiteracy } from './seed-literacy';
import { applyDemoReform, seedTodaySupervision } from './seed-reform';
import { rebuildProvinceFacts } from '@gdtx/analytics';
import { evaluateProvincesWith } from '@gdtx/compliance';
import { seedDemoDocumentSettings } from '@gdtx/documents';
import { recordProvinceMergerPlan, seedSchematicBoundaries } from '@gdtx/org';
import { compareIsoDates } from '@gdtx/domain';
import {
  BAC_GIANG, BAC_GIANG_CENTRES, BAC_NINH, BAC_NINH_CENTRES, DEMO_PASSWORD, DEMO_PROVINCE_MERGER, DEMO_REORGANISATION, DEMO_USERS, DemoCentre, DemoDistrict, demoWorld, DemoWorld, THANH_HOA, THANH_HOA_CENTRES,
} from './demo-data';

const UNITS_VALID_FROM = '2020-01-01';

interface Units {
  provinceId: string;
  provincePath: string;
  districts: Map<string, { id: string; path: string }>;
  /** key: `${districtCode}/${communeName}` (the commune valid today). */
  communes: Map<string, { id: string; path: string }>;
}

/**
 * Seeds the demo provinces once (idempotent: does nothing if the demo province exists). Runs in one
 * transaction with an explicit system scope, so it works whether or not the connecting role bypasses RLS.
 */
export async function seedDemo(ownerUrl: string, log: (m: string) => void = () => undefined, world: DemoWorld = demoWorld()): Promise<boolean> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.scope', 'system', true)`);
    await client.query('SELECT pg_advisory_xact_lock(727002)');
    const existing = await client.query(`SELECT 1 FROM administrative_unit WHERE level = 'PROVINCE' AND code = $1`, [THANH_HOA.code]);
    if (existing.rowCount) {
      await client.query('ROLLBACK');
      return false;
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const th = await seedUnits(client, THANH_HOA.code, THANH_HOA.name, THANH_HOA.districts);
    await seedReorganisation(client, th);
    const bn = await seedUnits(client, BAC_NINH.code, BAC_NINH.name, BAC_NINH.districts);
    const bg = await seedUnits(client, BAC_GIANG.code, BAC_GIANG.name, BAC_GIANG.districts);
    const centreIds = new Map<string, string>();
    for (const c of THANH_HOA_CENTRES) centreIds.set(c.code, await seedCentre(client, th, c));
    for (const c of BAC_NINH_CENTRES) centreIds.set(c.code, await seedCentre(client, bn, c));
    for (const c of BAC_GIANG_CENTRES) centreIds.set(c.code, await seedCentre(client, bg, c));
    // One TTHTCĐ per commune valid today (domain §B), established by the commune.
    // The commune created by the 2025 merger gets a TTHTCĐ established on the merger date: its history must not
    // place it in a unit that did not exist yet (the predecessors' TTHTCĐ carry the years before).
    for (const [key, commune] of th.communes) {
      const [district, name] = key.split('/');
      const established = name === DEMO_REORGANISATION.into ? DEMO_REORGANISATION.effectiveDate : '2010-09-01';
      await seedCentre(client, th, {
        code: `TTHTCD-${commune.id.slice(0, 8).toUpperCase()}`, name: `Trung tâm học tập cộng đồng ${name}`, type: 'TTHTCD', ownership: 'PUBLIC',
        district, commune: name, establishedOn: established,
        licences: [{ kind: 'ESTABLISHMENT', number: 'TTHTCĐ/QĐ-UBND', decidedOn: established, issuer: `UBND ${name}` }],
      });
    }
    for (const u of DEMO_USERS) {
      const units = u.province === 'TH' ? th : u.province === 'BN' ? bn : bg;
      const unitId = u.role === 'SUPERVISOR' ? units.districts.get(u.scope!)!.id : null;
      const centreId = u.role === 'CENTRE_DIRECTOR' || u.role === 'CENTRE_STAFF' ? centreIds.get(u.scope!)! : null;
      await client.query(
        `INSERT INTO app_user (province_id, username, password_hash, full_name, email, role, unit_id, centre_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [units.provinceId, u.username, passwordHash, u.fullName, u.email ?? null, u.role, unitId, centreId],
      );
    }
    await seedDemoDocumentSettings((sql, params) => client.query(sql, params), th.provinceId);
    // Today's world: Bắc Giang's reports of periods ending from the merger date on were written by Bắc Ninh (ADR 0015).
    const merger = DEMO_PROVINCE_MERGER;
    const provinceOf = world === 'today'
      ? (centre: { provinceId: string }, periodEnd: string) => (centre.provinceId === bg.provinceId && compareIsoDates(periodEnd, merger.effectiveDate) >= 0 ? bn.provinceId : centre.provinceId)
      : undefined;
    const reports = await seedReporting(client, undefined, { provinceOf });
    await seedLiteracy(client);
    // Today's province by default (issue 12 item 1): the reform applied on top of the pre-reform history, then the
    // supervision of today (areas, commune and area officers). DEMO_WORLD=pre-reform keeps the old world.
    const today = world === 'today' ? { reform: await applyDemoReform(client), ...(await seedTodaySupervision(client, passwordHash)) } : null;
    // Today's world: Bắc Giang + Bắc Ninh → Bắc Ninh from 1 Jul 2025 (issue 12 item 4), recorded as the SYSTEM_ADMIN would.
    const provinceMerger = world === 'today'
      ? await recordProvinceMergerPlan(async (sql, params) => (await client.query(sql, params)).rows, {
          absorbedProvinceId: bg.provinceId, survivorProvinceId: bn.provinceId, effectiveDate: merger.effectiveDate, legalBasis: merger.legalBasis,
        }, null)
      : null;
    const provinces = [th.provinceId, bn.provinceId, bg.provinceId];
    // Schematic boundaries of the communes in force today, for the maps (issue 15 item 3): squares, labelled as
    // illustrations on every map; a Sở replaces them by importing official GeoJSON.
    const boundaries = await seedSchematicBoundaries((sql, params) => client.query(sql, params), new Map([
      [th.provinceId, [105.1, 20.4]], [bn.provinceId, [105.9, 21.3]], [bg.provinceId, [106.1, 21.6]],
    ] as [string, [number, number]][]));
    // Fact tables for the seeded accepted reports (what the nightly rebuild would produce).
    for (const provinceId of provinces) await rebuildProvinceFacts(async (sql, params) => (await client.query(sql, params)).rows, provinceId);
    // Compliance findings and their notifications as of today (what the nightly evaluation would produce).
    await evaluateProvincesWith(async (sql, params) => (await client.query(sql, params)).rows, provinces);
    await client.query('COMMIT');
    log(`seeded reporting history: ${reports.submissions} submissions, ${reports.events} events`);
    log(`seeded demo provinces (${world}): ${THANH_HOA.name}, ${BAC_NINH.name}, ${BAC_GIANG.name}; ${DEMO_USERS.length + (today?.users ?? 0)} users`);
    log(`seeded ${boundaries} schematic commune boundaries (not official: labelled as such on the maps)`);
    if (provinceMerger) log(`recorded the province merger ${BAC_GIANG.name} → ${BAC_NINH.name} from ${merger.effectiveDate}: ${provinceMerger.centresMoved} centres moved`);
    if (today) log(`applied the 2025 reform: ${today.reform.districtsDissolved} districts dissolved, ${today.reform.communesCreated} communes under the province; ${today.areas} supervisory areas`);
    return true;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

async function seedUnits(client: Client, code: string, name: string, districts: DemoDistrict[]): Promise<Units> {
  const provinceId = randomUUID();
  const provincePath = `/${provinceId}/`;
  await insertUnit(client, { id: provinceId, provinceId, parentId: null, level: 'PROVINCE', code, name, path: provincePath });
  const units: Units = { provinceId, provincePath, districts: new Map(), communes: new Map() };
  for (const d of districts) {
    const id = randomUUID();
    const path = `${provincePath}${id}/`;
    await insertUnit(client, { id, provinceId, parentId: provinceId, level: 'DISTRICT', code: d.code, name: d.name, path });
    units.districts.set(d.code, { id, path });
    let i = 1;
    for (const commune of d.communes) {
      const cid = randomUUID();
      const cpath = `${path}${cid}/`;
      const level = commune.startsWith('Phường') ? 'WARD' : 'COMMUNE';
      await insertUnit(client, { id: cid, provinceId, parentId: id, level, code: `${d.code}-${String(i++).padStart(2, '0')}`, name: commune, path: cpath });
      units.communes.set(`${d.code}/${commune}`, { id: cid, path: cpath });
    }
  }
  return units;
}

async function seedReorganisation(client: Client, th: Units): Promise<void> {
  const r = DEMO_REORGANISATION;
  const district = th.districts.get(r.district)!;
  const [{ id: reorgId }] = (
    await client.query(
      `INSERT INTO reorganisation (province_id, code, name, effective_date, legal_basis) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
      [th.provinceId, r.code, r.name, r.effectiveDate, r.legalBasis],
    )
  ).rows;
  const newId = randomUUID();
  const newPath = `${district.path}${newId}/`;
  await insertUnit(client, { id: newId, provinceId: th.provinceId, parentId: district.id, level: 'COMMUNE', code: `${r.district}-M1`, name: r.into, path: newPath, validFrom: r.effectiveDate });
  for (const old of r.merged) {
    const key = `${r.district}/${old}`;
    const oldUnit = th.communes.get(key)!;
    await client.query(`UPDATE administrative_unit SET valid_to = ($2::date - 1) WHERE id = $1`, [oldUnit.id, r.effectiveDate]);
    await client.query(
      `INSERT INTO unit_successor (province_id, predecessor_id, successor_id, reorganisation_id) VALUES ($1,$2,$3,$4)`,
      [th.provinceId, oldUnit.id, newId, reorgId],
    );
    th.communes.delete(key);
  }
  th.communes.set(`${r.district}/${r.into}`, { id: newId, path: newPath });
}

async function insertUnit(
  client: Client,
  u: { id: string; provinceId: string; parentId: string | null; level: string; code: string; name: string; path: string; validFrom?: string },
): Promise<void> {
  await client.query(
    `INSERT INTO administrative_unit (id, province_id, parent_id, level, code, name, path, valid_from) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [u.id, u.provinceId, u.parentId, u.level, u.code, u.name, u.path, u.validFrom ?? UNITS_VALID_FROM],
  );
}

async function seedCentre(client: Client, units: Units, c: DemoCentre): Promise<string> {
  const district = units.districts.get(c.district)!;
  const commune = c.commune ? units.communes.get(`${c.district}/${c.commune}`) : undefined;
  const unit = commune ?? district;
  // Centres licensed by the Sở are supervised by the Sở (the province); TTHTCĐ by their commune.
  const supervising = c.type === 'TTHTCD' ? unit : { id: units.provinceId, path: units.provincePath };
  const status = c.status ?? 'ACTIVE';
  const statusSince = c.statusSince ?? c.establishedOn;
  const {
    rows: [{ id }],
  } = await client.query(
    `INSERT INTO centre (province_id, code, name, search_text, type, ownership, admin_unit_id, supervising_unit_id, unit_path, supervising_unit_path,
                         status, status_since, established_on, address)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING id`,
    [units.provinceId, c.code, c.name, searchText(c.name, c.code, c.address), c.type, c.ownership, unit.id, supervising.id, unit.path, supervising.path,
      status, statusSince, c.establishedOn, c.address ?? null],
  );
  await client.query(
    `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, valid_to, reason) VALUES ($1,$2,'ACTIVE',$3,$4,'Thành lập')`,
    [units.provinceId, id, c.establishedOn, status === 'ACTIVE' ? null : dayBefore(statusSince)],
  );
  if (status !== 'ACTIVE') {
    await client.query(
      `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, reason) VALUES ($1,$2,$3,$4,$5)`,
      [units.provinceId, id, status, statusSince, c.statusReason ?? null],
    );
  }
  await client.query(
    `INSERT INTO centre_unit_history (province_id, centre_id, admin_unit_id, supervising_unit_id, valid_from) VALUES ($1,$2,$3,$4,$5)`,
    [units.provinceId, id, unit.id, supervising.id, c.establishedOn],
  );
  for (const l of c.licences) {
    await client.query(
      `INSERT INTO licence_record (province_id, centre_id, kind, decision_number, decided_on, issuer, holder_name, valid_from, valid_to)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [units.provinceId, id, l.kind, l.number, l.decidedOn, l.issuer ?? 'Sở Giáo dục và Đào tạo', l.holder ?? null, l.decidedOn, l.validTo ?? null],
    );
  }
  return id;
}

function dayBefore(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
