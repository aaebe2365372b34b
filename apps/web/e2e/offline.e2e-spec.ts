// Issue 16 item 8, offline drafts: a director edits a draft without a connection, reloads and finds the values,
// validated by the shared engine; submitting is refused with a message; when the connection returns the server has
// them. A conflicting edit made meanwhile gets the CONFLICT dialog. Signing out removes the drafts from the device.
//
// "No request while offline" is counted where it matters, at the API's HTTP server: the browser's offline switch is
// not trusted to cover a service worker's own requests (or the browser's: its update check of /sw.js, a favicon).
import type { IncomingMessage } from 'node:http';
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { GqlResult, TestApi } from '../../api/test/harness';
import { DEMO_PASSWORD, login, logout, screenshot, useBrowserSuite } from './browser';

jest.setTimeout(240_000);

/** The header on the test's own requests to the API (the conflicting edit), so they are not counted as the browser's. */
const TEST_CLIENT_HEADER = 'x-offline-test-client';

const DIRECTOR = 'gd.hoasen';
const TEMPLATE = 'LANGUAGE_IT_QUARTERLY';

interface Draft { id: string; version: number; values: Record<string, unknown> }

describe('offline drafts of the report form', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('offline', (suite) => ({ api, page } = suite));

  /** Every request that reaches the API's HTTP server while `counting`, except the test's own. */
  const arrived: string[] = [];
  let counting = false;
  let listening = false;
  function countRequests(): void {
    if (listening) return;
    listening = true;
    (api.app.getHttpServer() as { on(event: 'request', listener: (req: IncomingMessage) => void): void }).on('request', (req) => {
      if (counting && !req.headers[TEST_CLIENT_HEADER]) arrived.push(`${req.method} ${req.url} (${req.headers['user-agent'] ?? '?'})`);
    });
  }
  async function goOffline(): Promise<void> {
    await page.context().setOffline(true);
    arrived.length = 0;
    counting = true;
  }
  async function goOnline(): Promise<string[]> {
    counting = false;
    await page.context().setOffline(false);
    return [...arrived];
  }

  /** GraphQL as another session of the director (a fresh sign-in), marked as the test's own request. */
  async function asDirector<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<T> & { token: string }> {
    const post = async <R>(q: string, v: Record<string, unknown>, auth?: string) => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TEST_CLIENT_HEADER]: '1', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return (await res.json()) as GqlResult<R>;
    };
    let auth = token;
    if (!auth) {
      const signedIn = await post<{ login: { accessToken: string } }>(
        `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken } }`, { u: DIRECTOR, p: DEMO_PASSWORD },
      );
      auth = signedIn.data!.login.accessToken;
    }
    return { ...(await post<T>(query, variables, auth)), token: auth };
  }

  async function draftOnServer(id: string): Promise<Draft> {
    const r = await asDirector<{ submission: Draft }>(`query($id: ID!) { submission(id: $id) { id version values } }`, { id });
    return r.data!.submission;
  }

  /** A draft of a quarter long past (nothing filed for it in the demo), started through the API. */
  async function startDraft(periodCode: string): Promise<Draft> {
    const me = await asDirector<{ me: { centreId: string } }>(`{ me { centreId } }`);
    const saved = await asDirector<{ saveSubmissionDraft: { submission: Draft } }>(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id version values } } }`,
      { i: { centreId: me.data!.me.centreId, templateCode: TEMPLATE, periodCode, values: { establishment_decision_no: '12/QĐ-UBND' } } },
      me.token,
    );
    expect(saved.errors).toBeUndefined();
    return saved.data!.saveSubmissionDraft.submission;
  }

  /** Opens the draft and waits until the app can work without a connection: the service worker is active and
   *  the report is kept on the device. */
  async function openReadyForOffline(id: string): Promise<void> {
    await page.goto(`/submissions/${id}`);
    await page.getByTestId('report-form').waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(async (submissionId) => (await keptDrafts()).some((d) => d.submissionId === submissionId), id);
  }

  const field = (key: string) => page.locator(`#field-${key}`);
  const saveState = () => page.getByTestId('save-state');
  const errorCount = async () => Number(/(\d+) lỗi/.exec((await page.getByTestId('validation-summary').textContent()) ?? '')?.[1] ?? 0);

  beforeEach(async () => {
    countRequests();
    // The records of this origin's offline store, read in the page (the test's window on the device).
    await page.addInitScript(() => {
      (window as unknown as { keptDrafts: typeof keptDrafts }).keptDrafts = () =>
        new Promise((resolve) => {
          const open = indexedDB.open('gdtx-offline');
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('drafts')) return resolve([]);
            const all = db.transaction('drafts').objectStore('drafts').getAll();
            all.onsuccess = () => resolve(all.result as Awaited<ReturnType<typeof keptDrafts>>);
            all.onerror = () => resolve([]);
          };
          open.onerror = () => resolve([]);
        });
    });
  });

  it('the service worker is served from the root and keeps every script and style the first page loads', async () => {
    const res = await fetch(`${api.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const source = await res.text();
    const index = await (await fetch(`${api.url}/`)).text();
    const firstPage = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(firstPage.length).toBeGreaterThanOrEqual(3);
    for (const file of firstPage) expect(source).toContain(`"${file}"`);
    // Never the API: its paths are left to the network.
    expect(source).toContain('graphql|health|metrics|api|admin\\/queues');
  });

  it('a director edits offline, reloads and finds the values, cannot submit offline; online again the server has them', async () => {
    const draft = await startDraft('2019-Q2');
    await login(page, DIRECTOR);
    await openReadyForOffline(draft.id);

    await goOffline();
    await field('teachers_total').fill('5');
    await field('branch_count').fill('3');
    const errorsBefore = await errorCount();
    // Validated on the device by the shared engine: more foreign teachers than teachers is an error.
    await field('teachers_foreign').fill('9');
    await page.waitForFunction((n) => {
      const text = document.querySelector('[data-testid="validation-summary"]')?.textContent ?? '';
      return Number(/(\d+) lỗi/.exec(text)?.[1] ?? 0) === n + 1;
    }, errorsBefore);
    await saveState().getByText('Đã lưu trên máy, chưa gửi').waitFor();
    // Submitting needs the server: refused with a message, nothing sent.
    await page.getByTestId('submit-report').first().click();
    await page.getByTestId('action-error').getByText(/Chưa có kết nối mạng/).waitFor();

    await page.reload();
    await page.getByTestId('report-form').waitFor();
    await expect(field('teachers_total').inputValue()).resolves.toBe('5');
    await expect(field('teachers_foreign').inputValue()).resolves.toBe('9');
    await expect(field('branch_count').inputValue()).resolves.toBe('3');
    await expect(field('establishment_decision_no').inputValue()).resolves.toBe('12/QĐ-UBND');
    await saveState().getByText('Đã lưu trên máy, chưa gửi').waitFor();
    await expect(errorCount()).resolves.toBe(errorsBefore + 1);
    await screenshot(page, 'offline-da-luu-tren-may', { fullPage: false });
    // The server has not seen them yet (the test's own request, not counted).
    expect((await draftOnServer(draft.id)).values['teachers_total']).toBeUndefined();

    const duringOffline = await goOnline();
    expect(duringOffline).toEqual([]);
    await saveState().getByText(/Đã lưu lúc/).waitFor();
    const synced = await draftOnServer(draft.id);
    expect(synced.values).toMatchObject({ teachers_total: 5, teachers_foreign: 9, branch_count: 3, establishment_decision_no: '12/QĐ-UBND' });
    expect(synced.version).toBeGreaterThan(draft.version);
  });

  it('a report started in the browser (opened by centre, template and period) reloads offline at the same address', async () => {
    const me = await asDirector<{ me: { centreId: string } }>(`{ me { centreId } }`);
    const address = `/reports/${me.data!.me.centreId}/${TEMPLATE}/2019-Q4`;
    await login(page, DIRECTOR);
    await page.goto(address);
    await page.getByTestId('report-form').waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first save creates the report; the form stays at its address.
    await field('teachers_total').fill('11');
    await saveState().getByText(/Đã lưu lúc/).waitFor();
    await page.waitForFunction(async () => (await keptDrafts()).some((d) => d.base.periodCode === '2019-Q4'));

    await goOffline();
    await field('support_staff').fill('2');
    await saveState().getByText('Đã lưu trên máy, chưa gửi').waitFor();
    await page.reload();
    await page.getByTestId('report-form').waitFor();
    expect(new URL(page.url()).pathname).toBe(address);
    await expect(field('teachers_total').inputValue()).resolves.toBe('11');
    await expect(field('support_staff').inputValue()).resolves.toBe('2');

    expect(await goOnline()).toEqual([]);
    await saveState().getByText(/Đã lưu lúc/).waitFor();
    const list = await asDirector<{ submissions: { nodes: { values: Record<string, unknown> }[] } }>(
      `query($f: SubmissionFilter) { submissions(filter: $f, first: 1) { nodes { values } } }`,
      { f: { centreId: me.data!.me.centreId, templateCode: TEMPLATE, periodId: '2019-Q4' } },
    );
    expect(list.data!.submissions.nodes[0]!.values).toMatchObject({ teachers_total: 11, support_staff: 2 });
  });

  it('a conflicting edit made meanwhile gets the CONFLICT dialog on reconnect; signing out removes the drafts from the device', async () => {
    const draft = await startDraft('2019-Q3');
    await login(page, DIRECTOR);
    await openReadyForOffline(draft.id);

    await goOffline();
    await field('teachers_total').fill('7');
    await saveState().getByText('Đã lưu trên máy, chưa gửi').waitFor();
    // Meanwhile the same director changes the draft from another session (another computer).
    const current = await draftOnServer(draft.id);
    const elsewhere = await asDirector<{ saveSubmissionDraft: { submission: Draft } }>(
      `mutation($i: SaveSubmissionDraftInput!) { saveSubmissionDraft(input: $i) { submission { id version values } } }`,
      { i: { centreId: (await asDirector<{ me: { centreId: string } }>(`{ me { centreId } }`)).data!.me.centreId, templateCode: TEMPLATE, periodCode: '2019-Q3', values: { ...current.values, teachers_total: 40 }, expectedVersion: current.version } },
    );
    expect(elsewhere.errors).toBeUndefined();
    await page.reload();
    await expect(field('teachers_total').inputValue()).resolves.toBe('7');

    const duringOffline = await goOnline();
    expect(duringOffline).toEqual([]);
    // Sent with the version it was based on: the server refuses it as stale, the existing dialog asks.
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect((await draftOnServer(draft.id)).values['teachers_total']).toBe(40);
    await screenshot(page, 'offline-xung-dot', { fullPage: false });
    await conflict.getByRole('button', { name: 'Giữ dữ liệu của tôi và lưu lại' }).click();
    await conflict.waitFor({ state: 'detached' });
    await saveState().getByText(/Đã lưu lúc/).waitFor();
    expect((await draftOnServer(draft.id)).values['teachers_total']).toBe(7);

    // Offices share computers: signing out leaves no draft on the device.
    const keptBefore = await page.evaluate(() => keptDrafts());
    expect(keptBefore.length).toBeGreaterThan(0);
    await logout(page);
    const keptAfter = await page.evaluate(() => keptDrafts());
    expect(keptAfter).toEqual([]);
  });
});

declare global {
  function keptDrafts(): Promise<{ submissionId: string; userId: string; base: { periodCode: string } }[]>;
}
