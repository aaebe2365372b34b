import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ministry's codes (issue 15 item 7, domain §K): a centre's code in the education sector database (CSDL
 * ngành) and a commune's code in the PCGD-XMC system, entered by the Sở, so that an export from those systems can
 * be matched row by row. Unique within a province (a unit's versions share their code).
 */
export class MinistryCodes1733028000500 implements MigrationInterface {
  name = 'MinistryCodes1733028000500';

  async up(qr: QueryRunner): Promise<void> {
    for (const t of ['centre', 'administrative_unit']) {
      await qr.query(`ALTER TABLE ${t} ADD COLUMN ministry_code text CONSTRAINT ${t}_ministry_code_shape CHECK (ministry_code ~ '^[0-9A-Za-z._-]{1,30}$')`);
    }
    await qr.query(`CREATE UNIQUE INDEX centre_ministry_code ON centre (province_id, ministry_code) WHERE ministry_code IS NOT NULL`);
    await qr.query(`CREATE UNIQUE INDEX administrative_unit_ministry_code ON administrative_unit (province_id, ministry_code, valid_from) WHERE ministry_code IS NOT NULL`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['centre', 'administrative_unit']) await qr.query(`ALTER TABLE ${t} DROP COLUMN ministry_code`);
  }
}
