import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG } from '@gdtx/platform';
import type { AppConfig } from '@gdtx/platform';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** E-mail through SMTP_URL (nodemailer). Without SMTP_URL mail is off and notifications stay in-app only. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.SMTP_URL;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.config.SMTP_URL) throw new Error('SMTP_URL is not configured');
    this.transport ??= createTransport(this.config.SMTP_URL);
    await this.transport.sendMail({ from: this.config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text, textEncoding: 'base64' });
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }
}

/** The Vietnamese e-mail for a notification. */
export function notificationMail(n: { fullName: string; titleVi: string; bodyVi: string; link: string | null }): { subject: string; text: string } {
  return {
    subject: `[GDTX] ${n.titleVi}`,
    text: [
      `Kính gửi ${n.fullName},`,
      '',
      n.bodyVi,
      '',
      ...(n.link ? [`Xem chi tiết trên hệ thống: ${n.link}`, ''] : []),
      'Trân trọng,',
      'Hệ thống giám sát giáo dục thường xuyên – Sở Giáo dục và Đào tạo',
      '(Thư được gửi tự động, vui lòng không trả lời thư này.)',
    ].join('\n'),
  };
}

export interface DigestItem {
  titleVi: string;
  bodyVi: string;
  link: string | null;
}

/**
 * The e-mail digest: one Vietnamese mail per user for every notification not yet mailed (issue 16 item 6), newest
 * first, each with its title, body and link; the subject counts them (or is the title when there is one).
 */
export function digestMail(n: { fullName: string; items: readonly DigestItem[] }): { subject: string; text: string } {
  const items = n.items;
  return {
    subject: items.length === 1 ? `[GDTX] ${items[0].titleVi}` : `[GDTX] ${items.length} thông báo mới`,
    text: [
      `Kính gửi ${n.fullName},`,
      '',
      items.length === 1 ? 'Bạn có 1 thông báo mới trên hệ thống:' : `Bạn có ${items.length} thông báo mới trên hệ thống:`,
      '',
      ...items.flatMap((it, i) => [
        `${i + 1}. ${it.titleVi}`,
        `   ${it.bodyVi}`,
        ...(it.link ? [`   Xem chi tiết trên hệ thống: ${it.link}`] : []),
        '',
      ]),
      'Trân trọng,',
      'Hệ thống giám sát giáo dục thường xuyên – Sở Giáo dục và Đào tạo',
      '(Thư được gửi tự động, vui lòng không trả lời thư này.)',
    ].join('\n'),
  };
}
