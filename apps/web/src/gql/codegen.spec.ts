// The generated GraphQL types must match the documents in src/ and the API schema they were made from:
// a stale apps/web/src/gql/__generated__ fails here (fix: `npm run codegen`). The CLI runs in a child process
// (it is ESM-only inside, which jest's CommonJS runtime cannot load).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const cli = join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js');

describe('generated GraphQL types', () => {
  it('are up to date with apps/api/schema.gql and the documents in apps/web/src', () => {
    const run = spawnSync(process.execPath, [cli, '--config', 'apps/web/codegen.ts', '--check'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).not.toContain('stale files were detected');
    expect(run.status).toBe(0);
  }, 70_000);
});
