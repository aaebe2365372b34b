import { createServer, Server } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Controller, Get, Module, Req, Res } from '@nestjs/common';
import { Public } from '../auth/decorators';
import { AppError, httpStatusOf } from '../errors/app-error';
import { metricsAccess, MetricsService } from './metrics.service';

/** GET /metrics in the Prometheus text format, for whoever `MetricsService.assertMayRead` lets in. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  async scrape(@Req() req: IncomingMessage, @Res() res: { type: (t: string) => { send: (b: string) => void } }): Promise<void> {
    this.metrics.assertMayRead(req);
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

/** The API's /metrics (MetricsService itself comes with DatabaseModule, so the worker has it too). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}

/**
 * The worker's metrics endpoint: a bare HTTP server (the worker has no Nest HTTP layer) on `port`, answering
 * GET /metrics under the same access rule as the API's, refusals in the same error envelope.
 */
export async function serveMetrics(metrics: MetricsService, token: string | undefined, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const refuse = (status: number, code: string, vi: string, en: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: vi, extensions: { code, messageEn: en } }] }));
    };
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      return refuse(404, 'NOT_FOUND', 'Không tìm thấy', 'Not found: only GET /metrics is served here');
    }
    try {
      metricsAccess(token, req);
    } catch (e) {
      const err = e as AppError;
      return refuse(httpStatusOf(err.code), err.code, err.messageVi, err.messageEn);
    }
    metrics.registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(body);
      },
      () => refuse(500, 'INTERNAL', 'Lỗi hệ thống khi đọc số liệu', 'Internal error while collecting metrics'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
