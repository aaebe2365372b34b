// Issue 16, "phones and tablets": every main page of every role, at 1366×768, 768×1024 and 390×844, fits the
// window (document.documentElement.scrollWidth ≤ innerWidth: no sideways scrolling), and on a phone the
// header's actions (sign-out, language) are reachable from the menu drawer.
//
// Each role signs in once; each page of its menu (and the detail pages its lists lead to: a centre, a report
// form, a submission, a template) is opened by client-side navigation and measured at the three sizes by
// resizing the window, so the suite costs one page load per page, not three.
import type { Page } from 'playwright-core';
import { login, screenshot, useBrowserSuite } from './browser';

jest.setTimeout(300_000);

const SIZES = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** One user per role and supervisory scope of the demo (README's users table). */
const USERS: { username: string; role: string }[] = [
  { username: 'admin', role: 'SYSTEM_ADMIN' },
  { username: 'so.quantri', role: 'SO_ADMIN' },
  { username: 'so.chuyenvien', role: 'SO_SPECIALIST' },
  { username: 'so.lanhdao', role: 'SO_LEADER' },
  { username: 'so.thanhtra', role: 'INSPECTOR' },
  { username: 'xa.xuanhoa', role: 'SUPERVISOR (commune)' },
  { username: 'kv.thoxuan', role: 'SUPERVISOR (area)' },
  { username: 'phong.thoxuan', role: 'SUPERVISOR (ended district scope)' },
  { username: 'gd.gdtx', role: 'CENTRE_DIRECTOR' },
  { username: 'cb.gdtx', role: 'CENTRE_STAFF' },
];

/** The list pages whose first row leads to a detail page worth measuring too. */
const DETAIL_LINKS: { from: RegExp; link: string }[] = [
  { from: /^\/centres$/, link: 'a[href^="/centres/"]' },
  { from: /^\/review$/, link: 'a[href^="/submissions/"]' },
  { from: /^\/home$/, link: 'a[href^="/reports/"]' },
  { from: /^\/templates$/, link: 'a[href^="/templates/"]:not([href$="/publish"])' },
];

describe('every main page of every role fits the window at desktop, tablet and phone sizes', () => {
  let page: Page;
  useBrowserSuite('viewports', (suite) => ({ page } = suite), SIZES[0]);

  /** Counts the page's fetches in flight (GraphQL and REST), so "loaded" means: nothing in flight for a moment. */
  async function trackFetches(): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as { __inflight: number; fetch: typeof fetch };
      w.__inflight = 0;
      const original = w.fetch.bind(window);
      w.fetch = (...args: Parameters<typeof fetch>) => {
        w.__inflight++;
        return original(...args).finally(() => w.__inflight--);
      };
    });
  }

  async function quiet(): Promise<void> {
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __inflight?: number; __quietSince?: number };
        const busy = (w.__inflight ?? 0) > 0 || document.querySelector('.ant-spin-spinning, .ant-skeleton-active') !== null;
        if (busy) w.__quietSince = undefined;
        else w.__quietSince ??= performance.now();
        return !busy && performance.now() - (w.__quietSince ?? performance.now()) > 400;
      },
      undefined,
      { polling: 100, timeout: 40_000 },
    );
  }

  /** Client-side navigation (the session lives in memory: a reload would sign out). */
  async function open(path: string): Promise<void> {
    await page.evaluate((p) => {
      window.history.pushState({}, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await page.waitForFunction((p) => window.location.pathname + window.location.search === p, path);
    await quiet();
  }

  /** The menu's entries, read from the side menu at desktop size. */
  async function menuPaths(): Promise<string[]> {
    await page.setViewportSize(SIZES[0]);
    const nav = page.locator('aside nav');
    await nav.waitFor();
    return nav.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '').filter(Boolean));
  }

  type Measured = { path: string; size: string; overflow: number; culprits?: string[] };

  /**
   * Where the page breaks out (what to fix): each element reaching past the window's right edge whose parent
   * does not, with its ancestors' names.
   */
  async function culprits(): Promise<string[]> {
    return page.evaluate(() => {
      // Past the right edge and not clipped by a scrolling or clipping ancestor (a table in its own frame is fine).
      const clipped = (el: Element) => {
        for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
          if (getComputedStyle(e).overflowX !== 'visible' && e.getBoundingClientRect().right <= window.innerWidth + 1) return true;
        }
        return false;
      };
      const past = (el: Element) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el);
      const name = (el: Element) => {
        const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter((c) => c && !c.startsWith('css-')).slice(0, 2).join('.') : '';
        const id = el.getAttribute('data-testid');
        return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${id ? `[${id}]` : ''}`;
      };
      const breakers = Array.from(document.querySelectorAll('body *')).filter((el) => past(el) && el.parentElement && (el.parentElement === document.body || !past(el.parentElement)));
      if (!breakers.length) {
        // Nothing in flow reaches out: list the rightmost boxes whatever clips them (portals, fixed layers).
        const all = Array.from(document.querySelectorAll('body *'))
          .map((el) => ({ el, r: el.getBoundingClientRect() }))
          .filter((x) => x.r.right > window.innerWidth + 1)
          .sort((a, b) => b.r.right - a.r.right)
          .slice(0, 4);
        return [`scrollWidth html=${document.documentElement.scrollWidth} body=${document.body.scrollWidth}`, ...all.map(({ el, r }) => {
          const chain: string[] = [];
          for (let e: Element | null = el; e && chain.length < 6; e = e.parentElement) chain.unshift(`${name(e)}(${getComputedStyle(e).position},${getComputedStyle(e).overflowX})`);
          return `unclaimed ${chain.join(' > ')} [${Math.round(r.left)}–${Math.round(r.right)}]`;
        })];
      }
      return breakers.slice(0, 4).map((el) => {
        const chain: string[] = [];
        for (let e: Element | null = el; e && chain.length < 6; e = e.parentElement) chain.unshift(name(e));
        const r = el.getBoundingClientRect();
        return `${chain.join(' > ')} [${Math.round(r.left)}–${Math.round(r.right)}] "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      });
    });
  }

  /** Pixels wider than the window at each size (0 everywhere is the bar). */
  async function overflowAtEverySize(path: string): Promise<Measured[]> {
    const out: Measured[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // antd's breakpoints re-render the layout on resize; wait for it and any lazy content.
      await page.waitForFunction((w) => window.innerWidth === w, size.width);
      await quiet();
      // Charts and antd's breakpoints re-lay the page out over a few frames after a resize: a page "fits" when it
      // settles within the window (give it 2.5 s), as a user turning a tablet sees it.
      await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { polling: 'raf', timeout: 2500 }).catch(() => undefined);
      const overflow = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
      if (overflow > 0) {
        await screenshot(page, `viewport-overflow-${path.replace(/[^a-z0-9]+/gi, '-')}-${size.name}`, { fullPage: false });
        out.push({ path, size: size.name, overflow, culprits: await culprits() });
      } else out.push({ path, size: size.name, overflow });
    }
    return out;
  }

  it.each(USERS)('$username ($role)', async ({ username }) => {
    await trackFetches();
    await login(page, username);
    await quiet();
    const pages = await menuPaths();
    expect(pages.length).toBeGreaterThan(0);
    const measured: Measured[] = [];
    const seen = new Set<string>();
    const queue = [...pages];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      await page.setViewportSize(SIZES[0]);
      await open(path);
      measured.push(...(await overflowAtEverySize(path)));
      const detail = DETAIL_LINKS.find((d) => d.from.test(path));
      if (detail) {
        await page.setViewportSize(SIZES[0]);
        const href = await page.locator(`main ${detail.link}`).first().getAttribute('href', { timeout: 5000 }).catch(() => null);
        if (href && !seen.has(href)) queue.unshift(href);
      }
    }
    // Every page opened, and none wider than the window at any size.
    expect(measured.filter((m) => m.overflow > 0)).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(pages.length);

    // On a phone the header keeps the menu button; sign-out and the language switch are in the drawer.
    await page.setViewportSize(SIZES[2]);
    await quiet();
    await page.getByTestId('menu-button').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await expect(drawer.getByTestId('language-switch').isVisible()).resolves.toBe(true);
    await drawer.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  });
});
