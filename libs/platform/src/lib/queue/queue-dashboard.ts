import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import jwt from 'jsonwebtoken';
import type { Role } from '@gdtx/domain';
import { hasPermission } from '@gdtx/domain';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { errorEnvelope } from '../http/http-envelope';
import { JobQueues } from './job-queues.service';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'gdtx_queue_dashboard';
const AUDIENCE = 'gdtx-queue-dashboard';
const ISSUER = 'gdtx-monitor';

export interface DashboardClaims {
  sub: string;
  prov: string | null;
  role: Role;
}

/**
 * A browser cannot send an Authorization header when it opens a page, so the dashboard takes a separate,
 * short-lived token (minted by the `queueDashboardToken` mutation for QUEUE_ADMIN holders). It is signed
 * with the API's secret for another audience, so it is useless as an API token and vice versa.
 */
export function signDashboardToken(secret: string, claims: DashboardClaims, ttlSeconds: number): string {
  return jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: ISSUER, audience: AUDIENCE });
}

export function verifyDashboardToken(secret: string, token: string): (DashboardClaims & { exp: number }) | null {
  try {
    const c = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as DashboardClaims & { exp: number };
    return typeof c.sub === 'string' && hasPermission(c.role, 'QUEUE_ADMIN') ? c : null;
  } catch {
    return null;
  }
}

interface Req {
  path: string;
  originalUrl: string;
  method: string;
  secure: boolean;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  status(code: number): Res;
  setHeader(name: string, value: string): void;
  redirect(status: number, url: string): void;
  json(body: unknown): void;
  type(t: string): Res;
  send(body: string): void;
}

/**
 * Mounts Bull Board at /admin/queues behind the dashboard token. Flow: the mutation returns
 * `/admin/queues?token=…`; the first request trades the token for an HttpOnly, SameSite=Strict cookie
 * scoped to /admin/queues (lifetime = the token's) and redirects to the bare URL, so the token leaves the
 * address bar and history. Every later request (the page, its API calls, retries) needs that cookie.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const queues = app.get(JobQueues, { strict: false });
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.all().map((q) => new BullMQAdapter(q)),
    // @bull-board/express 9.10.1 bundles its own @bull-board/api 9.10.1 types; the runtime contract is the same.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'gdtx-monitor jobs' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, (req: Req, res: Res, next: () => void) => {
    const fromQuery = typeof req.query['token'] === 'string' ? (req.query['token'] as string) : null;
    if (fromQuery) {
      const claims = verifyDashboardToken(config.JWT_SECRET, fromQuery);
      if (!claims) return deny(res);
      const maxAge = Math.max(1, claims.exp - Math.floor(Date.now() / 1000));
      res.setHeader(
        'Set-Cookie',
        `${COOKIE}=${fromQuery}; Path=${QUEUE_DASHBOARD_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${req.secure ? '; Secure' : ''}`,
      );
      res.setHeader('Cache-Control', 'no-store');
      return res.redirect(303, QUEUE_DASHBOARD_PATH + '/');
    }
    const cookie = readCookie(req.headers['cookie'], COOKIE);
    if (!cookie || !verifyDashboardToken(config.JWT_SECRET, cookie)) return deny(res);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
}

function deny(res: Res): void {
  res.status(401).json(
    errorEnvelope(
      'UNAUTHENTICATED',
      'Cần mã truy cập bảng điều khiển hàng đợi (mutation queueDashboardToken)',
      'Queue dashboard token required (mutation queueDashboardToken)',
    ),
  );
}

function readCookie(header: string | string[] | undefined, name: string): string | null {
  const raw = Array.isArray(header) ? header.join('; ') : header;
  if (!raw) return null;
  for (const part of raw.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}
