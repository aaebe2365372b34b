import { MigrationInterface, QueryRunner } from 'typeorm';
import { RECOGNITION_ND143_2025, RECOGNITION_ND20_2014, SHIPPED_LITERACY_PARAMETERS } from '../lib/rules/parameters';

/**
 * Issue 12 item 3: who recognises each tier of the literacy chain becomes part of every parameter set
 * (`definition.recognition`): NĐ 20/2014 Art. 30 for the district tier, NĐ 143/2025 after the reform. The shipped
 * national rows are rewritten from the product's constants; a province's own set without a chain gets the chain of
 * its aggregation tier (it can change it like any other parameter).
 */
export class LiteracyRecognitionChain1733011000000 implements MigrationInterface {
  name = 'LiteracyRecognitionChain1733011000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const p of SHIPPED_LITERACY_PARAMETERS) {
      await qr.query(`UPDATE literacy_parameter_set SET definition = $2::jsonb, updated_at = now() WHERE province_id IS NULL AND version = $1`, [
        p.version,
        JSON.stringify(p),
      ]);
    }
    for (const [tier, chain] of [['DISTRICT', RECOGNITION_ND20_2014], ['PROVINCE_DIRECT', RECOGNITION_ND143_2025]] as const) {
      await qr.query(
        `UPDATE literacy_parameter_set SET definition = definition || jsonb_build_object('recognition', $2::jsonb), updated_at = now()
         WHERE province_id IS NOT NULL AND definition->>'aggregationTier' = $1 AND NOT definition ? 'recognition'`,
        [tier, JSON.stringify(chain)],
      );
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE literacy_parameter_set SET definition = definition - 'recognition'`);
  }
}
