// `npm run migrate` — runs migrations (and, with --seed, the demo seed) against DATABASE_URL.
import { prepareDatabase } from './db-setup';

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL is required (owner connection), e.g. postgres://postgres@127.0.0.1:5432/gdtx');
  process.exit(1);
}
prepareDatabase(url, { seed: process.argv.includes('--seed'), log: (m) => console.log(m) })
  .then(() => console.log('database ready'))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
