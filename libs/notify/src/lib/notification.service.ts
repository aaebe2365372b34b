import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, daysBetween, linkTo, todayInVietnam, vietnamDateOf } from '@gdtx/domain';
import {
  affectedRows, assertUuid, decodePage, Errors, PageArgs, systemContext, TenantContext, TenantDb, toConnection, updateReturning,
} from '@gdtx/platform';
import { centreRefOf, centreRefsOfProvinces, centreStatesOn, provinceLineageOf, unitRefOf } from '@gdtx/org';
import { DueReportsService, ReportingReader } from '@gdtx/reporting';
import { userNameOf } from '@gdtx/identity';
import { insertNotifications, NotificationRequest } from './notify-core';
import { digestMail, Mailer, notificationMail } from './mailer';
import { acceptedText, actingOffice, dmy, deadlineAheadText, overdueText, returnedOverdueText, returnedText, submittedText } from './notification-texts';
import type { Notification } from './notify.types';

/** Reminders: this many days before the due date, and overdue reports whose due date is at most this far back. */
export const REMINDER_DAYS_AHEAD = 7;
export const OVERDUE_REMINDER_WINDOW_DAYS = 30;

const COLUMNS = `id, kind, title_vi AS "titleVi", body_vi AS "bodyVi", title_en AS "titleEn", body_en AS "bodyEn", link, centre_id AS "centreId", created_at AS "createdAt",
  read_at AS "readAt", email_status AS "emailStatus"`;

@Injectable()
export class NotificationService {
  private readonly logger = new Logger('NotificationService');

  constructor(
    private readonly db: TenantDb,
    private readonly mailer: Mailer,
    private readonly dueReports: DueReportsService,
  ) {}

  // ------------------------------------------------------------------------------------------------------
  // Sending

  /**
   * Notifies the recipients of one event, at most once per user (the event key). Runs under the system scope of
   * the request's province (only the system creates notifications); the e-mail copies go through the outbox.
   */
  async notify(ctx: TenantContext, req: NotificationRequest): Promise<number> {
    if (ctx.scope !== 'system' && ctx.provinceId !== req.provinceId) throw Errors.forbidden();
    return this.db.run(systemContext(req.provinceId, `notify:${req.kind}`), (em) => this.notifyIn(em, req));
  }

  /**
   * The same inside a caller's system-scope transaction (jobs), so the notification commits with the work. A
   * recipient with an address gets the row marked PENDING: the periodic digest (sendDigests) mails it.
   */
  async notifyIn(em: EntityManager, req: NotificationRequest): Promise<number> {
    const created = await insertNotifications((sql, params) => em.query(sql, params), req, { email: this.mailer.enabled });
    return created.length;
  }

  /**
   * The e-mail digest (job `notify.email-digest`, hourly by default): one mail per user with every PENDING
   * notification. At most once per notification: the digest is recorded on its notifications (email_digest_id,
   * committed, rows locked with SKIP LOCKED so two runs never share one) before the mail is sent; a notification
   * already claimed by a digest is never claimed again. Sent → SENT; a refused mail puts its notifications back
   * (PENDING, no digest, the error kept) for the next run.
   */
  async sendDigests(): Promise<{ users: number; notifications: number; failed: number }> {
    if (!this.mailer.enabled) return { users: 0, notifications: 0, failed: 0 };
    const ctx = systemContext(null, 'notify.email-digest');
    const users: { userId: string }[] = await this.db.run(ctx, (em) =>
      em.query(`SELECT DISTINCT user_id AS "userId" FROM notification WHERE email_status = 'PENDING' AND email_digest_id IS NULL AND email_to IS NOT NULL`));
    let notifications = 0;
    let sent = 0;
    let failed = 0;
    for (const { userId } of users) {
      const claim = await this.db.run(ctx, async (em) => {
        // TypeORM's em.query returns [rows, count] for an UPDATE: updateReturning gives the rows.
        const rows: { id: string; titleVi: string; bodyVi: string; titleEn: string | null; bodyEn: string | null; link: string | null; emailTo: string; createdAt: Date }[] = await updateReturning(em,
          `UPDATE notification SET email_digest_id = $2
           WHERE id IN (SELECT id FROM notification WHERE user_id = $1 AND email_status = 'PENDING' AND email_digest_id IS NULL AND email_to IS NOT NULL
                        FOR UPDATE SKIP LOCKED)
           RETURNING id, title_vi AS "titleVi", body_vi AS "bodyVi", title_en AS "titleEn", body_en AS "bodyEn", link, email_to AS "emailTo", created_at AS "createdAt"`,
          [userId, randomUUID()],
        );
        const user = rows.length ? await userNameOf(em, userId) : null;
        // Newest first (RETURNING keeps no order).
        return { rows: rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id)), user };
      });
      if (!claim.rows.length || !claim.user) continue;
      const ids = claim.rows.map((r) => r.id);
      try {
        await this.mailer.send({ to: claim.rows[0].emailTo, ...digestMail({ fullName: claim.user.fullName, language: claim.user.language, items: claim.rows }) });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.logger.warn(`digest for user ${userId} not sent: ${message}`);
        await this.db.run(ctx, (em) => em.query(`UPDATE notification SET email_digest_id = NULL, email_error = $2 WHERE id = ANY($1::uuid[])`, [ids, message.slice(0, 500)]));
        failed++;
        continue;
      }
      await this.db.run(ctx, (em) => em.query(`UPDATE notification SET email_status = 'SENT', emailed_at = now(), email_error = NULL WHERE id = ANY($1::uuid[])`, [ids]));
      sent++;
      notifications += ids.length;
    }
    return { users: sent, notifications, failed };
  }

  /**
   * Sends the e-mail copy of one notification (idempotent: a SENT one is not sent again). Only for
   * `notify.send-email` messages written before the digest (nothing enqueues them now); one a digest has
   * claimed is the digest's.
   */
  async sendEmail(notificationId: string): Promise<'SENT' | 'SKIPPED'> {
    const ctx = systemContext(null, 'notify.send-email');
    const row = await this.db.run(ctx, async (em) => {
      const [n]: { id: string; userId: string; titleVi: string; bodyVi: string; link: string | null; emailTo: string | null; emailStatus: string }[] = await em.query(
        `SELECT n.id, n.user_id AS "userId", n.title_vi AS "titleVi", n.body_vi AS "bodyVi", n.link, n.email_to AS "emailTo", n.email_status AS "emailStatus"
         FROM notification n WHERE n.id = $1 AND n.email_digest_id IS NULL`,
        [notificationId],
      );
      const user = n ? await userNameOf(em, n.userId) : null;
      if (!n || !user) return undefined;
      const { userId: _userId, ...rest } = n;
      return { ...rest, fullName: user.fullName };
    });
    if (!row || !row.emailTo || row.emailStatus === 'SENT' || row.emailStatus === 'NONE') return 'SKIPPED';
    if (!this.mailer.enabled) return 'SKIPPED';
    try {
      await this.mailer.send({ to: row.emailTo, ...notificationMail(row) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await this.db.run(ctx, (em) => em.query(`UPDATE notification SET email_status = 'FAILED', email_error = $2 WHERE id = $1`, [row.id, message.slice(0, 500)]));
      throw e;
    }
    await this.db.run(ctx, (em) => em.query(`UPDATE notification SET email_status = 'SENT', emailed_at = now(), email_error = NULL WHERE id = $1`, [row.id]));
    return 'SENT';
  }

  /**
   * The daily reminders, for every centre of every province: reports due within REMINDER_DAYS_AHEAD days and not
   * yet submitted (DEADLINE_AHEAD), and reports overdue (REPORT_OVERDUE), to the centre's directors and staff.
   * Running it twice the same day (or twice at all) sends nothing new: the event key includes the due date.
   */
  async deadlineReminders(today = todayInVietnam()): Promise<{ centres: number; created: number }> {
    // A centre dissolved on or before `today` is told nothing, even when the dissolution was recorded ahead of its
    // date (centre.status is the registry's column, not the status on a date: org's reader is).
    const centres: { id: string; provinceId: string; name: string }[] = await this.db.run(systemContext(null, 'notify.deadline-reminders'), async (em) => {
      const dissolved = new Set((await centreStatesOn(em, today)).filter((c) => c.status === 'DISSOLVED').map((c) => c.centreId));
      const all = await centreRefsOfProvinces(em, null);
      return all.filter((c) => !dissolved.has(c.id)).map((c) => ({ id: c.id, provinceId: c.provinceId, name: c.name }));
    });
    let created = 0;
    // A merged province's job reads its predecessors' history (ADR 0015 §2b): a centre that came with the merger keeps
    // its licences and earlier reports as the absorbed province's rows; without them it would owe nothing.
    const lineages = new Map<string, string[]>();
    for (const provinceId of new Set(centres.map((c) => c.provinceId))) {
      lineages.set(provinceId, await this.db.run(systemContext(provinceId, 'notify.deadline-reminders'), (em) => provinceLineageOf(em, provinceId, today)));
    }
    for (const c of centres) {
      const ctx = { ...systemContext(c.provinceId, 'notify.deadline-reminders'), provinceLineage: lineages.get(c.provinceId) ?? [] };
      const due = await this.dueReports.dueReports(ctx, c.id, today);
      const requests: NotificationRequest[] = [];
      for (const d of due) {
        const open = d.status === 'NOT_STARTED' || d.status === 'DRAFT';
        const report = { templateNameVi: d.templateNameVi, templateNameEn: d.templateNameEn, periodLabelVi: d.periodLabelVi, periodLabelEn: d.periodLabelEn, centreName: c.name };
        const base = { provinceId: c.provinceId, centreId: c.id, recipients: { centreId: c.id, roles: ['CENTRE_DIRECTOR', 'CENTRE_STAFF'] as const }, link: linkTo('reportForm', { centreId: c.id, templateCode: d.templateCode, periodCode: d.periodCode }) };
        if (open && d.daysLeft >= 0 && d.daysLeft <= REMINDER_DAYS_AHEAD) {
          requests.push({ ...base, kind: 'DEADLINE_AHEAD', eventKey: `deadline-ahead:${c.id}:${d.templateCode}:${d.periodCode}:${d.dueDate}`, ...deadlineAheadText(report, d.dueDate, d.daysLeft) });
        } else if (d.status === 'OVERDUE' && d.dueDate >= addDays(today, -OVERDUE_REMINDER_WINDOW_DAYS)) {
          requests.push({ ...base, kind: 'REPORT_OVERDUE', eventKey: `overdue:${c.id}:${d.templateCode}:${d.periodCode}:${d.dueDate}`, ...overdueText(report, d.dueDate, -d.daysLeft) });
        } else if (d.status === 'RETURNED' && d.submissionId) {
          // A returned report is back with the centre: it is late once its resubmission day (or, with none set,
          // its due date) has passed, however long ago (no window: it is still the centre's to do). The
          // reporting calendar classified it RETURNED; the day comes from the return step.
          const notice = await this.db.run(ctx, (em) => ReportingReader.submissionNotice(em, d.submissionId!, ['RETURNED', 'REOPENED']));
          const deadline = notice?.resubmitBy ?? d.dueDate;
          const late = daysBetween(deadline, today);
          if (late <= 0) continue;
          requests.push({
            ...base, kind: 'REPORT_OVERDUE',
            eventKey: `returned-overdue:${d.submissionId}:v${d.submissionVersion ?? 0}:${deadline}`,
            ...returnedOverdueText(report, notice?.actedOn ?? null, deadline, late),
          });
        }
      }
      if (!requests.length) continue;
      created += await this.db.run(ctx, async (em) => {
        let n = 0;
        for (const r of requests) n += await this.notifyIn(em, r);
        return n;
      });
    }
    return { centres: centres.length, created };
  }

  /** A report with its last step: the report's names in both languages, its centre, and the office that acted. */
  private async reportStep(em: EntityManager, submissionId: string, actions: string[]) {
    const notice = await ReportingReader.submissionNotice(em, submissionId, actions);
    const centre = notice ? await centreRefOf(em, notice.centreId) : null;
    if (!notice || !centre) return null;
    const report = {
      templateNameVi: notice.templateNameVi ?? notice.templateCode, templateNameEn: notice.templateNameEn ?? notice.templateNameVi ?? notice.templateCode,
      periodLabelVi: notice.periodLabelVi, periodLabelEn: notice.periodLabelEn, centreName: centre.name,
    };
    const actor = notice.actorUserId ? await userNameOf(em, notice.actorUserId) : null;
    // The actor's scope (identity's recipient view) and its unit (org's reader) name the office that acted.
    const [scope]: { unitId: string | null }[] = notice.actorUserId
      ? await em.query(`SELECT unit_id AS "unitId" FROM identity_user_recipient WHERE id = $1`, [notice.actorUserId])
      : [];
    const unit = scope?.unitId ? await unitRefOf(em, scope.unitId) : null;
    const [province]: { name: string }[] = await em.query(`SELECT name FROM org_unit_ref WHERE province_id = $1 AND level = 'PROVINCE' LIMIT 1`, [notice.provinceId]);
    const office = actingOffice(unit ? { level: unit.level, name: unit.name } : null, province?.name ?? '');
    return { notice, report, office, actorName: actor?.fullName ?? notice.actorName ?? null };
  }

  /** A returned report: the centre's directors and staff are told who returned it, with the reviewer's comment. */
  async submissionReturned(provinceId: string | null, submissionId: string, version: number): Promise<number> {
    const ctx = systemContext(provinceId, 'submission.returned');
    return this.db.run(ctx, async (em) => {
      const step = await this.reportStep(em, submissionId, ['RETURNED', 'REOPENED']);
      if (!step) return 0;
      const { notice: s } = step;
      return this.notifyIn(em, {
        provinceId: s.provinceId, centreId: s.centreId, recipients: { centreId: s.centreId, roles: ['CENTRE_DIRECTOR', 'CENTRE_STAFF'] },
        kind: 'REPORT_RETURNED', eventKey: `submission:${s.id}:returned:v${version}`,
        ...returnedText(step.report, step.office, step.actorName, s.comment, s.resubmitBy),
        link: linkTo('submission', { submissionId: s.id }),
      });
    });
  }

  /** An accepted report: the centre's directors and staff learn that the office accepted it. */
  async submissionAccepted(provinceId: string | null, submissionId: string, version: number): Promise<number> {
    const ctx = systemContext(provinceId, 'submission.accepted');
    return this.db.run(ctx, async (em) => {
      const step = await this.reportStep(em, submissionId, ['ACCEPTED']);
      if (!step) return 0;
      const { notice: s } = step;
      return this.notifyIn(em, {
        provinceId: s.provinceId, centreId: s.centreId, recipients: { centreId: s.centreId, roles: ['CENTRE_DIRECTOR', 'CENTRE_STAFF'] },
        kind: 'REPORT_ACCEPTED', eventKey: `submission:${s.id}:accepted:v${version}`,
        ...acceptedText(step.report, step.office, step.actorName, s.actedOn),
        link: linkTo('submission', { submissionId: s.id }),
      });
    });
  }

  /**
   * A submitted report: its reviewers are told (ADR 0012) — the officers of the unit that supervises the centre
   * when that is a commune-level unit (a commune's TTHTCĐ), otherwise the Sở's specialists. An area officer or a
   * legacy district user does not review and is not told.
   */
  async submissionSubmitted(provinceId: string | null, submissionId: string, version: number): Promise<number> {
    const ctx = systemContext(provinceId, 'submission.submitted');
    return this.db.run(ctx, async (em) => {
      const step = await this.reportStep(em, submissionId, ['SUBMITTED']);
      if (!step) return 0;
      const { notice: s } = step;
      const reviewers: { id: string }[] = await em.query(
        `SELECT u.id FROM identity_user_recipient u, org_centre_ref c
         JOIN org_unit_ref su ON su.province_id = c.province_id AND su.path = c.supervising_unit_path
         WHERE c.id = $1 AND u.active AND u.province_id = c.province_id AND (
           (su.level = 'PROVINCE' AND u.role = 'SO_SPECIALIST')
           OR (su.level <> 'PROVINCE' AND u.role = 'SUPERVISOR' AND u.unit_id IS NOT NULL AND EXISTS (
                 SELECT 1 FROM org_unit_ref uu WHERE uu.id = u.unit_id AND uu.level IN ('COMMUNE','WARD','SPECIAL_ZONE') AND c.supervising_unit_path LIKE uu.path || '%')))`,
        [s.centreId],
      );
      if (!reviewers.length) return 0;
      return this.notifyIn(em, {
        provinceId: s.provinceId, centreId: s.centreId, recipients: { userIds: reviewers.map((r) => r.id) },
        kind: 'REPORT_SUBMITTED', eventKey: `submission:${s.id}:submitted:v${version}`,
        ...submittedText(step.report, step.actorName, s.actedOn),
        link: linkTo('submission', { submissionId: s.id }),
      });
    });
  }

  /**
   * An account was put on a login delay (identity's `account.login-throttled`): its owner learns that someone
   * tried their password, and the province's SO_ADMIN users learn it too (they can reset the password).
   */
  async loginThrottled(provinceId: string | null, userId: string, failures: number, blockedUntil: string): Promise<number> {
    if (!provinceId) return 0;
    // dd/mm/yyyy hh:mm, Vietnam time, in both languages (the one date format of generated texts).
    const until = vietnamDateTime(blockedUntil);
    return this.db.run(systemContext(provinceId, 'account.login-throttled'), async (em) => {
      const user = await userNameOf(em, userId);
      if (!user) return 0;
      const eventKey = `login-throttled:${userId}:${blockedUntil}`;
      const owner = await this.notifyIn(em, {
        provinceId, recipients: { userIds: [userId] }, kind: 'LOGIN_THROTTLED', eventKey,
        titleVi: 'Tài khoản của bạn tạm thời bị khoá đăng nhập',
        bodyVi: `Có ${failures} lần nhập sai mật khẩu liên tiếp cho tài khoản ${user.username}; tài khoản được mở lại lúc ${until}. Nếu không phải bạn, hãy đổi mật khẩu và báo quản trị viên của Sở.`,
        titleEn: 'Your account is temporarily locked',
        bodyEn: `There were ${failures} wrong passwords in a row for the account ${user.username}; it opens again at ${until}. If it was not you, change your password and tell the Department's administrator.`,
        link: linkTo('notifications', {}),
      });
      const admins = await this.notifyIn(em, {
        provinceId, recipients: { roles: ['SO_ADMIN'] }, kind: 'LOGIN_THROTTLED', eventKey: `${eventKey}:admin`,
        titleVi: `Tài khoản ${user.username} tạm thời bị khoá đăng nhập`,
        bodyVi: `Có ${failures} lần nhập sai mật khẩu liên tiếp; đăng nhập bị tạm hoãn đến ${until}. Nếu cần, đặt lại mật khẩu cho người dùng.`,
        titleEn: `The account ${user.username} is temporarily locked`,
        bodyEn: `There were ${failures} wrong passwords in a row; signing in is delayed until ${until}. Reset the user's password if needed.`,
        link: linkTo('notifications', {}),
      });
      return owner + admins;
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Reading (a user sees only their own: the RLS policy on app_user_id())

  async list(ctx: TenantContext, unreadOnly: boolean, page: PageArgs) {
    const { limit, offset } = decodePage(page, 20);
    return this.db.run(ctx, async (em) => {
      const where = `user_id = app_user_id()${unreadOnly ? ' AND read_at IS NULL' : ''}`;
      const rows = await em.query(`SELECT ${COLUMNS} FROM notification WHERE ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`, [limit, offset]);
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM notification WHERE ${where}`);
      return toConnection<Notification>(rows.map(toDto), count, offset);
    });
  }

  async unreadCount(ctx: TenantContext): Promise<number> {
    return this.db.run(ctx, async (em) => {
      const [{ count }] = await em.query(`SELECT count(*)::int AS count FROM notification WHERE user_id = app_user_id() AND read_at IS NULL`);
      return count;
    });
  }

  /** Marks the caller's own notifications read; ids of anyone else's are not visible and change nothing. */
  async markRead(ctx: TenantContext, ids: readonly string[]): Promise<Notification[]> {
    if (ids.length > 500) throw Errors.badInput('Tối đa 500 thông báo mỗi lần', 'At most 500 ids at a time', { field: 'ids' });
    ids.forEach((id) => assertUuid(id, 'ids'));
    if (!ctx.userId) throw Errors.unauthenticated();
    return this.db.run(ctx, async (em) => {
      const rows = await updateReturning(em,
        `UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = ANY($1::uuid[]) AND user_id = app_user_id() RETURNING ${COLUMNS}`,
        [ids],
      );
      return rows.map(toDto);
    });
  }

  /** Marks every unread notification of the signed-in user read, in one statement; returns how many. */
  async markAllRead(ctx: TenantContext): Promise<number> {
    if (!ctx.userId) throw Errors.unauthenticated();
    return this.db.run(ctx, async (em) => {
      return affectedRows(em, `UPDATE notification SET read_at = now() WHERE user_id = app_user_id() AND read_at IS NULL`);
    });
  }
}

function toDto(r: Record<string, unknown>): Notification {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
  return { ...(r as unknown as Notification), createdAt: iso(r['createdAt'])!, readAt: iso(r['readAt']) };
}

/** dd/mm/yyyy hh:mm in Vietnam time, for an instant. */
function vietnamDateTime(instant: string): string {
  const d = new Date(instant);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
  return `${time} ${dmy(vietnamDateOf(d))}`;
}
