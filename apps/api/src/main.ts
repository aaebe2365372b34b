import { ConfigError, loadConfig } from '@gdtx/platform';
import { createApi } from './bootstrap';

async function main() {
  const config = loadConfig();
  const app = await createApi();
  await app.listen(config.PORT, '0.0.0.0');
  // eslint-disable-next-line no-console
  console.log(`gdtx-monitor API: http://localhost:${config.PORT}/graphql`);
}

main().catch((err) => {
  // A bad configuration names the variable and stops with a non-zero code (no stack trace needed).
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
