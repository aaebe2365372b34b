import { MigrationInterface, QueryRunner } from 'typeorm';
import { SHIPPED_LITERACY_PARAMETERS } from '../lib/rules/parameters';

/**
 * Issue 16 item 7: the shipped sets' assumptions are written for the Sở's administrators in both languages
 * ({ vi, en }) instead of developer notes ("[U] … excludeDisabledExempt = false"). Only the national rows'
 * `assumptions` are rewritten; a province's own set keeps the words its administrator wrote.
 */
export class LiteracyAssumptionsInPlainWords1733028000100 implements MigrationInterface {
  name = 'LiteracyAssumptionsInPlainWords1733028000100';

  async up(qr: QueryRunner): Promise<void> {
    for (const p of SHIPPED_LITERACY_PARAMETERS) {
      await qr.query(
        `UPDATE literacy_parameter_set SET definition = jsonb_set(definition, '{assumptions}', $2::jsonb), updated_at = now()
         WHERE province_id IS NULL AND version = $1`,
        [p.version, JSON.stringify(p.assumptions)],
      );
    }
  }

  async down(): Promise<void> {
    // The old notes are not kept: the plain words say the same.
  }
}
