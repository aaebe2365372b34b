import { todayInVietnam } from '@gdtx/domain';
import { insertNotifications } from '@gdtx/notify';
import { centreRefsOfProvinces } from '@gdtx/org';
import type { Sql } from '@gdtx/notify';
import { evaluateCentreWith, findingNotification } from './compliance-engine';

/**
 * Evaluates every centre of the given provinces over one connection already in a system-scope transaction (the
 * demo seed), and records the in-app notifications for what it found (no e-mail: the seed sends nothing).
 * The same rules and upserts as the jobs, so running the nightly job afterwards changes nothing.
 */
export async function evaluateProvincesWith(sql: Sql, provinceIds: readonly string[], asOf = todayInVietnam()): Promise<{ centres: number; open: number; notifications: number }> {
  const centres = await centreRefsOfProvinces({ query: sql }, provinceIds);
  let open = 0;
  let notifications = 0;
  for (const c of centres) {
    const outcome = await evaluateCentreWith(sql, c.id, asOf);
    if (!outcome) continue;
    open += outcome.open;
    for (const f of outcome.toNotify) notifications += (await insertNotifications(sql, findingNotification(outcome.provinceId, f), { email: false })).length;
  }
  return { centres: centres.length, open, notifications };
}
