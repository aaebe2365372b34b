import type { Role } from '@gdtx/domain';

/** A query function: TypeORM's `em.query` inside TenantDb.run, or a pg client in the seed. */
export type Sql = (text: string, params?: unknown[]) => Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const NotificationKinds = ['DEADLINE_AHEAD', 'REPORT_OVERDUE', 'REPORT_RETURNED', 'REPORT_SUBMITTED', 'REPORT_ACCEPTED', 'LICENCE_EXPIRY', 'FINDING_OPENED', 'LOGIN_THROTTLED', 'FACTS_REPAIRED'] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

/**
 * Who is told, as a rule rather than a list, resolved at send time against the active users of the province:
 * `roles` with `centreId` means that centre's staff in those roles (CENTRE_DIRECTOR, CENTRE_STAFF), the
 * supervisors whose commune or area contains the centre (SUPERVISOR, org_supervisor_scope; not a scope that ended,
 * such as a dissolved district office) and the province-wide roles (Sở roles).
 */
export interface Recipients {
  centreId?: string | null;
  roles?: readonly Role[];
  userIds?: readonly string[];
}

export interface NotificationRequest {
  provinceId: string;
  recipients: Recipients;
  kind: NotificationKind;
  /** Identifies the event; the same key never notifies the same user twice. */
  eventKey: string;
  /** Titles and bodies in both languages; dates as dd/mm/yyyy (vietnameseDate); the body never repeats the title. */
  titleVi: string;
  bodyVi: string;
  titleEn: string;
  bodyEn: string;
  link?: string | null;
  centreId?: string | null;
}

export interface CreatedNotification {
  id: string;
  userId: string;
  emailTo: string | null;
}

/**
 * Inserts one notification per recipient, skipping users who already have this event (UNIQUE user_id,
 * event_key). Must run under the system scope (only it may insert). With `email`, recipients with an address
 * get the row marked PENDING for the mailer. Returns only the rows created now.
 */
export async function insertNotifications(sql: Sql, req: NotificationRequest, opts: { email: boolean }): Promise<CreatedNotification[]> {
  const r = req.recipients;
  const rows = await sql(
    `INSERT INTO notification (province_id, user_id, centre_id, kind, title_vi, body_vi, link, event_key, email_to, email_status, title_en, body_en)
     SELECT u.province_id, u.id, $4, $5, $6, $7, $8, $9,
            CASE WHEN $10::boolean AND u.email IS NOT NULL THEN u.email END,
            CASE WHEN $10::boolean AND u.email IS NOT NULL THEN 'PENDING' ELSE 'NONE' END, $12, $13
     FROM identity_user_recipient u
     WHERE u.active AND u.province_id = $1 AND (
       u.id = ANY($2::uuid[])
       OR (u.role = ANY($3::text[]) AND (
         (u.role IN ('CENTRE_DIRECTOR','CENTRE_STAFF') AND u.centre_id = $11::uuid)
         OR (u.role = 'SUPERVISOR' AND $11::uuid IS NOT NULL AND EXISTS (
               SELECT 1 FROM org_centre_ref c, org_supervisor_scope(u.unit_id, u.area_id, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) s, unnest(s.paths) p
               WHERE c.id = $11::uuid AND s.ended_on IS NULL AND (c.unit_path LIKE p || '%' OR c.supervising_unit_path LIKE p || '%')))
         OR u.role NOT IN ('CENTRE_DIRECTOR','CENTRE_STAFF','SUPERVISOR'))))
     ON CONFLICT (user_id, event_key) DO NOTHING
     RETURNING id, user_id AS "userId", email_to AS "emailTo"`,
    [
      req.provinceId, [...(r.userIds ?? [])], [...(r.roles ?? [])], req.centreId ?? r.centreId ?? null, req.kind, req.titleVi, req.bodyVi,
      req.link ?? null, req.eventKey, opts.email, r.centreId ?? null, req.titleEn, req.bodyEn,
    ],
  );
  return rows as CreatedNotification[];
}

/**
 * Tells every active SYSTEM_ADMIN (the operators, of whichever province their account is in), e.g. what the periodic
 * consistency check of background work repaired (issue 13). In-app only: an operator's inbox, not a mail storm.
 * Must run under the system scope, like insertNotifications.
 */
export async function notifySystemAdmins(sql: Sql, req: Omit<NotificationRequest, 'provinceId' | 'recipients' | 'centreId'>): Promise<CreatedNotification[]> {
  const provinces: { province_id: string }[] = await sql(`SELECT DISTINCT province_id FROM identity_user_recipient WHERE role = 'SYSTEM_ADMIN' AND active`);
  const created: CreatedNotification[] = [];
  for (const { province_id } of provinces) {
    created.push(...(await insertNotifications(sql, { ...req, provinceId: province_id, recipients: { roles: ['SYSTEM_ADMIN'] } }, { email: false })));
  }
  return created;
}
