import type { Role } from '@gdtx/domain';

/**
 * Who is asking, and what they may see. Built once per request by the auth guard (or once per job from its
 * payload) and passed explicitly as the first parameter of every service method that touches tenant data.
 *
 * `scope` is what PostgreSQL row-level security enforces (see docs/adr/0002-row-level-security.md):
 *   - centre:   one centre (CENTRE_DIRECTOR, CENTRE_STAFF)
 *   - unit:     centres whose administrative or supervising unit lies in a unit subtree (SUPERVISOR)
 *   - area:     centres in any of a set of units (SUPERVISOR of a supervisory area, or of a dissolved district
 *               office: its old subtree and the units that succeeded it); read-only (issue 12, ADR 0012)
 *   - province: the whole province (Sở roles)
 *   - system:   jobs and authentication only; never derived from a user's token
 */
export type Scope = 'centre' | 'unit' | 'area' | 'province' | 'system';

export interface TenantContext {
  readonly scope: Scope;
  /** Always set except for cross-province system work (login lookup, nightly jobs over all provinces). */
  readonly provinceId: string | null;
  readonly userId: string | null;
  readonly role: Role | null;
  readonly centreId?: string | null;
  readonly unitId?: string | null;
  /** Materialised path of the scoped unit, e.g. '/<province>/<district>/' (unit scope only). */
  readonly unitPath?: string | null;
  /** Area scope only: the materialised paths of the units the area covers today. */
  readonly areaPaths?: readonly string[] | null;
  /**
   * The provinces merged into `provinceId` (its predecessors, transitively; issue 12 item 4, ADR 0015): their rows
   * are readable as history (org's RLS rule reads `app.province_lineage`), never writable. Empty for most provinces.
   */
  readonly provinceLineage?: readonly string[] | null;
  /** The W3C traceparent of the request's span (tracing on): the outbox rows written in the request keep it. */
  readonly traceparent?: string;
  readonly requestId?: string;
}

/** A system context for background work. `reason` shows up in logs; the scope is explicit, never "none". */
export function systemContext(provinceId: string | null, reason: string): TenantContext & { reason: string } {
  return { scope: 'system', provinceId, userId: null, role: null, reason };
}
