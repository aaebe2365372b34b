// `npm run migrate` — runs migrations (and, with --seed, the demo seed) against DATABASE_URL. With --roles-only it
// creates the roles (or resets their passwords) and touches nothing in the database (restore into a new cluster).
import { ensureRoles, prepareDatabase } from './db-setup';

// The migrations hold a session-level advisory lock: behind PgBouncer in transaction mode they need the primary
// itself (DATABASE_DIRECT_URL, docs/adr/0022-read-replica.md).
const url = process.env['DATABASE_DIRECT_URL'] || process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL is required (owner connection), e.g. postgres://postgres@127.0.0.1:5432/gdtx');
  process.exit(1);
}
const log = (m: string) => console.log(m);
(process.argv.includes('--roles-only') ? ensureRoles(url, log) : prepareDatabase(url, { seed: process.argv.includes('--seed'), log }))
  .then(() => console.log('database ready'))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
