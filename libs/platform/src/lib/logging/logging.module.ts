import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { loadConfig } from '../config/config';

/** The queue dashboard takes its token in the query string once (queue-dashboard.ts): it must not reach the log. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|access_token|refresh_token)=)[^&#]*/gi, '$1[redacted]');
}

/** Structured JSON logs with a request id (taken from X-Request-Id when a proxy set one). */
export function loggingModule() {
  const config = loadConfig();
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
      },
      // Secrets never reach a log line, whatever object carries them (issue 13).
      redact: {
        paths: [
          'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
          '*.password', '*.newPassword', '*.currentPassword', '*.passwordHash', '*.password_hash',
          '*.accessToken', '*.refreshToken', '*.token', '*.totpSecret', 'password', 'passwordHash', 'token',
          'err.parameters', '*.parameters', 'err.detail',
        ],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
      customProps: () => ({ service: 'gdtx-monitor' }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
