import { MigrationInterface, QueryRunner } from 'typeorm';
import { publishShippedTemplates } from './1732000003000-reporting-core';

/**
 * Publishes GDTX_SEMESTER v2 and GDTX_SCHOOL_YEAR v2 (computed rates and staff total, issue 16 item 2).
 * Idempotent like PublishXmcV2: a version already published is left alone, and reports already filed keep the
 * version they were created with (version 1, with the rates they were typed with).
 */
export class PublishGdtxV21733027000000 implements MigrationInterface {
  name = 'PublishGdtxV21733027000000';

  async up(qr: QueryRunner): Promise<void> {
    await publishShippedTemplates(qr);
  }

  async down(): Promise<void> {
    // Published versions are immutable; nothing to undo.
  }
}
