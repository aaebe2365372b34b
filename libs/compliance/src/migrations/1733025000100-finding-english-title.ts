import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 7: a finding's title in English beside the Vietnamese one, written by the rules (names of centres,
 * decisions and an inspector's own description stay as written). Null on findings not evaluated since: the next
 * evaluation (nightly, or on any change) fills it; the web shows the Vietnamese title meanwhile.
 */
export class FindingEnglishTitle1733025000100 implements MigrationInterface {
  name = 'FindingEnglishTitle1733025000100';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE finding ADD COLUMN title_en text`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE finding DROP COLUMN title_en`);
  }
}
