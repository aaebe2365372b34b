// One owner per table (issue 11, Build 6; architecture §9 "The RLS rule" and "One owner per table").
//
// The owner of a table, view or function is the lib whose migration CREATEs it. A lib's code (TypeScript and the
// SQL inside it, migrations included) may name only its own objects, plus:
// - the objects another context lists as its SQL read model (`export const <ctx>SqlReadModel = [...]` in its
//   index.ts): views it creates in its own migrations with an explicit column list, or set-returning functions;
// - the RLS rule (`export const rlsRuleFunctions = [...]` in org's index.ts), the one named exemption: every
//   context's policies call org's functions so the rule has one owner and one place;
// - the listed exemptions below (each with its reason).
// Platform owns no feature table and names none. Tests (*.spec.ts, *.int-spec.ts) and fixtures may set up data
// across contexts and are not scanned; the composition root (apps/) is not a context.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SourceFile {
  /** Path relative to the workspace root, e.g. libs/org/src/lib/org.readers.ts. */
  path: string;
  text: string;
}

export interface OwnedObject {
  name: string;
  kind: 'TABLE' | 'VIEW' | 'FUNCTION';
  owner: string;
  /** For a view: created with an explicit column list (`CREATE VIEW v (a, b) AS …`). */
  explicitColumns?: boolean;
  path: string;
  line: number;
}

export interface Crossing {
  path: string;
  line: number;
  lib: string;
  name: string;
  owner: string;
  snippet: string;
}

/** A named exception to the rule: which lib may name which object in which file, and why. */
export interface Exemption {
  lib: string;
  name: string;
  path: string;
  reason: string;
}

const ROOT = join(__dirname, '..');

/** libs/<lib>/… → <lib>; anything else → null (not a context). */
export function libOf(path: string): string | null {
  const m = /^libs\/([^/]+)\//.exec(path);
  return m ? m[1] : null;
}

function isTestOrFixture(path: string): boolean {
  return /\.(spec|int-spec|e2e-spec)\.tsx?$/.test(path) || path.includes('/__fixtures__/') || /\/testing(\.ts|\/)|test-kit\.ts$/.test(path);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === '__generated__') return [];
    if (statSync(path).isDirectory()) return walk(path);
    return /\.(ts|sql)$/.test(name) ? [path] : [];
  });
}

/** Every lib's source and SQL files that the rule applies to (tests and fixtures excluded). */
export function libSources(root = ROOT): SourceFile[] {
  return walk(join(root, 'libs'))
    .map((p) => relative(root, p).split('\\').join('/'))
    .filter((p) => !isTestOrFixture(p))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/**
 * The text with comments blanked (same length, newlines kept, so offsets still give line numbers): TypeScript
 * `//` and block comments outside strings, and SQL `--` comments inside strings. A comment may name any table.
 */
export function stripComments(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (quote) {
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === quote) {
        quote = null;
      } else if (c === '-' && next === '-') {
        // An SQL comment inside a string runs to the end of the line (or of the string).
        let j = i;
        while (j < text.length && text[j] !== '\n' && text[j] !== quote) j++;
        blank(i, j);
        i = j;
        continue;
      }
      i++;
      continue;
    }
    if (c === '/' && next === '/') {
      let j = i;
      while (j < text.length && text[j] !== '\n') j++;
      blank(i, j);
      i = j;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const j = end < 0 ? text.length : end + 2;
      blank(i, j);
      i = j;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    i++;
  }
  return out.join('');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) if (text[k] === '\n') line++;
  return line;
}

const IDENT = '[a-z_][a-z0-9_]*';

/** The tables, views and functions each lib's migrations create. */
export function ownedObjects(files: SourceFile[]): OwnedObject[] {
  const created: OwnedObject[] = [];
  const pattern = new RegExp(
    `CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+)?(TABLE|MATERIALIZED\\s+VIEW|VIEW|FUNCTION)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(${IDENT})(\\$\\{)?(\\s*\\()?`,
    'gi',
  );
  for (const f of files) {
    const lib = libOf(f.path);
    if (!lib || !/\/src\/migrations\//.test(f.path)) continue;
    const text = stripComments(f.text);
    for (const m of text.matchAll(pattern)) {
      if (m[3]) continue; // a name built at run time (fact_value_${year}: partitions of the lib's own table)
      const kind = m[1].toUpperCase().includes('VIEW') ? 'VIEW' : (m[1].toUpperCase() as 'TABLE' | 'FUNCTION');
      created.push({
        name: m[2].toLowerCase(),
        kind,
        owner: lib,
        explicitColumns: kind === 'VIEW' ? Boolean(m[4]) : undefined,
        path: f.path,
        line: lineAt(text, m.index ?? 0),
      });
    }
  }
  return created;
}

/** `export const <name> = [ 'a', 'b' ] …` in a lib's index.ts → the quoted names. */
export function exportedNameList(indexText: string, constName: RegExp): string[] {
  const names: string[] = [];
  const pattern = new RegExp(`export\\s+const\\s+(${constName.source})\\s*=\\s*\\[([^\\]]*)\\]`, 'g');
  for (const m of stripComments(indexText).matchAll(pattern)) {
    for (const q of m[2].matchAll(/['"]([a-z_][a-z0-9_]*)['"]/g)) names.push(q[1]);
  }
  return names;
}

/**
 * Where a piece of code names an SQL object: inside string literals, after FROM / JOIN / INTO / UPDATE / TABLE /
 * ON / REFERENCES / TRUNCATE (and the comma-separated lists after FROM and DROP TABLE), as a function call
 * `name(`, as a whole string literal ('centre', as in grantToApp(qr, ['centre'])), and in @Entity('name').
 */
export function namedObjects(
  text: string,
  known: ReadonlySet<string>,
  functions: ReadonlySet<string>,
  opts: { wholeLiterals: boolean },
): { name: string; offset: number }[] {
  const code = stripComments(text);
  const hits: { name: string; offset: number }[] = [];
  const add = (name: string, offset: number) => {
    const n = name.toLowerCase();
    if (known.has(n)) hits.push({ name: n, offset });
  };
  for (const lit of stringLiterals(code)) {
    const body = lit.body;
    const base = lit.offset;
    const whole = /^\s*([a-z_][a-z0-9_]*)\s*$/.exec(body);
    if (whole && opts.wholeLiterals) add(whole[1], base + body.indexOf(whole[1]));
    const keyword = new RegExp(
      `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|TRUNCATE|ON)\\s+(?:ONLY\\s+)?(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(?:public\\.)?"?(${IDENT})"?`,
      'gi',
    );
    for (const m of body.matchAll(keyword)) add(m[1], base + (m.index ?? 0) + m[0].lastIndexOf(m[1]));
    // FROM a x, b y / DROP TABLE a, b: every item of the list, up to the next clause.
    const list = /\b(?:FROM|DROP\s+TABLE(?:\s+IF\s+EXISTS)?)\s+([^;()]*?)(?=\bWHERE\b|\bJOIN\b|\bLEFT\b|\bINNER\b|\bGROUP\b|\bORDER\b|\bLIMIT\b|\bON\b|\bCASCADE\b|[;()]|$)/gi;
    for (const m of body.matchAll(list)) {
      const start = base + (m.index ?? 0) + m[0].indexOf(m[1]);
      let cursor = 0;
      for (const item of m[1].split(',')) {
        const id = new RegExp(`^\\s*(?:public\\.)?(${IDENT})`, 'i').exec(item);
        if (id) add(id[1], start + cursor + item.indexOf(id[1]));
        cursor += item.length + 1;
      }
    }
    for (const m of body.matchAll(new RegExp(`\\b(${IDENT})\\s*\\(`, 'gi'))) if (functions.has(m[1].toLowerCase())) add(m[1], base + (m.index ?? 0));
  }
  for (const m of code.matchAll(/@Entity\(\s*['"]([a-z_][a-z0-9_]*)['"]/g)) add(m[1], (m.index ?? 0) + m[0].indexOf(m[1]));
  // Only the first of duplicate hits at one offset counts.
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.offset}:${h.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** String and template literals of comment-free code (template expressions `${…}` are blanked). */
function stringLiterals(code: string): { body: string; offset: number }[] {
  const out: { body: string; offset: number }[] = [];
  let i = 0;
  while (i < code.length) {
    const q = code[i];
    if (q !== '"' && q !== "'" && q !== '`') {
      i++;
      continue;
    }
    let j = i + 1;
    let body = '';
    while (j < code.length && code[j] !== q) {
      if (code[j] === '\\') {
        body += '  ';
        j += 2;
        continue;
      }
      if (q === '`' && code[j] === '$' && code[j + 1] === '{') {
        // Skip the expression (nested braces counted); keep the offsets.
        let depth = 0;
        let k = j + 1;
        for (; k < code.length; k++) {
          if (code[k] === '{') depth++;
          else if (code[k] === '}' && --depth === 0) break;
        }
        body += ' '.repeat(k + 1 - j);
        j = k + 1;
        continue;
      }
      body += code[j];
      j++;
    }
    out.push({ body, offset: i + 1 });
    i = j + 1;
  }
  return out;
}

export interface OwnershipModel {
  owners: Map<string, OwnedObject>;
  /** Per owner lib, the names it lists as its SQL read model. */
  readModels: Map<string, string[]>;
  rlsRule: string[];
  /** Objects created by two libs, or read-model entries that are not what they claim. */
  problems: string[];
}

export function ownershipModel(files: SourceFile[]): OwnershipModel {
  const owners = new Map<string, OwnedObject>();
  const problems: string[] = [];
  for (const o of ownedObjects(files)) {
    const prior = owners.get(o.name);
    if (prior && prior.owner !== o.owner) {
      problems.push(`${o.path}:${o.line} creates ${o.name}, already created by ${prior.owner} (${prior.path}:${prior.line})`);
      continue;
    }
    // A view recreated later (CREATE OR REPLACE VIEW) is judged on its latest definition.
    if (!prior || o.kind === 'VIEW') owners.set(o.name, o);
  }
  const readModels = new Map<string, string[]>();
  let rlsRule: string[] = [];
  for (const f of files) {
    const m = /^libs\/([^/]+)\/src\/index\.ts$/.exec(f.path);
    if (!m) continue;
    const lib = m[1];
    const declared = exportedNameList(f.text, /[a-z][A-Za-z0-9]*SqlReadModel/);
    for (const name of declared) {
      const o = owners.get(name);
      if (!o || o.owner !== lib) problems.push(`${f.path} lists ${name} in its SQL read model, but no migration of ${lib} creates it`);
      else if (o.kind === 'TABLE') problems.push(`${f.path} lists the table ${name} in its SQL read model: declare a view with explicit columns instead`);
      else if (o.kind === 'VIEW' && !o.explicitColumns) problems.push(`${o.path}:${o.line} view ${name} has no explicit column list (CREATE VIEW ${name} (col, …) AS …)`);
    }
    readModels.set(lib, declared);
    if (lib === 'org') rlsRule = exportedNameList(f.text, /rlsRuleFunctions/);
  }
  for (const name of rlsRule) {
    const o = owners.get(name);
    if (!o || o.owner !== 'org' || o.kind !== 'FUNCTION') problems.push(`org lists ${name} in rlsRuleFunctions, but no org migration creates that function`);
  }
  return { owners, readModels, rlsRule, problems };
}

export function crossings(files: SourceFile[], model: OwnershipModel, exemptions: readonly Exemption[] = []): Crossing[] {
  const known = new Set(model.owners.keys());
  const functions = new Set([...model.owners.values()].filter((o) => o.kind === 'FUNCTION').map((o) => o.name));
  const found: Crossing[] = [];
  for (const f of files) {
    const lib = libOf(f.path);
    if (!lib) continue;
    const lines = f.text.split('\n');
    // A whole string literal naming a table counts in migrations (grantToApp(qr, ['centre'])); in other code
    // 'centre' is as often a scope or a route name.
    const wholeLiterals = /\/src\/migrations\//.test(f.path);
    for (const hit of namedObjects(f.text, known, functions, { wholeLiterals })) {
      const o = model.owners.get(hit.name);
      if (!o || o.owner === lib) continue;
      // Platform's functions are the session context every policy reads (app_scope(), app_province_id(), …).
      if (o.owner === 'platform' && o.kind === 'FUNCTION') continue;
      if (model.readModels.get(o.owner)?.includes(hit.name)) continue;
      if (o.owner === 'org' && model.rlsRule.includes(hit.name)) continue;
      if (exemptions.some((e) => e.lib === lib && e.name === hit.name && e.path === f.path)) continue;
      const line = lineAt(f.text, hit.offset);
      found.push({ path: f.path, line, lib, name: hit.name, owner: o.owner, snippet: lines[line - 1].trim().slice(0, 160) });
    }
  }
  return found;
}

export function describeCrossing(c: Crossing): string {
  return `${c.path}:${c.line} — ${c.lib} names ${c.name} (owner: ${c.owner}): ${c.snippet}`;
}
