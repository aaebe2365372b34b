// One Node for the project (ADR 0009): the `node` dev dependency is the runtime of every npm script, the jest
// workers, the Nx targets and the images; the machine's Node only bootstraps `npm install`.
import { readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const pinned = pkg.devDependencies['node'];
const major = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('the project runtime', () => {
  it('pins an exact Node from the registry as a dev dependency', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is the Node these tests run on (jest and its workers start from the npm script PATH)', () => {
    expect(process.version).toBe(`v${pinned}`);
  });

  it('is what `engines` asks for', () => {
    expect(pkg.engines.node).toBe(`>=${pinned.split('.').slice(0, 2).join('.')}`);
  });

  it('is the base of both images', () => {
    for (const file of ['Dockerfile.api', 'Dockerfile.worker']) {
      const text = readFileSync(join(root, 'deploy', file), 'utf8');
      const froms = [...text.matchAll(/^FROM\s+node:(\d+)-/gm)].map((m) => Number(m[1]));
      expect(froms.length).toBeGreaterThan(0);
      for (const from of froms) expect(from).toBe(major(pinned));
    }
  });

  it('has @types/node of the same major', () => {
    expect(major(pkg.devDependencies['@types/node'])).toBe(major(pinned));
  });
});
