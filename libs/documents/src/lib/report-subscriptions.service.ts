import { Injectable, Logger } from '@nestjs/common';
import { periodContaining, periodFromCode, todayInVietnam, type IsoDate } from '@gdtx/domain';
import { accountContextOf } from '@gdtx/identity';
import { Mailer } from '@gdtx/notify';
import { audit, Errors, systemContext, TenantContext, TenantDb } from '@gdtx/platform';
import { OfficialDocumentsService } from './official-documents.service';
import { renderPdf } from './render/pdf';
import type { ReportFrequency, ReportSubscriptionDto } from './report-subscriptions.types';

/**
 * The week or month a scheduled mail belongs to: at most one mail per subscription and delivery period.
 * WEEKLY → the ISO week ('2026-W49', Monday to Sunday), MONTHLY → the month ('2026-12').
 */
export function deliveryPeriodOf(frequency: ReportFrequency, day: IsoDate): string {
  if (frequency === 'MONTHLY') return day.slice(0, 7);
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000); // the ISO week's year is its Thursday's
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a scheduled summary reports on: the school year in progress on the day it is sent ("so far this year"). */
export function scheduledSummaryPeriod(day: IsoDate): string {
  return periodContaining('SCHOOL_YEAR', day).code;
}

const FREQUENCY_VI: Record<ReportFrequency, string> = { WEEKLY: 'hằng tuần', MONTHLY: 'hằng tháng' };
const FREQUENCY_EN: Record<ReportFrequency, string> = { WEEKLY: 'weekly', MONTHLY: 'monthly' };

export interface ScheduledRunOutcome {
  /** Mails sent by this run. */
  sent: number;
  /** Subscriptions whose mail for this week or month was already recorded (sent, or lost in a crash: never again). */
  alreadyRecorded: number;
  /** Subscriptions skipped: the account is disabled, has no e-mail address or no longer a Sở scope. */
  skipped: number;
  failed: number;
}

/**
 * Scheduled reports (issue 15 item 6): a Sở user's weekly or monthly e-mail with the province summary and its
 * PDF (Decree 30/2020 layout, built with the subscriber's own rights, so it holds what they would see).
 *
 * At most once per subscription and delivery period: the delivery is recorded (status SENDING, committed) before
 * the mail is handed to SMTP, under the unique (subscription, period). A second run, a retry or another worker
 * finds the record and sends nothing. A run that dies between recording and SMTP's answer leaves SENDING: whether
 * the mail left is unknown, so it is never sent again (at most once, not at least once; the web shows the
 * delivery as "chưa rõ"). A refusal by SMTP (the send threw) marks it FAILED, and the next run may try again.
 */
@Injectable()
export class ReportSubscriptionService {
  private readonly logger = new Logger('scheduled-reports');

  constructor(
    private readonly db: TenantDb,
    private readonly documents: OfficialDocumentsService,
    private readonly mailer: Mailer,
  ) {}

  async mySubscriptions(ctx: TenantContext): Promise<ReportSubscriptionDto[]> {
    this.requireSo(ctx);
    return this.db.run(ctx, async (em) => {
      const rows: ReportSubscriptionDto[] = await em.query(
        `SELECT s.id, s.frequency, s.active, s.created_at AS "createdAt",
                d.delivery_period AS "lastDeliveryPeriod", d.status AS "lastDeliveryStatus", d.sent_at AS "lastSentAt"
         FROM report_subscription s
         LEFT JOIN LATERAL (SELECT delivery_period, status, sent_at FROM report_delivery WHERE subscription_id = s.id ORDER BY recorded_at DESC LIMIT 1) d ON true
         WHERE s.user_id = $1 ORDER BY s.frequency DESC`,
        [ctx.userId],
      );
      return rows;
    });
  }

  /** Subscribe (or resubscribe) the caller; a Sở user only (the summary is the Sở's document). */
  async subscribe(ctx: TenantContext, frequency: ReportFrequency, active: boolean): Promise<ReportSubscriptionDto[]> {
    this.requireSo(ctx);
    if (frequency !== 'WEEKLY' && frequency !== 'MONTHLY') {
      throw Errors.badInput('Tần suất phải là hằng tuần (WEEKLY) hoặc hằng tháng (MONTHLY)', 'frequency must be WEEKLY or MONTHLY', { field: 'frequency' });
    }
    await this.db.run(ctx, async (em) => {
      await em.query(
        `INSERT INTO report_subscription (province_id, user_id, frequency, active) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, frequency) DO UPDATE SET active = EXCLUDED.active, updated_at = now()`,
        [ctx.provinceId, ctx.userId, frequency, active],
      );
      await audit(em, ctx, { provinceId: ctx.provinceId!, action: active ? 'report_subscription.subscribe' : 'report_subscription.unsubscribe', entity: 'report_subscription', data: { frequency } });
    });
    return this.mySubscriptions(ctx);
  }

  /** The job: every active subscription whose mail for this week or month is not yet recorded gets it. */
  async sendDue(today: IsoDate = todayInVietnam(), now = new Date()): Promise<ScheduledRunOutcome> {
    const outcome: ScheduledRunOutcome = { sent: 0, alreadyRecorded: 0, skipped: 0, failed: 0 };
    if (!this.mailer.enabled) return outcome;
    const all = systemContext(null, 'documents.send-scheduled-reports');
    const subscriptions: { id: string; provinceId: string; userId: string; frequency: ReportFrequency }[] = await this.db.run(all, (em) =>
      em.query(`SELECT id, province_id AS "provinceId", user_id AS "userId", frequency FROM report_subscription WHERE active ORDER BY created_at, id`));
    const reportPeriod = scheduledSummaryPeriod(today);
    for (const s of subscriptions) {
      const deliveryPeriod = deliveryPeriodOf(s.frequency, today);
      const home = systemContext(s.provinceId, 'documents.send-scheduled-reports');
      const account = await this.db.run(home, (em) => accountContextOf(em, s.userId));
      if (!account || !account.active || !account.email || account.context.scope !== 'province') {
        outcome.skipped++;
        continue;
      }
      // Recorded (and committed) before the mail is sent: the unique (subscription, period) makes it once.
      const recorded: { id: string }[] = await this.db.run(home, (em) =>
        em.query(
          `INSERT INTO report_delivery (province_id, user_id, subscription_id, delivery_period, report_period_code, status)
           VALUES ($1, $2, $3, $4, $5, 'SENDING')
           ON CONFLICT (subscription_id, delivery_period) DO UPDATE SET status = 'SENDING', recorded_at = now(), error = NULL
             WHERE report_delivery.status = 'FAILED'
           RETURNING id`,
          [s.provinceId, s.userId, s.id, deliveryPeriod, reportPeriod],
        ));
      if (!recorded.length) {
        outcome.alreadyRecorded++;
        continue;
      }
      const deliveryId = recorded[0].id;
      try {
        const built = await this.documents.provinceSummary(account.context, reportPeriod, now);
        const pdf = await renderPdf(built.document);
        const figures = built.document.body.find((b) => b.kind === 'table');
        const lines = figures && figures.kind === 'table' ? figures.rows.map((r) => `- ${r[1]}: ${r[2]} (${account.language === 'en' ? 'coverage' : 'độ phủ'} ${r[4]})`) : [];
        const label = account.language === 'en' ? periodFromCode(reportPeriod).labelEn : periodFromCode(reportPeriod).labelVi;
        const mail = account.language === 'en'
          ? {
              subject: `[GDTX] ${FREQUENCY_EN[s.frequency][0].toUpperCase()}${FREQUENCY_EN[s.frequency].slice(1)} summary, ${label}`,
              text: [`Dear ${account.fullName},`, '', `The province summary for ${label} (${deliveryPeriod}), as of today. The official document (Vietnamese, Decree 30/2020 layout) is attached as PDF.`, '', ...lines, '', 'To stop these mails, open "Account" in the system.', '', 'Kind regards,', 'Continuing-education monitoring system'].join('\n'),
            }
          : {
              subject: `[GDTX] Báo cáo tổng hợp ${FREQUENCY_VI[s.frequency]}, ${label.charAt(0).toLowerCase()}${label.slice(1)}`,
              text: [`Kính gửi ${account.fullName},`, '', `Báo cáo tổng hợp ${label.charAt(0).toLowerCase()}${label.slice(1)} (kỳ gửi ${deliveryPeriod}), số liệu đến hôm nay. Văn bản theo thể thức Nghị định 30/2020/NĐ-CP được đính kèm (PDF).`, '', ...lines, '', 'Để ngừng nhận thư, vào mục "Tài khoản" trên hệ thống.', '', 'Trân trọng,', 'Hệ thống giám sát giáo dục thường xuyên – Sở Giáo dục và Đào tạo'].join('\n'),
            };
        await this.mailer.send({ to: account.email, ...mail, attachments: [{ filename: `${built.fileName}.pdf`, content: pdf, contentType: 'application/pdf' }] });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.logger.warn(`scheduled report ${s.id} ${deliveryPeriod} not sent: ${message}`);
        await this.db.run(home, (em) => em.query(`UPDATE report_delivery SET status = 'FAILED', error = $2 WHERE id = $1`, [deliveryId, message.slice(0, 500)]));
        outcome.failed++;
        continue;
      }
      await this.db.run(home, (em) => em.query(`UPDATE report_delivery SET status = 'SENT', sent_at = now() WHERE id = $1`, [deliveryId]));
      outcome.sent++;
    }
    return outcome;
  }

  private requireSo(ctx: TenantContext): void {
    if (ctx.scope !== 'province' || !ctx.userId) {
      throw Errors.forbidden('Scheduled summaries are for the Sở’s users', 'Báo cáo định kỳ qua thư chỉ dành cho người dùng của Sở');
    }
  }
}
