import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG } from '@gdtx/platform';
import type { AppConfig } from '@gdtx/platform';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: readonly MailAttachment[];
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
    await this.transport.sendMail({
      from: this.config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text, textEncoding: 'base64',
      attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    });
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
  /** Null on notifications written before they had English texts: the Vietnamese one is sent then. */
  titleEn: string | null;
  bodyEn: string | null;
  link: string | null;
}

const DIGEST_WORDS = {
  vi: {
    dear: (name: string) => `Kính gửi ${name},`,
    count: (n: number) => (n === 1 ? 'Bạn có 1 thông báo mới trên hệ thống:' : `Bạn có ${n} thông báo mới trên hệ thống:`),
    subject: (n: number) => `${n} thông báo mới`,
    link: 'Xem chi tiết trên hệ thống:',
    closing: ['Trân trọng,', 'Hệ thống giám sát giáo dục thường xuyên – Sở Giáo dục và Đào tạo', '(Thư được gửi tự động, vui lòng không trả lời thư này.)'],
  },
  en: {
    dear: (name: string) => `Dear ${name},`,
    count: (n: number) => (n === 1 ? 'You have 1 new notification:' : `You have ${n} new notifications:`),
    subject: (n: number) => `${n} new notifications`,
    link: 'Open it in the system:',
    closing: ['Kind regards,', 'Continuing-education monitoring system – Department of Education and Training', '(This message was sent automatically; please do not reply.)'],
  },
} as const;

/**
 * The e-mail digest: one mail per user for every notification not yet mailed (issue 16 item 6), newest first,
 * each with its title, body and link; the subject counts them (or is the title when there is one). In the
 * language the user chose in the web (issue 16 item 7); names of centres and units stay as written.
 */
export function digestMail(n: { fullName: string; language?: 'vi' | 'en'; items: readonly DigestItem[] }): { subject: string; text: string } {
  const items = n.items;
  const language = n.language ?? 'vi';
  const words = DIGEST_WORDS[language];
  const title = (it: DigestItem) => (language === 'en' && it.titleEn ? it.titleEn : it.titleVi);
  const body = (it: DigestItem) => (language === 'en' && it.bodyEn ? it.bodyEn : it.bodyVi);
  return {
    subject: items.length === 1 ? `[GDTX] ${title(items[0])}` : `[GDTX] ${words.subject(items.length)}`,
    text: [
      words.dear(n.fullName),
      '',
      words.count(items.length),
      '',
      ...items.flatMap((it, i) => [
        `${i + 1}. ${title(it)}`,
        `   ${body(it)}`,
        ...(it.link ? [`   ${words.link} ${it.link}`] : []),
        '',
      ]),
      ...words.closing,
    ].join('\n'),
  };
}
