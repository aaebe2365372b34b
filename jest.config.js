// One jest configuration for the whole workspace; `nx test <project>` runs it on the project's folder.
// Tiers (architecture §8): *.spec.ts (unit), *.int-spec.ts (real PostgreSQL/Redis), *.e2e-spec.ts (booted API).
const fs = require('fs');
const path = require('path');
const { pathsToModuleNameMapper } = require('./scripts/jest-paths');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['apps', 'libs', 'deploy', 'scripts'].filter((d) => fs.existsSync(path.join(__dirname, d))).map((d) => `<rootDir>/${d}`),
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: pathsToModuleNameMapper(),
  testTimeout: 60000,
  maxWorkers: 2,
  // Safety net: a suite that leaves a Redis/PostgreSQL handle open must not hang CI. Suites still close what
  // they open (apps/api/test/harness.ts closes the app, its workers and its database).
  forceExit: true,
};
