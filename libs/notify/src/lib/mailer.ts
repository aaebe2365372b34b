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
