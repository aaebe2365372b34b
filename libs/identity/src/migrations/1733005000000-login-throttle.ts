import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableRls, grantToApp } from '@gdtx/platform';

/**
 * Login limits shared by every API replica (issue 13): per account (wrong passwords in a row, with the delay they
 * earned) and per address (attempts in the current minute). Only the authentication service touches them, under
 * the explicit system scope of a login, like refresh_token.
 */
export class LoginThrottle1733005000000 implements MigrationInterface {
  name = 'LoginThrottle1733005000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE login_account_throttle (
        username_key text PRIMARY KEY,
        failures integer NOT NULL CHECK (failures >= 0),
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await qr.query(`
      CREATE TABLE login_address_window (
        address text NOT NULL,
        window_start timestamptz NOT NULL,
        attempts integer NOT NULL CHECK (attempts >= 0),
        PRIMARY KEY (address, window_start)
      )`);
    await qr.query(`CREATE INDEX login_address_window_start ON login_address_window (window_start)`);
    await grantToApp(qr, ['login_account_throttle', 'login_address_window']);
    for (const table of ['login_account_throttle', 'login_address_window']) {
      await enableRls(qr, table);
      await qr.query(`CREATE POLICY ${table}_system ON ${table} USING (app_scope() = 'system') WITH CHECK (app_scope() = 'system')`);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE login_address_window, login_account_throttle`);
  }
}
