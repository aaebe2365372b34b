import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { initTracing, installClientErrorEnvelope, loadConfig, MetricsService, mountQueueDashboard, tracingMiddleware, transportErrorMiddleware } from '@gdtx/platform';
import { AppModule } from './app.module';
import { validationPipe } from './validation';

/** How long browsers keep /sw.js before checking it again (ADR 0018). */
const SERVICE_WORKER_MAX_AGE_S = 3600;

/** Builds the API application (used by main.ts, `npm start` and the e2e tests, which listen on port 0). */
export async function createApi(): Promise<NestExpressApplication> {
  const config = loadConfig();
  // Body parsers are registered here, not by Nest, so that their errors reach the envelope middleware below.
  // Traces (issue 14 item 3; docs/operations.md): on with OTEL_SPANS_FILE, before anything that opens spans.
  initTracing('gdtx-api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  installClientErrorEnvelope(app.getHttpServer());
  app.useLogger(app.get(Logger));
  // X-Forwarded-For only from the proxies named in TRUST_PROXY (default loopback; docs/operations.md).
  app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY.split(',').map((x) => x.trim()));
  // First, so that every request is timed (gdtx_http_request_duration_seconds; /metrics, docs/operations.md).
  app.use(app.get(MetricsService).httpMiddleware());
  app.use(tracingMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.useBodyParser('json', { limit: '2mb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(transportErrorMiddleware);
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  // Bull Board for QUEUE_ADMIN holders, behind a short-lived dashboard token (see queue-dashboard.ts).
  mountQueueDashboard(app);

  // The built web app is served from the same origin (architecture §7), with a fallback for client routes.
  const webDist = resolve(config.WEB_DIST_DIR ?? join(process.cwd(), 'apps/web/dist'));
  if (existsSync(join(webDist, 'index.html'))) {
    // Precompressed files (.br, .gz, written by the web build) for browsers that accept them. Vite names every
    // asset by its content hash, so /assets/* is cached for a year and never revalidated; index.html (served by
    // the fallback below) is revalidated each time, so a new release is picked up at once. Mounted on /assets only: nothing else of the web app is a file (index.html is the fallback below), and the
    // API's own paths never reach a static file server (its errors, e.g. a malformed URI, would bypass the
    // error envelope).
    app.use('/assets', (req: { path: string }, res: Parameters<typeof transportErrorMiddleware>[2], next: (err?: unknown) => void) => {
      // express-static-gzip answers a path that does not decode with a plain-text 400: give it the envelope.
      try {
        decodeURIComponent(req.path);
        next();
      } catch {
        transportErrorMiddleware({ status: 400, expose: true, message: 'URI malformed' }, req, res, next);
      }
    });
    app.use(
      '/assets',
      expressStaticGzip(join(webDist, 'assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: {
          setHeaders: (res: { setHeader: (name: string, value: string) => void }) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
        },
      }),
    );
    // The static server's own client errors (a malformed path) get the envelope too.
    app.use('/assets', transportErrorMiddleware);
    const server = app.getHttpAdapter().getInstance();
    // The web app's service worker (ADR 0018) lives at the root so that it may serve every client route. Cached an
    // hour (the page registers it with updateViaCache 'all'): the browser checks it for a new release on every
    // navigation, and on a poor connection that check should not go out each time; a release reaches the service
    // worker within the hour (pages themselves are never stale: index.html is always asked for first).
    server.get('/sw.js', (_req: unknown, res: { sendFile: (p: string, options?: { headers?: Record<string, string> }) => void }) => {
      res.sendFile(join(webDist, 'sw.js'), { headers: { 'Cache-Control': `public, max-age=${SERVICE_WORKER_MAX_AGE_S}`, 'Content-Type': 'text/javascript; charset=utf-8' } });
    });
    server.get(/^\/(?!graphql|health|metrics|api|admin\/queues).*/, (req: { method: string; path: string }, res: { sendFile: (p: string, options?: { headers?: Record<string, string> }) => void }, next: () => void) => {
      if (req.method !== 'GET' || /\.[a-z0-9]+$/i.test(req.path)) return next();
      res.sendFile(join(webDist, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
    });
  }
  return app;
}
