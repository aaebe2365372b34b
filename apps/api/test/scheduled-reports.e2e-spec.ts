// Issue 15 item 6: a Sở leader's weekly or monthly e-mail with the province summary and its PDF, at most once per
// subscription and week or month: the job run twice, run again later in the same week, and a worker process killed
// while it hands a mail to SMTP. Real PostgreSQL, Redis, BullMQ, an SMTP sink (smtp-server) and apps/worker.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { connectAsAppRole } from '@gdtx/platform/testing';
import { JobQueues } from '@gdtx/platform';
import { deliveryPeriodOf, scheduledSummaryPeriod } from '@gdtx/documents';
import { bootApi, errorCode, TestApi } from './harness';
import { pdfText } from './pdf-text-of';

const root = join(__dirname, '../../..');

interface Part {
  headers: string;
  body: string;
}
interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  attachments: { contentType: string; filename: string; content: Buffer }[];
}

const decodeWords = (s: string) =>
  s.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')).trim();

function split(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  return { headers: raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' '), body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

/** What we assert on of nodemailer's multipart/mixed message: subject, the text part, the attachments. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const top = split(raw);
  const subject = decodeWords(/^Subject: (.*)$/im.exec(top.headers)?.[1] ?? '');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(top.headers)?.[1];
  const parts = boundary ? top.body.split(`--${boundary}`).slice(1, -1).map((p) => split(p.replace(/^\r?\n/, ''))) : [top];
  const decode = (p: Part) => (/Content-Transfer-Encoding: base64/i.test(p.headers) ? Buffer.from(p.body.replace(/\s+/g, ''), 'base64') : Buffer.from(p.body, 'utf8'));
  const text = parts.filter((p) => /Content-Type: text\/plain/i.test(p.headers)).map((p) => decode(p).toString('utf8')).join('\n');
  const attachments = parts
    .filter((p) => /Content-Disposition: attachment/i.test(p.headers))
    .map((p) => {
      // RFC 2231: a non-ASCII name comes as filename*0*=utf-8''…; filename*1*=… (nodemailer), else filename="…".
      const pieces = [...p.headers.matchAll(/filename\*(\d+)?\*?=([^;\r\n]+)/gi)].sort((a, b) => Number(a[1] ?? 0) - Number(b[1] ?? 0)).map((m) => m[2].trim());
      const star = pieces.length ? pieces.join('').replace(/^utf-8''/i, '').replace(/^"|"$/g, '') : null;
      const plain = /filename="?([^";\r\n]+)"?/i.exec(p.headers)?.[1];
      return {
        contentType: /Content-Type: ([^;\r\n]+)/i.exec(p.headers)?.[1] ?? '',
        filename: star ? decodeURIComponent(star) : decodeWords(plain ?? ''),
        content: decode(p),
      };
    });
  return { to, subject, text, attachments };
}

/** An SMTP sink; `stall` keeps a message's DATA unanswered (the sender waits, as if the network hung). */
async function smtpSink(stall = false): Promise<{ url: string; mails: ReceivedMail[]; started: { n: number }; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const started = { n: 0 };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      started.n++;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stall) return; // never answered: the mail is not accepted
        mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, started, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 30000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const SUBSCRIPTIONS = `{ myReportSubscriptions { id frequency active lastDeliveryPeriod lastDeliveryStatus } }`;
const SET = `mutation($f: ReportFrequency!, $a: Boolean!) { setReportSubscription(frequency: $f, active: $a) { id frequency active } }`;

describe('scheduled reports by e-mail, at most once per week or month (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  const prefix = `gdtx-e2e-sched-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    sink = await smtpSink();
    api = await bootApi({
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      RUN_WORKERS_IN_PROCESS: 'true',
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Sở GDĐT Thanh Hóa <no-reply@thanhhoa.edu.vn>',
    });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    // The leader and Bắc Ninh's admin get addresses (the seed gives them none).
    await owner.query(`UPDATE app_user SET email = 'lanhdao@thanhhoa.edu.vn' WHERE username = 'so.lanhdao'`);
    await owner.query(`UPDATE app_user SET email = 'quantri@bacninh.edu.vn' WHERE username = 'bn.quantri'`);
  }, 120_000);
  afterAll(async () => {
    await owner?.end();
    await api?.close();
    await sink?.close();
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  let runs = 0;
  async function runJob(today: string): Promise<{ sent: number; alreadyRecorded: number; skipped: number; failed: number }> {
    const queues = api.app.get(JobQueues, { strict: false });
    const key = `sched-${++runs}`;
    await queues.addAll([{ name: 'documents.send-scheduled-reports', data: { today, provinceId: null, centreId: null, requestedBy: null }, businessKey: key }] as never);
    const jobId = `documents.send-scheduled-reports~${key}`;
    let state = '';
    await waitFor(async () => ['completed', 'failed'].includes((state = (await (await queues.findJob(jobId))?.getState()) ?? '')), 60000, `job ${key}`);
    const job = await queues.findJob(jobId);
    expect([state, job?.failedReason]).toEqual(['completed', undefined]);
    return job!.returnvalue;
  }
  const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address));

  it('a Sở leader subscribes weekly and monthly; a director may not; Bắc Ninh sees and changes none of it', async () => {
    const leader = await api.login('so.lanhdao');
    expect((await api.gql(SET, { f: 'WEEKLY', a: true }, leader)).errors).toBeUndefined();
    const both = await api.gql<{ setReportSubscription: { frequency: string; active: boolean }[] }>(SET, { f: 'MONTHLY', a: true }, leader);
    expect(both.data!.setReportSubscription.map((s) => [s.frequency, s.active])).toEqual([['WEEKLY', true], ['MONTHLY', true]]);

    const director = await api.gql(SET, { f: 'WEEKLY', a: true }, await api.login('gd.hoasen'));
    expect(errorCode(director)).toBe('FORBIDDEN');
    expect(director.errors![0].message).toMatch(/Sở/);
    const bad = await api.gql(SET, { f: 'DAILY', a: true }, leader);
    expect(errorCode(bad)).toBeDefined();

    const bn = await api.login('bn.quantri');
    expect((await api.gql<{ myReportSubscriptions: unknown[] }>(SUBSCRIPTIONS, {}, bn)).data!.myReportSubscriptions).toEqual([]);
    expect((await api.gql(SET, { f: 'MONTHLY', a: true }, bn)).errors).toBeUndefined();

    // Below the service: Bắc Ninh's Sở reads none of Thanh Hóa's rows and changes none.
    const ids = (await owner.query(
      `SELECT (SELECT province_id FROM app_user WHERE username = 'so.lanhdao') AS th, (SELECT province_id FROM app_user WHERE username = 'bn.quantri') AS bn,
              (SELECT id FROM app_user WHERE username = 'so.lanhdao') AS leader`,
    )).rows[0] as { th: string; bn: string; leader: string };
    const { th, bn: bnId, leader: leaderId } = ids;
    const bnUser = (await owner.query(`SELECT id FROM app_user WHERE username = 'bn.quantri'`)).rows[0].id;
    const c = await connectAsAppRole(api.db.ownerUrl);
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true), set_config('app.user_id', $2, true)`, [bnId, bnUser]);
      expect((await c.query(`SELECT province_id FROM report_subscription`)).rows.map((r) => r.province_id)).toEqual([bnId]);
      expect((await c.query(`UPDATE report_subscription SET active = false WHERE province_id = $1`, [th])).rowCount).toBe(0);
      await expect(c.query(`INSERT INTO report_subscription (province_id, user_id, frequency) VALUES ($1, $2, 'WEEKLY')`, [th, leaderId])).rejects.toThrow(/row-level security/);
      // A refused statement aborts the transaction: a new one for the next refusal.
      await c.query('ROLLBACK');
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.scope', 'province', true), set_config('app.province_id', $1, true), set_config('app.user_id', $2, true)`, [bnId, bnUser]);
      await expect(c.query(`INSERT INTO report_delivery (province_id, user_id, subscription_id, delivery_period, report_period_code, status)
        SELECT province_id, user_id, id, '2026-12', '2026-2027', 'SENT' FROM report_subscription`)).rejects.toThrow(/row-level security/);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
      await c.end();
    }
    expect((await owner.query(`SELECT count(*)::int AS n FROM report_subscription WHERE province_id = $1 AND active`, [th])).rows[0].n).toBe(2);
  });

  it('each subscription gets one mail per week or month with the summary and its PDF; runs again send nothing', async () => {
    const monday = '2026-12-07';
    expect([deliveryPeriodOf('WEEKLY', monday), deliveryPeriodOf('MONTHLY', monday), scheduledSummaryPeriod(monday)]).toEqual(['2026-W50', '2026-12', '2026-2027']);
    const first = await runJob(monday);
    expect(first).toMatchObject({ sent: 3, alreadyRecorded: 0, failed: 0 });
    const leaderMails = mailsTo('lanhdao@thanhhoa.edu.vn');
    expect(leaderMails.map((m) => m.subject).sort()).toEqual([
      '[GDTX] Báo cáo tổng hợp hằng tháng, năm học 2026-2027',
      '[GDTX] Báo cáo tổng hợp hằng tuần, năm học 2026-2027',
    ]);
    const weekly = leaderMails.find((m) => m.subject.includes('hằng tuần'))!;
    expect(weekly.text.split('\n')[0]).toBe('Kính gửi Trần Quốc Hưng,');
    expect(weekly.text).toContain('Văn bản theo thể thức Nghị định 30/2020/NĐ-CP được đính kèm (PDF).');
    expect(weekly.attachments).toHaveLength(1);
    const [pdf] = weekly.attachments;
    expect([pdf.contentType, pdf.filename]).toEqual(['application/pdf', 'Báo cáo tổng hợp GDTX 2026-2027.pdf']);
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(pdf.content)).normalize('NFC');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    // Bắc Ninh's mail is Bắc Ninh's summary.
    const bnMail = mailsTo('quantri@bacninh.edu.vn');
    expect(bnMail).toHaveLength(1);
    expect((await pdfText(bnMail[0].attachments[0].content)).normalize('NFC')).toMatch(/BẮC NINH/);

    // The same day again, later in the week: nothing more.
    expect(await runJob(monday)).toMatchObject({ sent: 0, alreadyRecorded: 3 });
    expect(await runJob('2026-12-11')).toMatchObject({ sent: 0, alreadyRecorded: 3 });
    expect(sink.mails).toHaveLength(3);
    // The next week: the weekly one only.
    expect(await runJob('2026-12-14')).toMatchObject({ sent: 1, alreadyRecorded: 2 });
    expect(mailsTo('lanhdao@thanhhoa.edu.vn').filter((m) => m.subject.includes('hằng tuần'))).toHaveLength(2);
    const mine = await api.gql<{ myReportSubscriptions: { frequency: string; lastDeliveryPeriod: string; lastDeliveryStatus: string }[] }>(SUBSCRIPTIONS, {}, await api.login('so.lanhdao'));
    expect(mine.data!.myReportSubscriptions.map((s) => [s.frequency, s.lastDeliveryPeriod, s.lastDeliveryStatus])).toEqual([
      ['WEEKLY', '2026-W51', 'SENT'], ['MONTHLY', '2026-12', 'SENT'],
    ]);
    // Unsubscribed: nothing the next month.
    await api.gql(SET, { f: 'MONTHLY', a: false }, await api.login('bn.quantri'));
    const january = await runJob('2027-01-04');
    expect(mailsTo('quantri@bacninh.edu.vn')).toHaveLength(1);
    expect(january).toMatchObject({ sent: 2, failed: 0 });
  });

  it('a worker killed while it hands the mail to SMTP: that mail is never sent again', async () => {
    const stalled = await smtpSink(true);
    const killPrefix = `${prefix}-kill`;
    const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
    const queue = new Queue('system', { connection: { host: '127.0.0.1', port: Number(new URL(redisUrl).port || 6379) }, prefix: killPrefix });
    let worker: ChildProcess | null = null;
    try {
      worker = spawn(process.execPath, ['-r', './scripts/register.js', 'apps/worker/src/main.ts'], {
        cwd: root, stdio: 'ignore',
        env: { ...process.env, DATABASE_URL: api.db.ownerUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: killPrefix, SMTP_URL: stalled.url, NODE_ENV: 'test', LOG_LEVEL: 'silent', METRICS_PORT: '0' },
      });
      await waitFor(async () => (await queue.getWorkers()).length > 0, 120_000, 'the worker process');
      const day = '2027-02-01'; // a new week and a new month for the leader's two subscriptions
      await queue.add('documents.send-scheduled-reports', { today: day, provinceId: null, centreId: null, requestedBy: null }, { jobId: 'kill-mid-send' });
      // The first mail is in SMTP's DATA phase, unanswered: kill the worker there.
      await waitFor(() => stalled.started.n > 0, 60_000, 'the first mail reaching SMTP');
      worker.kill('SIGKILL');
      await new Promise<void>((resolve) => (worker!.exitCode !== null ? resolve() : worker!.once('exit', () => resolve())));
      const sending = (await owner.query(`SELECT subscription_id, delivery_period FROM report_delivery WHERE status = 'SENDING'`)).rows;
      expect(sending).toHaveLength(1);

      // The next run (another worker, a working SMTP): the delivery caught mid-send is not sent again, the other is.
      const before = sink.mails.length;
      const outcome = await runJob(day);
      expect(outcome).toMatchObject({ sent: 1, alreadyRecorded: 1, failed: 0 });
      expect(sink.mails.length - before).toBe(1);
      expect(await runJob(day)).toMatchObject({ sent: 0, alreadyRecorded: 2 });
      expect(stalled.mails).toHaveLength(0);
      const rows = (await owner.query(`SELECT status, count(*)::int AS n FROM report_delivery WHERE delivery_period IN ('2027-W05', '2027-02') GROUP BY status ORDER BY status`)).rows;
      expect(rows).toEqual([{ status: 'SENDING', n: 1 }, { status: 'SENT', n: 1 }]);
    } finally {
      if (worker && worker.exitCode === null) worker.kill('SIGKILL');
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await stalled.close();
    }
  }, 240_000);
});
