import { MigrationInterface, QueryRunner } from 'typeorm';
import { dropWriteRestriction, restrictWrites } from '@gdtx/platform';
import { RlsRule } from '@gdtx/org';

/**
 * Province mergers (issue 12 item 4; docs/adr/0015-province-mergers.md): a survivor reads its predecessors' rows
 * through its lineage (org's app_sees_province) but never writes them. A submission, its versions and its events have one policy that reads and writes with
 * a sees-predicate, so writes get org's restrictive predicate (a row of the session's own province only).
 */
export class ReportingLineageWritesNothing1733021000200 implements MigrationInterface {
  name = 'ReportingLineageWritesNothing1733021000200';

  async up(qr: QueryRunner): Promise<void> {
    for (const t of ['submission', 'submission_version', 'submission_event']) await restrictWrites(qr, t, RlsRule.writesOwnProvince);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['submission', 'submission_version', 'submission_event']) await dropWriteRestriction(qr, t);
  }
}
