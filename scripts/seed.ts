// `npm run seed` — seeds the demo provinces into DATABASE_URL (after migrating).
import { prepareDatabase } from './db-setup';

prepareDatabase(process.env['DATABASE_URL'] ?? '', { seed: true, log: (m) => console.log(m) }).catch((e) => {
  console.error(e);
  process.exit(1);
});
