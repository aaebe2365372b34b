// The embedded demo's secrets (issue 13: no public default secret). Generated once per data directory, kept
// beside its data with mode 0600, so tokens and the app role's password survive a restart of `npm start`.
const fs = require('fs');
const path = require('path');
const { randomBytes } = require('crypto');

function demoSecrets(file) {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), APP_DB_PASSWORD: randomBytes(18).toString('base64url') };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}

module.exports = { demoSecrets };
