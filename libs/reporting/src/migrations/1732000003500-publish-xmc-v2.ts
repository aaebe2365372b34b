import { MigrationInterface, QueryRunner } from 'typeorm';
import { publishShippedTemplates } from './1732000003000-reporting-core';

/**
 * Publishes shipped template versions added after the first release (XMC_COMMUNE_YEARLY v2). Idempotent: a
 * version already published is left alone (published versions are immutable), so on a fresh database, where
 * the core migration already published every shipped version, this does nothing.
 */
export class PublishXmcV21732000003500 implements MigrationInterface {
  name = 'PublishXmcV21732000003500';

  async up(qr: QueryRunner): Promise<void> {
    await publishShippedTemplates(qr);
  }

  async down(): Promise<void> {
    // Published versions are immutable; nothing to undo.
  }
}
