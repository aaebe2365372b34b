import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load, loadAll } from 'js-yaml';

// Docker cannot run on the development machines, so the deployment files are checked statically: every
// service can be built or pulled, the start order is right, secrets come from variables, and the
// Kubernetes probes point at the real health endpoints. Each checker returns a list of problems, and the
// negative cases below prove that the checkers do find them.

const deployDir = __dirname;
const repoRoot = resolve(deployDir, '..');

type Env = Record<string, string>;
interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  deploy?: { replicas?: number };
  volumes?: string[];
  entrypoint?: string | string[];
}
interface ComposeFile {
  services?: Record<string, ComposeService>;
}

function environmentOf(service: ComposeService): Env {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition]));
}

/** Every service must be buildable from a Dockerfile that exists, or name an image to pull. */
function buildProblems(compose: ComposeFile, composeDir: string): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  if (Object.keys(services).length === 0) problems.push('no services');
  for (const [name, service] of Object.entries(services)) {
    if (!service.build && !service.image) {
      problems.push(`${name}: neither build nor image`);
      continue;
    }
    if (service.image !== undefined && !/^[a-z0-9][\w.\-/]*:[\w.-]+$/.test(service.image)) {
      problems.push(`${name}: image "${service.image}" has no explicit tag`);
    }
    if (service.build) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const context = resolve(composeDir, build.context ?? '.');
      const dockerfile = join(context, build.dockerfile ?? 'Dockerfile');
      if (!existsSync(context)) problems.push(`${name}: build context ${context} does not exist`);
      else if (!existsSync(dockerfile)) problems.push(`${name}: Dockerfile ${dockerfile} does not exist`);
    }
  }
  return problems;
}

/** The apps start only once the database is healthy and the migration has finished. */
function orderProblems(compose: ComposeFile): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  for (const app of ['api', 'worker']) {
    const service = services[app];
    if (!service) {
      problems.push(`${app}: missing`);
      continue;
    }
    const deps = dependenciesOf(service);
    if (deps['postgres'] !== 'service_healthy') problems.push(`${app}: must depend on postgres being service_healthy`);
    if (deps['redis'] !== 'service_healthy') problems.push(`${app}: must depend on redis being service_healthy`);
    if (deps['migrate'] !== 'service_completed_successfully') {
      problems.push(`${app}: must depend on migrate having completed successfully`);
    }
    for (const dep of Object.keys(deps)) if (!services[dep]) problems.push(`${app}: depends on unknown service ${dep}`);
  }
  const migrate = services['migrate'];
  if (!migrate) problems.push('migrate: missing');
  else if (dependenciesOf(migrate)['postgres'] !== 'service_healthy') problems.push('migrate: must wait for a healthy postgres');
  if (!services['postgres']?.healthcheck?.test) problems.push('postgres: needs a healthcheck');
  if (!services['redis']?.healthcheck?.test) problems.push('redis: needs a healthcheck');
  return problems;
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY/i;
// `${VAR}` or `${VAR:?message}` / `${VAR?message}`: a value supplied by the operator, never a default.
const REQUIRED_VARIABLE = /^\$\{[A-Z_][A-Z0-9_]*(?::?\?[^}]*)?\}$/;

/** The password of `scheme://user:password@host…`, where user and password may be `${…}` interpolations. */
function urlPassword(value: string): string | null {
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/(.*)@[^@]*$/i.exec(value)?.[1];
  if (userinfo === undefined) return null;
  let depth = 0;
  for (let i = 0; i < userinfo.length; i++) {
    if (userinfo.startsWith('${', i)) depth++;
    else if (userinfo[i] === '}' && depth > 0) depth--;
    else if (userinfo[i] === ':' && depth === 0) return userinfo.slice(i + 1);
  }
  return null;
}

/** Secrets (and the password part of connection URLs) must come from variables without a default. */
function secretProblems(compose: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(compose.services ?? {})) {
    for (const [key, value] of Object.entries(environmentOf(service))) {
      if (SECRET_NAME.test(key) && !REQUIRED_VARIABLE.test(value)) {
        problems.push(`${name}: ${key} is hard-coded or has a default (${value})`);
      }
      const password = urlPassword(value);
      if (password !== null && !REQUIRED_VARIABLE.test(password)) {
        problems.push(`${name}: ${key} embeds a literal password`);
      }
    }
  }
  return problems;
}

/** host:port/ of a postgres URL (`postgres://user:pw@host:port/db` or `postgres://host:port/db`), else null. */
function hostPortOf(url: string | undefined): string | null {
  const m = /^postgres(?:ql)?:\/\/(?:.*@)?([^@/:]+):(\d+)\//.exec(url ?? '');
  return m ? `${m[1]}:${m[2]}` : null;
}

/**
 * The scaled topology (issue 14, ADR 0022): several API and worker processes; everything that writes goes through
 * PgBouncer; the migrations and the outbox relay's LISTEN reach the primary directly (a session of their own);
 * dashboards read a streaming replica of that primary, made by pg_basebackup -R; PgBouncer pools per transaction.
 */
function topologyProblems(compose: ComposeFile, composeDir: string): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  for (const app of ['api', 'worker']) {
    const service = services[app];
    if (!service) continue;
    if ((service.deploy?.replicas ?? 1) < 2) problems.push(`${app}: needs deploy.replicas of at least 2`);
    const env = environmentOf(service);
    for (const key of ['APP_DATABASE_URL', 'JOBS_DATABASE_URL']) {
      if (hostPortOf(env[key]) !== 'pgbouncer:6432') problems.push(`${app}: ${key} must go through pgbouncer:6432`);
    }
    if (hostPortOf(env['DATABASE_DIRECT_URL']) !== 'postgres:5432') problems.push(`${app}: DATABASE_DIRECT_URL must be the primary (postgres:5432)`);
    if (hostPortOf(env['DATABASE_REPLICA_URL']) !== 'postgres-replica:5432') problems.push(`${app}: DATABASE_REPLICA_URL must be the replica (postgres-replica:5432)`);
    const deps = dependenciesOf(service);
    if (deps['pgbouncer'] !== 'service_healthy') problems.push(`${app}: must depend on pgbouncer being service_healthy`);
  }
  if (services['api'] && dependenciesOf(services['api'])['postgres-replica'] !== 'service_healthy') problems.push('api: must depend on postgres-replica being service_healthy');
  const migrate = services['migrate'];
  if (migrate && hostPortOf(environmentOf(migrate)['DATABASE_URL']) !== 'postgres:5432') problems.push('migrate: DATABASE_URL must reach the primary directly (its advisory lock needs a session)');
  const script = (service: ComposeService | undefined, pattern: RegExp): string | null => {
    const mount = (service?.volumes ?? []).find((v) => pattern.test(v.split(':')[1] ?? ''));
    const file = mount ? resolve(composeDir, mount.split(':')[0]) : null;
    return file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  const primaryInit = script(services['postgres'], /docker-entrypoint-initdb\.d/);
  if (!primaryInit || !/REPLICATION/.test(primaryInit) || !/host replication/.test(primaryInit)) problems.push('postgres: needs an init script that creates a replication role and allows it in pg_hba.conf');
  if (!(services['postgres']?.command ?? []).includes('wal_level=replica')) problems.push('postgres: must run with wal_level=replica');
  const replica = services['postgres-replica'];
  const entry = Array.isArray(replica?.entrypoint) ? replica!.entrypoint[0] : replica?.entrypoint;
  const replicaScript = entry ? script(replica, new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)) : null;
  if (!replica) problems.push('postgres-replica: missing');
  else if (!replicaScript || !/pg_basebackup[^\n]*-R\b/.test(replicaScript) || !/hot_standby=on/.test(replicaScript)) problems.push('postgres-replica: its entrypoint must pg_basebackup -R from the primary and run as a hot standby');
  else if (dependenciesOf(replica)['postgres'] !== 'service_healthy') problems.push('postgres-replica: must wait for a healthy primary');
  const bouncer = services['pgbouncer'];
  if (!bouncer) problems.push('pgbouncer: missing');
  else {
    const build = typeof bouncer.build === 'string' ? { context: bouncer.build } : bouncer.build;
    const dockerfile = build ? join(resolve(composeDir, build.context ?? '.'), build.dockerfile ?? 'Dockerfile') : '';
    const text = dockerfile && existsSync(dockerfile) ? readFileSync(dockerfile, 'utf8') : '';
    if (!/apt-get install[^\n]*\bpgbouncer\b/.test(text)) problems.push("pgbouncer: must be Debian's package (apt-get install pgbouncer)");
    const ini = /COPY\s+(\S+\.ini\S*)/.exec(text)?.[1];
    const iniText = ini && existsSync(join(repoRoot, ini)) ? readFileSync(join(repoRoot, ini), 'utf8') : '';
    if (!/^pool_mode\s*=\s*transaction\s*$/m.test(iniText)) problems.push('pgbouncer: pool_mode must be transaction');
    if (!bouncer.healthcheck?.test) problems.push('pgbouncer: needs a healthcheck');
  }
  return problems;
}

function readCompose(): ComposeFile {
  return load(readFileSync(join(deployDir, 'docker-compose.yml'), 'utf8')) as ComposeFile;
}

/** The TypeScript source scripts/build.js compiles to a dist/ file (dist/apps/api/src/main.js ← apps/api/src/main.ts). */
function sourceOf(distFile: string): string {
  expect(distFile).toMatch(/^dist\/.+\.js$/);
  return distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

describe('deploy/docker-compose.yml', () => {
  const compose = readCompose();

  it('names postgres and its replica, pgbouncer, redis, migrate, api and worker', () => {
    expect(Object.keys(compose.services ?? {}).sort()).toEqual(['api', 'migrate', 'pgbouncer', 'postgres', 'postgres-replica', 'redis', 'worker']);
    expect(compose.services?.['postgres-replica']?.image).toMatch(/^postgres:16/);
    expect(compose.services?.['postgres']?.image).toMatch(/^postgres:16/);
    expect(compose.services?.['redis']?.image).toMatch(/^redis:7/);
  });

  it('gives every service a build context with an existing Dockerfile, or an image', () => {
    expect(buildProblems(compose, deployDir)).toEqual([]);
  });

  it('starts api and worker after a healthy postgres and redis and a finished migration', () => {
    expect(orderProblems(compose)).toEqual([]);
  });

  it('hard-codes no secret: passwords and JWT_SECRET come from required variables', () => {
    expect(secretProblems(compose)).toEqual([]);
    for (const app of ['api', 'worker']) {
      const env = environmentOf(compose.services![app]);
      expect(env['JWT_SECRET']).toMatch(REQUIRED_VARIABLE);
      expect(env['NODE_ENV']).toBe('production');
      expect(env['REDIS_URL']).toBe('redis://redis:6379');
      // The apps hold only the application role's credentials; the owner URL goes to migrate alone.
      expect(env['DATABASE_URL']).toBeUndefined();
      expect(env['APP_DATABASE_URL']).toContain('@pgbouncer:6432/');
    }
    expect(environmentOf(compose.services!['migrate'])['DATABASE_URL']).toContain('@postgres:5432/');
    // Producer (api) and consumer (worker) must agree on the queue's Redis key prefix.
    expect(environmentOf(compose.services!['api'])['QUEUE_PREFIX']).toBe(environmentOf(compose.services!['worker'])['QUEUE_PREFIX']);
  });

  it('has the scaled topology: N APIs and M workers, PgBouncer in transaction mode, a streaming replica, direct sessions (ADR 0022)', () => {
    expect(topologyProblems(compose, deployDir)).toEqual([]);
  });

  it('finds what is wrong with a topology (negative cases)', () => {
    const single: ComposeFile = {
      services: {
        postgres: { image: 'postgres:16', volumes: [] },
        api: { environment: { APP_DATABASE_URL: 'postgres://u:${P}@postgres:5432/gdtx', DATABASE_REPLICA_URL: 'postgres://postgres:5432/gdtx' } },
        migrate: { environment: { DATABASE_URL: 'postgres://o:${P}@pgbouncer:6432/gdtx' } },
      },
    };
    expect(topologyProblems(single, deployDir)).toEqual([
      'api: needs deploy.replicas of at least 2',
      'api: APP_DATABASE_URL must go through pgbouncer:6432',
      'api: JOBS_DATABASE_URL must go through pgbouncer:6432',
      'api: DATABASE_DIRECT_URL must be the primary (postgres:5432)',
      'api: DATABASE_REPLICA_URL must be the replica (postgres-replica:5432)',
      'api: must depend on pgbouncer being service_healthy',
      'api: must depend on postgres-replica being service_healthy',
      'migrate: DATABASE_URL must reach the primary directly (its advisory lock needs a session)',
      'postgres: needs an init script that creates a replication role and allows it in pg_hba.conf',
      'postgres: must run with wal_level=replica',
      'postgres-replica: missing',
      'pgbouncer: missing',
    ]);
  });

  it('runs commands whose entry files exist in the repository (compiled by scripts/build.js into dist/)', () => {
    const migrateCommand = compose.services!['migrate'].command as string[];
    expect(migrateCommand.slice(0, 2)).toEqual(['node', '--enable-source-maps']);
    expect(existsSync(join(repoRoot, sourceOf(migrateCommand[2])))).toBe(true);
  });

  it('finds the problems it is meant to find (negative cases)', () => {
    const broken: ComposeFile = {
      services: {
        api: { build: { context: '..', dockerfile: 'deploy/Dockerfile.missing' }, environment: { JWT_SECRET: 'changeme-but-hard-coded' }, depends_on: ['redis'] },
        worker: { environment: ['APP_DATABASE_URL=postgres://gdtx_app:hunter2@postgres:5432/gdtx', 'JWT_SECRET=${JWT_SECRET:-fallback}'] },
        redis: { image: 'redis' },
      },
    };
    expect(buildProblems(broken, deployDir)).toEqual([
      expect.stringMatching(/^api: Dockerfile .*Dockerfile\.missing does not exist$/),
      'worker: neither build nor image',
      'redis: image "redis" has no explicit tag',
    ]);
    expect(orderProblems(broken)).toEqual(
      expect.arrayContaining([
        'api: must depend on postgres being service_healthy',
        'api: must depend on migrate having completed successfully',
        'worker: must depend on postgres being service_healthy',
        'migrate: missing',
        'postgres: needs a healthcheck',
      ]),
    );
    expect(secretProblems(broken)).toEqual([
      'api: JWT_SECRET is hard-coded or has a default (changeme-but-hard-coded)',
      'worker: APP_DATABASE_URL embeds a literal password',
      'worker: JWT_SECRET is hard-coded or has a default (${JWT_SECRET:-fallback})',
    ]);
  });
});

describe('deploy Dockerfiles', () => {
  const cases = [
    { file: 'Dockerfile.api', entry: 'dist/apps/api/src/main.js' },
    { file: 'Dockerfile.worker', entry: 'dist/apps/worker/src/main.js' },
  ];

  // The images run the same Node major as every npm script: the project's `node` dev dependency (ADR 0009).
  const projectNodeMajor = (JSON.parse(readFileSync(join(deployDir, '..', 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  }).devDependencies['node'].split('.')[0];

  it.each(cases)('$file builds on the project Node major (bookworm-slim), runs as non-root and starts $entry', ({ file, entry }) => {
    const text = readFileSync(join(deployDir, file), 'utf8');
    const froms = [...text.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const image of froms) expect(image).toBe(`node:${projectNodeMajor}-bookworm-slim`);
    // `npm ci` fails with this lockfile (docs/operations.md); the build must use `npm install`.
    expect(text).toMatch(/npm install --no-audit --no-fund/);
    expect(text).not.toMatch(/^RUN\s+npm ci\b/m);
    const users = [...text.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)$/);
    const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(text);
    expect(cmd).not.toBeNull();
    const argv = JSON.parse(cmd![1]) as string[];
    // The compiled output (issue 14): the image builds dist/ before pruning the dev dependencies, and runs it.
    expect(argv).toEqual(['node', '--enable-source-maps', entry]);
    expect(existsSync(join(repoRoot, sourceOf(entry)))).toBe(true);
    const build = text.search(/^RUN node scripts\/build\.js\b/m);
    const prune = text.search(/^RUN npm prune\b/m);
    expect(build).toBeGreaterThan(0);
    expect(prune).toBeGreaterThan(build);
    expect(text.slice(text.lastIndexOf('\nFROM '))).not.toMatch(/register\.js|\.ts"/);
  });

  it('keeps local data and secrets out of the build context', () => {
    for (const { file } of cases) {
      const ignored = readFileSync(join(deployDir, `${file}.dockerignore`), 'utf8').split('\n').map((l) => l.trim());
      expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data', 'deploy/.env']));
    }
  });
});

describe('deploy/k8s manifests', () => {
  interface K8sDoc {
    kind: string;
    metadata: { name: string };
    spec?: Record<string, unknown>;
    resources?: string[];
    data?: Record<string, string>;
  }
  const k8sDir = join(deployDir, 'k8s');
  const docs: K8sDoc[] = readdirSync(k8sDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => loadAll(readFileSync(join(k8sDir, f), 'utf8')) as K8sDoc[]);
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name);
  type Container = { image: string; readinessProbe?: { httpGet?: { path: string } }; livenessProbe?: { httpGet?: { path: string } } };
  const containersOf = (doc: K8sDoc | undefined): Container[] =>
    ((doc?.spec?.['template'] as { spec: { containers: Container[] } } | undefined)?.spec.containers ?? []);

  it('lists every manifest in the kustomization', () => {
    const kustomization = docs.find((d) => d.kind === 'Kustomization');
    const files = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...(kustomization?.resources ?? [])].sort()).toEqual(files.sort());
  });

  it('probes the api: readiness on /health (database), liveness on /health/live', () => {
    const [api] = containersOf(find('Deployment', 'gdtx-api'));
    expect(api.readinessProbe?.httpGet?.path).toBe('/health');
    expect(api.livenessProbe?.httpGet?.path).toBe('/health/live');
    expect(find('Service', 'gdtx-api')).toBeDefined();
  });

  it('has a worker Deployment and a migrate Job running the migration script', () => {
    expect(containersOf(find('Deployment', 'gdtx-worker'))[0]?.image).toMatch(/worker/);
    const job = find('Job', 'gdtx-migrate');
    const [migrate] = containersOf(job) as (Container & { command: string[] })[];
    expect(migrate.command).toEqual(['node', '--enable-source-maps', 'dist/scripts/migrate.js']);
  });

  it('runs the queues\' Redis with append-only persistence on a volume and no eviction (issue 13)', () => {
    const redis = find('StatefulSet', 'redis');
    const [container] = containersOf(redis) as (Container & { args: string[]; volumeMounts: { mountPath: string }[] })[];
    expect(container.args).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    const dir = container.args[container.args.indexOf('--dir') + 1];
    expect(container.volumeMounts.map((m) => m.mountPath)).toContain(dir);
    expect((redis?.spec?.['volumeClaimTemplates'] as unknown[] | undefined)?.length).toBe(1);
    expect(find('Service', 'redis')).toBeDefined();
    const config = docs.find((d) => d.kind === 'ConfigMap');
    expect(config?.data?.['REDIS_URL']).toBe('redis://redis:6379');
  });

  it('scales the api (HPA, PodDisruptionBudget) and runs several workers and PgBouncers, each with a budget', () => {
    const hpa = find('HorizontalPodAutoscaler', 'gdtx-api') as (K8sDoc & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number; maxReplicas: number } }) | undefined;
    expect(hpa?.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'gdtx-api' });
    expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa!.spec.maxReplicas).toBeGreaterThan(hpa!.spec.minReplicas);
    for (const name of ['gdtx-api', 'gdtx-worker', 'pgbouncer']) {
      const pdb = find('PodDisruptionBudget', name) as (K8sDoc & { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } }) | undefined;
      expect(pdb?.spec.minAvailable).toBeGreaterThanOrEqual(1);
      const target = find('Deployment', name) as (K8sDoc & { spec: { replicas: number; selector: { matchLabels: Record<string, string> } } }) | undefined;
      expect(pdb!.spec.selector.matchLabels).toEqual(target!.spec.selector.matchLabels);
      // A budget of 1 with 1 pod would block every drain: there are more.
      expect(target!.spec.replicas).toBeGreaterThan(pdb!.spec.minAvailable);
    }
  });

  it('has a primary, a streaming replica and PgBouncer, and points the apps at the right one for each use (ADR 0022)', () => {
    type Env = { name: string; value?: string; valueFrom?: unknown };
    for (const name of ['gdtx-api', 'gdtx-worker']) {
      const [container] = containersOf(find('Deployment', name)) as (Container & { env: Env[] })[];
      const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
      expect(hostPortOf(env['DATABASE_DIRECT_URL'])).toBe('postgres-primary:5432');
      expect(hostPortOf(env['DATABASE_REPLICA_URL'])).toBe('postgres-replica:5432');
      // Addresses only: the credentials come from the Secret.
      expect(env['DATABASE_REPLICA_URL']).not.toContain('@');
      expect(container.env.find((e) => e.name === 'APP_DB_PASSWORD')?.valueFrom).toBeDefined();
    }
    expect(find('StatefulSet', 'postgres-primary')).toBeDefined();
    expect(find('Service', 'postgres-primary')).toBeDefined();
    expect(find('Service', 'postgres-replica')).toBeDefined();
    expect(find('Service', 'pgbouncer')).toBeDefined();
    const scripts = find('ConfigMap', 'gdtx-postgres-scripts');
    expect(scripts?.data?.['replica-entrypoint.sh']).toMatch(/pg_basebackup[^\n]*-R\b/);
    expect(scripts?.data?.['primary-init.sh']).toMatch(/REPLICATION LOGIN/);
    const [replica] = containersOf(find('StatefulSet', 'postgres-replica')) as (Container & { command: string[] })[];
    expect(replica.command[0]).toBe('/scripts/replica-entrypoint.sh');
    const [primary] = containersOf(find('StatefulSet', 'postgres-primary')) as (Container & { args: string[] })[];
    expect(primary.args).toContain('wal_level=replica');
    const [bouncer] = containersOf(find('Deployment', 'pgbouncer'));
    expect(bouncer.image).toMatch(/pgbouncer/);
  });

  it('commits no Secret and no secret value in a ConfigMap', () => {
    expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
    for (const config of docs.filter((d) => d.kind === 'ConfigMap')) {
      expect(Object.keys(config.data ?? {}).filter((k) => SECRET_NAME.test(k) || /DATABASE_URL/.test(k))).toEqual([]);
    }
  });
});
