import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 item 7: the language a user chose in the web (VI / EN), kept on their account so that what the server
 * writes to them outside the web (the e-mail digest) is in that language too. Everyone starts in Vietnamese.
 */
export class UserLanguage1733028000200 implements MigrationInterface {
  name = 'UserLanguage1733028000200';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE app_user ADD COLUMN language text NOT NULL DEFAULT 'vi' CONSTRAINT app_user_language CHECK (language IN ('vi', 'en'))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE app_user DROP COLUMN language`);
  }
}
