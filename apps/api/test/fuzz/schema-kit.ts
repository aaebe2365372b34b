// Shared by the schema-driven suites (fuzz, cross-tenant matrix): well-formed values and documents built from the
// introspected schema, and a raw HTTP client that reports whatever the server answers.
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import {
  getNamedType, GraphQLArgument, GraphQLEnumType, GraphQLField, GraphQLInputObjectType, GraphQLInputType, GraphQLList,
  GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, isEnumType, isInputObjectType, isListType, isNonNullType,
  isObjectType, isScalarType,
} from 'graphql';

export interface Pools {
  centre: string[]; unit: string[]; submission: string[]; user: string[]; finding: string[]; inspection: string[]; case: string[];
  notification: string[]; template: string[]; period: string[]; any: string[];
}

export interface Answer { status: number; body: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] } | null; text: string }

export function raw(url: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: o.method ?? 'POST', headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Answer['body'] = null;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
    });
    // A socket the server closed after answering (oversized bodies) is an answer, not a failure of the oracle.
    req.on('error', (err) => resolve({ status: 0, body: null, text: `client error ${err.message}` }));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

export async function inBatches<T>(items: T[], fn: (item: T) => Promise<void>, concurrency = 6): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export function poolFor(name: string, parent: string, pools: Pools): string[] {
  const n = name.toLowerCase();
  const p = parent.toLowerCase();
  const by = (key: string) => (n.includes(key) || (n === 'id' && p.includes(key)));
  if (by('submission')) return pools.submission;
  if (by('finding')) return pools.finding;
  if (by('inspection')) return pools.inspection;
  if (by('case') || by('operator')) return pools.case;
  if (by('notification')) return pools.notification;
  if (by('user')) return pools.user;
  if (by('centre') || by('center')) return pools.centre;
  if (by('unit') || by('parent') || by('commune') || by('province') || by('district')) return pools.unit;
  return pools.any;
}

export const validDate = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

export function wellFormed(type: GraphQLInputType, name: string, parent: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return wellFormed(type.ofType as GraphQLInputType, name, parent, pools, depth);
  if (isListType(type)) return fc.array(wellFormed(type.ofType as GraphQLInputType, name, parent, pools, depth + 1), { maxLength: 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) shape[f.name] = wellFormed(f.type, f.name, type.name, pools, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return depth > 3 ? fc.constant({}) : fc.record(shape, { requiredKeys: required });
  }
  const scalar = (type as GraphQLScalarType).name;
  const n = name.toLowerCase();
  switch (scalar) {
    case 'ID': return fc.constantFrom(...poolFor(name, parent, pools));
    case 'Date': return validDate;
    case 'Int': return n.includes('year') ? fc.integer({ min: 2019, max: 2027 }) : n.includes('version') ? fc.integer({ min: 0, max: 5 }) : fc.integer({ min: 1, max: 50 });
    case 'Float': return fc.double({ min: 0, max: 1000, noNaN: true });
    case 'Boolean': return fc.boolean();
    case 'JSON': return fc.oneof(fc.dictionary(fc.constantFrom('staff_total', 'classrooms', 'x'), fc.integer({ min: 0, max: 100 })), fc.constant({}));
    default:
      if (n.includes('templatecode') || n === 'code' && parent.toLowerCase().includes('template')) return fc.constantFrom(...pools.template);
      if (n.includes('period')) return fc.constantFrom(...pools.period);
      if (n.includes('email')) return fc.constantFrom('a@b.vn', 'nguoi.dung@thanhhoa.edu.vn');
      if (n.includes('centreid') || n.includes('unitid')) return fc.constantFrom(...poolFor(name, parent, pools));
      return fc.string({ minLength: 1, maxLength: 30 });
  }
}

export function selection(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(f.name);
    else if (isObjectType(named) && depth < 2) {
      const inner = selection(named, depth + 1);
      if (inner) parts.push(`${f.name} { ${inner} }`);
    }
    if (parts.length >= 12) break;
  }
  return parts.join(' ');
}

export function typeString(t: GraphQLInputType): string {
  if (t instanceof GraphQLNonNull) return `${typeString(t.ofType as GraphQLInputType)}!`;
  if (t instanceof GraphQLList) return `[${typeString(t.ofType as GraphQLInputType)}]`;
  return (t as GraphQLScalarType | GraphQLEnumType | GraphQLInputObjectType).name;
}

export function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a: GraphQLArgument) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const sel = isObjectType(named) ? ` { ${selection(named, 0) || '__typename'} }` : '';
  return `${kind} Fuzz${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${sel} }`;
}
