import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addDays, linkTo, todayInVietnam } from '@gdtx/domain';
import {
  affectedRows, assertUuid, decodePage, enqueueOutbox, Errors, PageArgs, systemContext, TenantContext, TenantDb, toConnection, updateReturning,
} from '@gdtx/platform';
import { centreRefOf, centreRefsOfProvinces, centreStatesOn, provinceLineageOf } from '@gdtx/org';
import { DueReportsService, ReportingReader } from '@gdtx/reporting';
import { userNameOf } from '@gdtx/identity';
import { insertNotifications, NotificationRequest } from './notify-core';
import { Mailer, notificationMail } from './mailer';
import type { Notification } from './notify.types';

/** Reminders: this many days before the due date, and overdue reports whose due date is at most this far back. */
export const REMINDER_DAYS_AHEAD = 7;
export const OVERDUE_REMINDER_WINDOW_DAYS = 30;

const COLUMNS = `id, kind, title_vi AS "titleVi", body_vi AS "bodyVi", link, centre_id AS "centreId", created_at AS "createdAt",
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

  /** The same inside a caller's system-scope transaction (jobs), so the notification commits with the work. */
  async notifyIn(em: EntityManager, req: NotificationRequest): Promise<number> {
    const created = await insertNotifications((sql, params) => em.query(sql, params), req, { email: this.mailer.enabled });
    const ctx = systemContext(req.provinceId, 'notify');
    for (const n of created) {
      if (!n.emailTo) continue;
      await enqueueOutbox(em, ctx, {
        topic: 'notify.send-email', payload: { notificationId: n.id }, dedupeKey: `notification:${n.id}:email`, provinceId: req.provinceId,
        centreId: req.centreId ?? null,
      });
    }
    return created.length;
  }

  /** Sends the e-mail copy of one notification (idempotent: a SENT one is not sent again). */
  async sendEmail(notificationId: string): Promise<'SENT' | 'SKIPPED'> {
    const ctx = systemContext(null, 'notify.send-email');
    const row = await this.db.run(ctx, async (em) => {
      const [n]: { id: string; userId: string; titleVi: string; bodyVi: string; link: string | null; emailTo: string | null; emailStatus: string }[] = await em.query(
        `SELECT n.id, n.user_id AS "userId", n.title_vi AS "titleVi", n.body_vi AS "bodyVi", n.link, n.email_to AS "emailTo", n.email_status AS "emailStatus"
         FROM notification n WHERE n.id = $1`,
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
        const base = { provinceId: c.provinceId, centreId: c.id, recipients: { centreId: c.id, roles: ['CENTRE_DIRECTOR', 'CENTRE_STAFF'] as const }, link: linkTo('reportForm', { centreId: c.id, templateCode: d.templateCode, periodCode: d.periodCode }) };
        if (open && d.daysLeft >= 0 && d.daysLeft <= REMINDER_DAYS_AHEAD) {
          requests.push({
            ...base, kind: 'DEADLINE_AHEAD', eventKey: `deadline-ahead:${c.id}:${d.templateCode}:${d.periodCode}:${d.dueDate}`,
            titleVi: `Sắp đến hạn nộp ${d.templateNameVi} – ${d.periodLabelVi} (hạn ${d.dueDate})`,
            bodyVi: `${c.name} cần nộp ${d.templateNameVi}, kỳ ${d.periodLabelVi}, trước ngày ${d.dueDate} (còn ${d.daysLeft} ngày).`,
          });
        } else if (d.status === 'OVERDUE' && d.dueDate >= addDays(today, -OVERDUE_REMINDER_WINDOW_DAYS)) {
          requests.push({
            ...base, kind: 'REPORT_OVERDUE', eventKey: `overdue:${c.id}:${d.templateCode}:${d.periodCode}:${d.dueDate}`,
            titleVi: `Quá hạn nộp ${d.templateNameVi} – ${d.periodLabelVi} (hạn ${d.dueDate})`,
            bodyVi: `${c.name} chưa nộp ${d.templateNameVi}, kỳ ${d.periodLabelVi}; hạn nộp là ngày ${d.dueDate} (đã quá ${-d.daysLeft} ngày). Đề nghị hoàn thành và nộp báo cáo ngay.`,
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

  /** A returned report: the centre's directors and staff are told, with the reviewer's comment. */
  async submissionReturned(provinceId: string | null, submissionId: string, version: number): Promise<number> {
    const ctx = systemContext(provinceId, 'submission.returned');
    return this.db.run(ctx, async (em) => {
      const notice = await ReportingReader.returnedReportNotice(em, submissionId);
      const centre = notice ? await centreRefOf(em, notice.centreId) : null;
      const s = notice && centre ? { ...notice, centreName: centre.name } : null;
      if (!s) return 0;
      return this.notifyIn(em, {
        provinceId: s.provinceId, centreId: s.centreId, recipients: { centreId: s.centreId, roles: ['CENTRE_DIRECTOR', 'CENTRE_STAFF'] },
        kind: 'REPORT_RETURNED', eventKey: `submission:${s.id}:returned:v${version}`,
        titleVi: `Báo cáo bị trả lại: ${s.templateNameVi ?? s.templateCode} – ${s.periodLabelVi}`,
        bodyVi: `Sở GDĐT đã trả lại ${s.templateNameVi ?? s.templateCode}, kỳ ${s.periodLabelVi}, của ${s.centreName}. Nhận xét: ${s.comment ?? '(không có)'}. Đề nghị chỉnh sửa và nộp lại.`,
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
    const until = new Date(blockedUntil).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
    return this.db.run(systemContext(provinceId, 'account.login-throttled'), async (em) => {
      const user = await userNameOf(em, userId);
      if (!user) return 0;
      const eventKey = `login-throttled:${userId}:${blockedUntil}`;
      const owner = await this.notifyIn(em, {
        provinceId, recipients: { userIds: [userId] }, kind: 'LOGIN_THROTTLED', eventKey,
        titleVi: 'Tài khoản của bạn tạm thời bị khoá đăng nhập',
        bodyVi: `Có ${failures} lần nhập sai mật khẩu liên tiếp cho tài khoản ${user.username}; tài khoản được mở lại lúc ${until}. Nếu không phải bạn, hãy đổi mật khẩu và báo quản trị viên của Sở.`,
        link: linkTo('notifications', {}),
      });
      const admins = await this.notifyIn(em, {
        provinceId, recipients: { roles: ['SO_ADMIN'] }, kind: 'LOGIN_THROTTLED', eventKey: `${eventKey}:admin`,
        titleVi: `Tài khoản ${user.username} tạm thời bị khoá đăng nhập`,
        bodyVi: `Tài khoản ${user.username} có ${failures} lần nhập sai mật khẩu liên tiếp; đăng nhập bị tạm hoãn đến ${until}.`,
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
