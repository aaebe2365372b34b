import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/**
 * TypeORM's own loggers print a failed statement with its parameters (`-- PARAMETERS: [...]`) to the console,
 * whatever LOG_LEVEL says: a failed `createUser` put an argon2 hash in the error log, a failed login a username,
 * a failed token refresh a token hash (issue 13). This one logs through the application logger (pino, so
 * LOG_LEVEL and redaction apply) with the statement's text and the PostgreSQL error code, never a parameter
 * value and never the error's `detail` (which quotes the offending row: `Key (username)=(…)`).
 */
export class SafeQueryLogger implements TypeOrmLogger {
  constructor(private readonly sink: Pick<NestLogger, 'error' | 'warn' | 'log'> = new NestLogger('Database')) {}

  logQuery(): void {
    // Statements are not logged (only failures are).
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    const e = typeof error === 'string' ? { message: error } : (error as Error & { code?: string });
    this.sink.error({
      msg: 'query failed',
      pgCode: (e as { code?: string }).code ?? null,
      error: e.message,
      query: oneLine(query),
      parameterCount: parameters?.length ?? 0,
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.sink.warn({ msg: 'slow query', ms: time, query: oneLine(query) });
  }

  logSchemaBuild(): void {
    // Schema builds never run (migrations only, never synchronize).
  }

  logMigration(message: string): void {
    this.sink.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, _queryRunner?: QueryRunner): void {
    if (level === 'warn') this.sink.warn(String(message));
  }
}

function oneLine(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 2000);
}
