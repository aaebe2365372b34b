import { ConfigError, loadConfig } from '@gdtx/platform';

async function main() {
  // Validate configuration before anything else is loaded (modules read it when imported).
  const config = loadConfig();
  const { createApi } = await import('./bootstrap');
  const app = await createApi();
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`gdtx-monitor: http://localhost:${config.PORT}/  (GraphQL: /graphql, health: /health)`);
}

main().catch((err) => {
  // A bad configuration names the variable and stops with a non-zero code (no stack trace needed).
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
