// Issue 5 (notifications): reminders by a scheduled job that never notifies twice, e-mail copies in Vietnamese
// delivered to a real SMTP server (smtp-server as a sink), returned reports through the reporting outbox topic,
// and each user reading and marking only their own notifications.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { addDays, matchWebRoute, vietnamDateOf, vietnameseDate } from '@gdtx/domain';
import { JobQueues } from '@gdtx/platform';
import { bootApi, errorCode, TestApi } from './harness';

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** Decodes the parts of a nodemailer message we assert on: RFC 2047 subject and a base64 text/plain body. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectRaw = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectRaw
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'))
    .trim();
  const body = rest.join('\n\n');
  const base64 = /Content-Transfer-Encoding: base64/i.test(unfolded);
  const text = base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { to, subject, text };
}

describe('notifications (e2e)', () => {
  let api: TestApi;
  let owner: Client;
  let smtp: SMTPServer;
  const mails: ReceivedMail[] = [];
  const today = vietnamDateOf(new Date());

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    api = await bootApi({
      REDIS_URL: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
      RUN_WORKERS_IN_PROCESS: 'true',
      QUEUE_PREFIX: `gdtx-e2e-notify-${randomBytes(4).toString('hex')}`,
      OUTBOX_POLL_MS: '20',
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Sở GDĐT Thanh Hóa <no-reply@thanhhoa.edu.vn>',
    });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await api?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    // The environment outlives this file in a jest worker: later suites must not mail a closed sink.
    delete process.env['SMTP_URL'];
    delete process.env['MAIL_FROM'];
  });

  async function waitFor(check: () => Promise<boolean>, timeoutMs = 15000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  }

  async function runReminders(runKey: string, day: string): Promise<void> {
    const queues = api.app.get(JobQueues, { strict: false });
    await queues.addAll([{ name: 'notify.deadline-reminders', data: { today: day, provinceId: null, centreId: null, requestedBy: null }, businessKey: `test-${runKey}` }]);
    const jobId = `notify.deadline-reminders~test-${runKey}`;
    const done = await waitFor(async () => (await (await queues.findJob(jobId))?.getState()) === 'completed', 30000);
    expect(done).toBe(true);
  }

  it('deadline reminders: the scheduler running twice notifies (and e-mails) once, in Vietnamese', async () => {
    const director = await api.login('gd.gdtx');
    const centre = (await owner.query(`SELECT id FROM centre WHERE code = 'TH-GDTX'`)).rows[0].id as string;
    const due = await api.gql<{ dueReports: { templateCode: string; periodCode: string; dueDate: string; status: string }[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode dueDate status } }`, { c: centre }, director,
    );
    const open = due.data!.dueReports.filter((d) => (d.status === 'NOT_STARTED' || d.status === 'DRAFT') && d.dueDate >= today).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    expect(open).toBeDefined();
    // The reminder day: three days before that report is due.
    const day = addDays(open.dueDate, -3);
    const key = `deadline-ahead:${centre}:${open.templateCode}:${open.periodCode}:${open.dueDate}`;
    const count = async () => Number((await owner.query(`SELECT count(*) FROM notification WHERE event_key = $1`, [key])).rows[0].count);

    await runReminders('run1', day);
    const afterFirst = await count();
    expect(afterFirst).toBeGreaterThanOrEqual(2); // director and staff of the GDTX centre
    const total = Number((await owner.query(`SELECT count(*) FROM notification`)).rows[0].count);
    await runReminders('run2', day);
    expect(await count()).toBe(afterFirst);
    expect(Number((await owner.query(`SELECT count(*) FROM notification`)).rows[0].count)).toBe(total);

    const list = await api.gql<{ notifications: { nodes: { kind: string; titleVi: string; bodyVi: string; titleEn: string }[] } }>(
      `{ notifications(unreadOnly: true, first: 100) { nodes { kind titleVi bodyVi titleEn } } }`, {}, director,
    );
    const dueDmy = vietnameseDate(open.dueDate);
    const ahead = list.data!.notifications.nodes.filter((n) => n.kind === 'DEADLINE_AHEAD' && n.titleVi.includes(dueDmy));
    expect(ahead).toHaveLength(1);
    expect(ahead[0].titleVi).toContain('Sắp đến hạn nộp');
    expect(ahead[0].titleVi).not.toContain(open.dueDate);
    expect(ahead[0].bodyVi).toContain('còn 3 ngày');
    expect(ahead[0].titleEn).toContain(`is due on ${dueDmy}`);

    // gd.gdtx has an e-mail address: the digest carries this event in exactly one mail (issue 16: no mail per event).
    const queues = api.app.get(JobQueues, { strict: false });
    await queues.addAll([{ name: 'notify.email-digest', data: { provinceId: null, centreId: null, requestedBy: null }, businessKey: 'test-digest-reminders' }]);
    expect(await waitFor(async () => mails.some((m) => m.to.includes('gdtx@thanhhoa.edu.vn') && m.text.includes('Sắp đến hạn nộp') && m.text.includes(dueDmy)))).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    const mine = mails.filter((m) => m.to.includes('gdtx@thanhhoa.edu.vn') && m.text.includes('Sắp đến hạn nộp') && m.text.includes(dueDmy));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toMatch(/^\[GDTX\] /);
    expect(mine[0].text).toContain('Kính gửi Lê Văn Bình,');
    expect(mine[0].text).toContain('Sở Giáo dục và Đào tạo');
    const state = await owner.query(`SELECT email_status FROM notification WHERE event_key = $1 AND email_to = 'gdtx@thanhhoa.edu.vn'`, [key]);
    expect(state.rows[0].email_status).toBe('SENT');
  });

  it('a centre dissolved by a change recorded ahead of its date gets no reminder once that date has come (issue 11, state by date)', async () => {
    // TH-NN-001 and TH-NN-004 owe the same reports; TH-NN-001's dissolution was recorded ahead of its date, so the
    // registry's column still says ACTIVE: only its status on the run's day (org's reader) says DISSOLVED.
    const so = await api.login('so.chuyenvien');
    const code = async (c: string) => (await owner.query(`SELECT id FROM centre WHERE code = $1`, [c])).rows[0].id as string;
    const [dissolved, control] = [await code('TH-NN-001'), await code('TH-NN-004')];
    type Due = { templateCode: string; periodCode: string; dueDate: string; status: string };
    const dueOf = async (c: string) => (await api.gql<{ dueReports: Due[] }>(
      `query($c: ID!) { dueReports(centreId: $c) { templateCode periodCode dueDate status } }`, { c }, so)).data!.dueReports;
    const keyOf = (c: string, d: Due) => `deadline-ahead:${c}:${d.templateCode}:${d.periodCode}:${d.dueDate}`;
    const count = async (key: string) => Number((await owner.query(`SELECT count(*) FROM notification WHERE event_key = $1`, [key])).rows[0].count);
    const controlDue = await dueOf(control);
    const candidates: Due[] = [];
    for (const d of await dueOf(dissolved)) {
      const twin = controlDue.find((x) => x.templateCode === d.templateCode && x.periodCode === d.periodCode && x.dueDate === d.dueDate);
      if (!twin || ![d.status, twin.status].every((st) => st === 'NOT_STARTED' || st === 'DRAFT')) continue;
      if ((await count(keyOf(dissolved, d))) === 0 && (await count(keyOf(control, d))) === 0) candidates.push(d);
    }
    const report = candidates.sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
    expect(report).toBeDefined();
    const day = addDays(report.dueDate, -3);
    await owner.query(`UPDATE centre_status_history SET valid_to = $2 WHERE centre_id = $1 AND valid_to IS NULL`, [dissolved, addDays(day, -2)]);
    await owner.query(
      `INSERT INTO centre_status_history (province_id, centre_id, status, valid_from, reason) SELECT province_id, id, 'DISSOLVED', $2, 'Giải thể (ghi trước ngày hiệu lực)' FROM centre WHERE id = $1`,
      [dissolved, addDays(day, -1)],
    );
    expect((await owner.query(`SELECT status FROM centre WHERE id = $1`, [dissolved])).rows[0].status).toBe('ACTIVE');

    await runReminders('dissolved-ahead', day);
    expect(await count(keyOf(control, report))).toBeGreaterThanOrEqual(1);
    expect(await count(keyOf(dissolved, report))).toBe(0);
  });

  // Hoa Sen is a language centre: licensed and reviewed by the Sở (after the 2025 reform no district office reviews).
  it('a returned report notifies the centre through the reporting outbox topic', async () => {
    const sub = (await owner.query(
      `SELECT s.id, s.version FROM submission s JOIN centre c ON c.id = s.centre_id WHERE c.code = 'TH-NN-004' AND s.status = 'SUBMITTED' ORDER BY s.period_code DESC LIMIT 1`,
    )).rows[0];
    expect(sub).toBeDefined();
    const r = await api.gql(`mutation($id: ID!, $v: Int!, $c: String!) { returnSubmission(id: $id, expectedVersion: $v, comment: $c) { status } }`, { id: sub.id, v: sub.version, c: 'Số học viên mới chưa khớp với sổ tuyển sinh.' }, await api.login('so.chuyenvien'));
    expect(r.errors).toBeUndefined();
    const director = await api.login('gd.hoasen');
    const Q = `{ notifications(first: 50) { nodes { id kind titleVi bodyVi link } } }`;
    let returned: { id: string; kind: string; titleVi: string; bodyVi: string; link: string }[] = [];
    expect(await waitFor(async () => {
      returned = (await api.gql<{ notifications: { nodes: typeof returned } }>(Q, {}, director)).data!.notifications.nodes.filter((n) => n.kind === 'REPORT_RETURNED');
      return returned.length > 0;
    })).toBe(true);
    expect(returned).toHaveLength(1);
    expect(returned[0].titleVi).toContain('Báo cáo bị trả lại');
    expect(returned[0].bodyVi).toMatch(/^Sở GDĐT Thanh Hóa đã trả lại /);
    expect(returned[0].bodyVi).toContain('Số học viên mới chưa khớp với sổ tuyển sinh.');
    expect(returned[0].link).toBe(`/submissions/${sub.id}`);
  });

  it('a user reads, counts and marks only their own notifications', async () => {
    const gdtx = await api.login('gd.gdtx');
    const hoasen = await api.login('gd.hoasen');
    const ids = async (token: string) =>
      (await api.gql<{ notifications: { nodes: { id: string }[] } }>(`{ notifications(first: 200) { nodes { id } } }`, {}, token)).data!.notifications.nodes.map((n) => n.id);
    const gdtxIds = await ids(gdtx);
    const hoasenIds = await ids(hoasen);
    expect(gdtxIds.length).toBeGreaterThan(0);
    expect(hoasenIds.length).toBeGreaterThan(0);
    expect(gdtxIds.some((id) => hoasenIds.includes(id))).toBe(false);
    const gdtxUser = (await owner.query(`SELECT id FROM app_user WHERE username = 'gd.gdtx'`)).rows[0].id;
    const owned = await owner.query(`SELECT count(*)::int AS n FROM notification WHERE id = ANY($1::uuid[]) AND user_id <> $2`, [gdtxIds, gdtxUser]);
    expect(owned.rows[0].n).toBe(0);

    const COUNT = `{ unreadNotificationCount }`;
    const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`;
    const before = (await api.gql<{ unreadNotificationCount: number }>(COUNT, {}, gdtx)).data!.unreadNotificationCount;
    expect(before).toBeGreaterThan(0);
    // Another user's ids change nothing and reveal nothing.
    const foreign = await api.gql<{ markNotificationsRead: unknown[] }>(MARK, { ids: gdtxIds.slice(0, 2) }, hoasen);
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.markNotificationsRead).toEqual([]);
    expect((await api.gql<{ unreadNotificationCount: number }>(COUNT, {}, gdtx)).data!.unreadNotificationCount).toBe(before);
    const unreadIds = (await api.gql<{ notifications: { nodes: { id: string }[] } }>(`{ notifications(unreadOnly: true, first: 1) { nodes { id } } }`, {}, gdtx)).data!.notifications.nodes.map((n) => n.id);
    const own = await api.gql<{ markNotificationsRead: { id: string; readAt: string }[] }>(MARK, { ids: unreadIds }, gdtx);
    expect(own.data!.markNotificationsRead).toHaveLength(1);
    expect(own.data!.markNotificationsRead[0].readAt).not.toBeNull();
    expect((await api.gql<{ unreadNotificationCount: number }>(COUNT, {}, gdtx)).data!.unreadNotificationCount).toBe(before - 1);
    expect(errorCode(await api.gql(MARK, { ids: ['not-a-uuid'] }, gdtx))).toBe('BAD_USER_INPUT');
    expect(errorCode(await api.gql(COUNT, {}))).toBe('UNAUTHENTICATED');
  });

  it("marking all read clears the user's own unread notifications and nobody else's", async () => {
    // Two users who both have unread notifications in the seeded data (the earlier test read some of gd.gdtx's).
    const withUnread = await owner.query(
      `SELECT u.username FROM app_user u JOIN notification n ON n.user_id = u.id WHERE n.read_at IS NULL GROUP BY u.username ORDER BY u.username LIMIT 2`,
    );
    expect(withUnread.rows).toHaveLength(2);
    const first = await api.login(withUnread.rows[0].username);
    const second = await api.login(withUnread.rows[1].username);
    const COUNT = `{ unreadNotificationCount }`;
    const ALL = `mutation { markAllNotificationsRead }`;
    const unread = async (token: string) => (await api.gql<{ unreadNotificationCount: number }>(COUNT, {}, token)).data!.unreadNotificationCount;
    const firstBefore = await unread(first);
    const secondBefore = await unread(second);
    expect(firstBefore).toBeGreaterThan(0);
    expect(secondBefore).toBeGreaterThan(0);
    const marked = await api.gql<{ markAllNotificationsRead: number }>(ALL, {}, first);
    expect(marked.data!.markAllNotificationsRead).toBe(firstBefore);
    expect(await unread(first)).toBe(0);
    expect(await unread(second)).toBe(secondBefore);
    // Nothing left to mark: a second call marks none.
    expect((await api.gql<{ markAllNotificationsRead: number }>(ALL, {}, first)).data!.markAllNotificationsRead).toBe(0);
    expect(errorCode(await api.gql(ALL, {}))).toBe('UNAUTHENTICATED');
  });

  // Issue 11, defect 12: links were written by hand and pointed to pages that do not exist. Every link the server
  // has written by now — the seeded findings and licence alerts, the reminders and the returned report above —
  // must open a page of the web's route table, naming the notification's own centre where it names one.
  it('every link the server wrote resolves to a page of the web (the shared route table)', async () => {
    const { rows } = await owner.query(
      `SELECT DISTINCT kind, link, centre_id AS "centreId" FROM notification WHERE link IS NOT NULL ORDER BY kind, link`,
    );
    const kinds = new Set(rows.map((r) => r.kind as string));
    for (const kind of ['DEADLINE_AHEAD', 'REPORT_RETURNED', 'FINDING_OPENED', 'LICENCE_EXPIRY']) expect([kind, kinds.has(kind)]).toEqual([kind, true]);
    const unresolved = rows.filter((r) => matchWebRoute(r.link) === null).map((r) => `${r.kind} ${r.link}`);
    expect(unresolved).toEqual([]);
    for (const r of rows) {
      const match = matchWebRoute(r.link)!;
      if (r.kind === 'DEADLINE_AHEAD' || r.kind === 'REPORT_OVERDUE') expect(match).toMatchObject({ key: 'reportForm', params: { centreId: r.centreId } });
      if (r.kind === 'FINDING_OPENED' || r.kind === 'LICENCE_EXPIRY') expect(match).toEqual({ key: 'centre', params: { id: r.centreId } });
      if (r.kind === 'REPORT_RETURNED') expect(match.key).toBe('submission');
    }
  });
});
