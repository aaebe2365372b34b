import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { dropWriteRestriction, replacePolicy, restrictWrites } from '@gdtx/platform';

/**
 * A system job of a merged province may carry its lineage to read the predecessors' history (ADR 0015 §2b); its
 * writes of facts stay with its own province: the write check no longer follows app_sees_province (which reads
 * the lineage) but app_writes_province, and since the one policy's USING (a read rule) also governs UPDATE and
 * DELETE, a restrictive write policy (platform's restrictWrites, as reporting's 1733021000200) keeps those at home.
 */
export class FactsWrittenAtHome1733024000100 implements MigrationInterface {
  name = 'FactsWrittenAtHome1733024000100';

  async up(qr: QueryRunner): Promise<void> {
    await replacePolicy(qr, 'fact_value', 'fact_value_scope', `USING (${RlsRule.seesCentreAtPath}) WITH CHECK (${RlsRule.systemWritesOwnProvince})`);
    await restrictWrites(qr, 'fact_value', RlsRule.writesOwnProvince);
  }

  async down(qr: QueryRunner): Promise<void> {
    await dropWriteRestriction(qr, 'fact_value');
    await replacePolicy(qr, 'fact_value', 'fact_value_scope', `USING (${RlsRule.seesCentreAtPath}) WITH CHECK (${RlsRule.systemForProvince})`);
  }
}
