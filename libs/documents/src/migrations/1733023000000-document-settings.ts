import { MigrationInterface, QueryRunner } from 'typeorm';
import { RlsRule } from '@gdtx/org';
import { createPolicies, grantToApp } from '@gdtx/platform';

/**
 * What a Sở writes at the head and foot of its official documents (issue 15 item 5, domain §J): the governing and
 * issuing bodies, the symbol of the number ("…/BC-SGDĐT"), the place, the signer's authority, title and name, and
 * the recipients. One row per province; a province without one gets defaults from its name
 * (document-settings.service.ts). Read by the province's users, written by the Sở (the RLS rule of org).
 */
export class DocumentSettings1733023000000 implements MigrationInterface {
  name = 'DocumentSettings1733023000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE document_settings (
        province_id uuid PRIMARY KEY,
        governing_body text NOT NULL CHECK (length(governing_body) BETWEEN 1 AND 200),
        issuing_body text NOT NULL CHECK (length(issuing_body) BETWEEN 1 AND 200),
        symbol text NOT NULL CHECK (length(symbol) BETWEEN 1 AND 40),
        place text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
        signer_authority text CHECK (signer_authority IS NULL OR length(signer_authority) BETWEEN 1 AND 100),
        signer_title text NOT NULL CHECK (length(signer_title) BETWEEN 1 AND 100),
        signer_name text NOT NULL DEFAULT '' CHECK (length(signer_name) <= 100),
        recipients text[] NOT NULL DEFAULT '{}' CHECK (cardinality(recipients) <= 20),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await grantToApp(qr, ['document_settings'], 'SELECT, INSERT, UPDATE');
    await createPolicies(qr, 'document_settings', { read: RlsRule.seesProvince, write: RlsRule.actsForProvince });
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE document_settings');
  }
}
