// The embedded demo's secrets (issue 13: no public default secret). Generated once per data directory, kept
// beside its data with mode 0600, so tokens and the app role's password survive a restart of `npm start`.
const fs = require('fs');
const path = require('path');
const { randomBytes } = require('crypto');

const GENERATORS = {
  JWT_SECRET: () => randomBytes(32).toString('hex'),
  APP_DB_PASSWORD: () => randomBytes(18).toString('base64url'),
  JOBS_DB_PASSWORD: () => randomBytes(18).toString('base64url'),
  QUEUE_DB_PASSWORD: () => randomBytes(18).toString('base64url'),
};

/** Reads the data directory's secrets, generating (and keeping) any that are missing, e.g. after an upgrade. */
function demoSecrets(file) {
  const secrets = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const missing = Object.keys(GENERATORS).filter((k) => !secrets[k]);
  if (missing.length > 0) {
    for (const k of missing) secrets[k] = GENERATORS[k]();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  return secrets;
}

module.exports = { demoSecrets };
