import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { replacePolicy } from '@gdtx/platform';

/**
 * A fact job scoped to its province writes that province's facts only (issue 13, Build 5). Before, the write check
 * was "any system scope", so a job carrying province A could insert fact rows of province B (its reads and deletes
 * were already limited by the USING clause).
 */
export class FactsWrittenForTheirProvince1733019000000 implements MigrationInterface {
  name = 'FactsWrittenForTheirProvince1733019000000';

  async up(qr: QueryRunner): Promise<void> {
    await replacePolicy(qr, 'fact_value', 'fact_value_scope', `USING (${RlsRule.seesCentreAtPath}) WITH CHECK (${RlsRule.systemForProvince})`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await replacePolicy(qr, 'fact_value', 'fact_value_scope', `USING (${RlsRule.seesCentreAtPath}) WITH CHECK (${RlsRule.systemOnly})`);
  }
}
