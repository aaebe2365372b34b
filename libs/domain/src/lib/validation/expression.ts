/**
 * The rule expression language of report templates (see RuleDef in template-types.ts).
 *
 * A hand-written tokenizer and recursive-descent parser produce an AST; a tree-walking evaluator runs it.
 * Nothing is ever handed to `eval` or `new Function`: templates are edited by the Sở, so an expression is
 * untrusted input and may only read values.
 *
 * Grammar (lowest precedence first):
 *   or         := and ('||' and)*
 *   and        := equality ('&&' equality)*
 *   equality   := relational (('==' | '!=') relational)?      -- not chainable: `a == b == c` is an error
 *   relational := additive (('<' | '<=' | '>' | '>=') additive)? -- not chainable: `a <= b <= c` is an error
 *   additive   := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/') unary)*
 *   unary      := ('!' | '-') unary | primary
 *   primary    := number | 'text' | true | false | key | name '(' args? ')' | '(' or ')'
 *   key        := segment ('.' (segment | '*'))*   -- first segment starts with a letter or '_'
 *
 * Semantics (why they are what they are):
 *   - An empty current value counts as 0 (false for booleans, '' for text): a centre that leaves a count blank
 *     still gets `certified <= candidates` checked.
 *   - `null` means "cannot be judged": it comes from prev() with no previous report, a division by zero, or a
 *     value of the wrong type. It propagates through arithmetic and comparisons; a rule that ends in null is
 *     skipped rather than reported. `&&` / `||` use three-valued (Kleene) logic, so `false && null` is false.
 *   - Numbers compare with a tolerance of 1e-9, so 0.1 + 0.2 == 0.3. For magnitudes above 1,000 it grows to
 *     1e-12 of the magnitude, because sums of large decimals (million-VND amounts) carry rounding error
 *     bigger than 1e-9. Business tolerances (a rate within ±0.1) are written explicitly with abs().
 *   - Two text values compare lexicographically, which orders ISO dates correctly.
 */
import type { FieldValue, ValueMap } from '../template-types';

// ---------------------------------------------------------------------------------------------------------
// AST

export type BinaryOperator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | '&&' | '||';
export type UnaryOperator = '-' | '!';

export const ExpressionFunctionNames = [
  'sum',
  'count_nonempty',
  'present',
  'min',
  'max',
  'abs',
  'if',
  'prev',
  'period_start',
  'period_end',
] as const;
export type ExpressionFunctionName = (typeof ExpressionFunctionNames)[number];

export type ExpressionNode =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'text'; value: string; position: number }
  | { kind: 'boolean'; value: boolean; position: number }
  /** A value key; `isPattern` when it contains a `*` segment (allowed only as a function argument). */
  | { kind: 'key'; key: string; isPattern: boolean; position: number }
  | { kind: 'unary'; operator: UnaryOperator; operand: ExpressionNode; position: number }
  | {
      kind: 'binary';
      operator: BinaryOperator;
      left: ExpressionNode;
      right: ExpressionNode;
      position: number;
    }
  | { kind: 'call'; name: ExpressionFunctionName; args: ExpressionNode[]; position: number };

interface FunctionSignature {
  minArgs: number;
  maxArgs: number;
  /** Every argument must be a key or key pattern (the function looks at raw values, not numbers). */
  keyArgsOnly?: boolean;
  /** Key patterns (with `*`) are accepted as arguments. */
  acceptsPatterns?: boolean;
}

const FUNCTION_SIGNATURES: Record<ExpressionFunctionName, FunctionSignature> = {
  sum: { minArgs: 1, maxArgs: Infinity, acceptsPatterns: true },
  count_nonempty: { minArgs: 1, maxArgs: Infinity, keyArgsOnly: true, acceptsPatterns: true },
  present: { minArgs: 1, maxArgs: Infinity, keyArgsOnly: true, acceptsPatterns: true },
  min: { minArgs: 1, maxArgs: Infinity, acceptsPatterns: true },
  max: { minArgs: 1, maxArgs: Infinity, acceptsPatterns: true },
  abs: { minArgs: 1, maxArgs: 1 },
  if: { minArgs: 3, maxArgs: 3 },
  prev: { minArgs: 1, maxArgs: 1 },
  period_start: { minArgs: 0, maxArgs: 0 },
  period_end: { minArgs: 0, maxArgs: 0 },
};

/** A syntax error, with the 0-based character offset where it was found. */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly detailEn: string,
    readonly detailVi: string,
    readonly source: string,
  ) {
    super(`${detailEn} at character ${position + 1} in "${source}"`);
    this.name = 'ExpressionSyntaxError';
  }

  get messageVi(): string {
    return `${this.detailVi} tại ký tự thứ ${this.position + 1} trong "${this.source}"`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

type TokenKind = 'number' | 'text' | 'key' | 'operator' | '(' | ')' | ',' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  position: number;
  numberValue?: number;
}

const OPERATORS_TWO_CHARS = ['<=', '>=', '==', '!=', '&&', '||'];
const OPERATORS_ONE_CHAR = ['+', '-', '*', '/', '<', '>', '!'];

const isDigit = (char: string) => char >= '0' && char <= '9';
const isKeyStart = (char: string) => /[A-Za-z_]/.test(char);
const isKeyChar = (char: string) => /[A-Za-z0-9_]/.test(char);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const fail = (position: number, en: string, vi: string): never => {
    throw new ExpressionSyntaxError(position, en, vi, source);
  };
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const start = index;
    if (isDigit(char)) {
      while (index < source.length && isDigit(source[index])) index++;
      if (source[index] === '.' && isDigit(source[index + 1] ?? '')) {
        index++;
        while (index < source.length && isDigit(source[index])) index++;
      }
      if (index < source.length && (isKeyChar(source[index]) || source[index] === '.')) {
        fail(index, `Unexpected '${source[index]}' after number`, `Ký tự '${source[index]}' không hợp lệ sau số`);
      }
      const text = source.slice(start, index);
      tokens.push({ kind: 'number', text, position: start, numberValue: Number(text) });
      continue;
    }
    if (isKeyStart(char)) {
      while (index < source.length && isKeyChar(source[index])) index++;
      // Further segments: `.segment` or `.*` (a wildcard must be a whole segment).
      while (source[index] === '.') {
        const next = source[index + 1] ?? '';
        if (next === '*') {
          index += 2;
          if (index < source.length && isKeyChar(source[index])) {
            fail(index, "A wildcard '*' must be a whole key segment", "Ký tự đại diện '*' phải là cả một đoạn của mã");
          }
        } else if (isKeyChar(next)) {
          index++;
          while (index < source.length && isKeyChar(source[index])) index++;
        } else {
          fail(index, 'Incomplete key (nothing after the dot)', 'Mã chưa hoàn chỉnh (thiếu phần sau dấu chấm)');
        }
      }
      tokens.push({ kind: 'key', text: source.slice(start, index), position: start });
      continue;
    }
    if (char === "'" || char === '"') {
      const close = source.indexOf(char, index + 1);
      if (close < 0) fail(start, 'Unterminated text literal', 'Chuỗi ký tự chưa được đóng');
      tokens.push({ kind: 'text', text: source.slice(index + 1, close), position: start });
      index = close + 1;
      continue;
    }
    const two = source.slice(index, index + 2);
    if (OPERATORS_TWO_CHARS.includes(two)) {
      tokens.push({ kind: 'operator', text: two, position: start });
      index += 2;
      continue;
    }
    if (char === '=') fail(start, "Use '==' to compare", "Dùng '==' để so sánh");
    if (char === '&') fail(start, "Use '&&' for 'and'", "Dùng '&&' cho phép 'và'");
    if (char === '|') fail(start, "Use '||' for 'or'", "Dùng '||' cho phép 'hoặc'");
    if (OPERATORS_ONE_CHAR.includes(char)) {
      tokens.push({ kind: 'operator', text: char, position: start });
      index++;
      continue;
    }
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, position: start });
      index++;
      continue;
    }
    fail(start, `Unexpected character '${char}'`, `Ký tự '${char}' không hợp lệ`);
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------
// Parser

const RELATIONAL_OPERATORS = ['<', '<=', '>', '>='];
const EQUALITY_OPERATORS = ['==', '!='];

class Parser {
  private index = 0;
  private insidePrev = false;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): ExpressionNode {
    if (this.peek().kind === 'end') this.fail(this.peek(), 'Empty expression', 'Biểu thức rỗng');
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') this.fail(next, `Unexpected '${next.text}'`, `Không mong đợi '${next.text}'`);
    this.rejectBarePatterns(node, null);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private advance(): Token {
    return this.tokens[this.index++];
  }

  private isOperator(...operators: string[]): boolean {
    const token = this.peek();
    return token.kind === 'operator' && operators.includes(token.text);
  }

  private fail(token: Token, en: string, vi: string): never {
    throw new ExpressionSyntaxError(token.position, en, vi, this.source);
  }

  private describe(token: Token): { en: string; vi: string } {
    return token.kind === 'end'
      ? { en: 'end of expression', vi: 'cuối biểu thức' }
      : { en: `'${token.text}'`, vi: `'${token.text}'` };
  }

  private parseOr(): ExpressionNode {
    let left = this.parseAnd();
    while (this.isOperator('||')) {
      const operator = this.advance();
      left = { kind: 'binary', operator: '||', left, right: this.parseAnd(), position: operator.position };
    }
    return left;
  }

  private parseAnd(): ExpressionNode {
    let left = this.parseEquality();
    while (this.isOperator('&&')) {
      const operator = this.advance();
      left = { kind: 'binary', operator: '&&', left, right: this.parseEquality(), position: operator.position };
    }
    return left;
  }

  private parseEquality(): ExpressionNode {
    const left = this.parseRelational();
    if (!this.isOperator(...EQUALITY_OPERATORS)) return left;
    const operator = this.advance();
    const right = this.parseRelational();
    if (this.isOperator(...EQUALITY_OPERATORS)) {
      this.fail(this.peek(), 'Comparisons cannot be chained; use parentheses or &&', 'Không được nối tiếp các phép so sánh; dùng ngoặc hoặc &&');
    }
    return { kind: 'binary', operator: operator.text as BinaryOperator, left, right, position: operator.position };
  }

  private parseRelational(): ExpressionNode {
    const left = this.parseAdditive();
    if (!this.isOperator(...RELATIONAL_OPERATORS)) return left;
    const operator = this.advance();
    const right = this.parseAdditive();
    // `a <= b <= c` reads like maths but would compare a boolean with c: refuse it rather than mislead.
    if (this.isOperator(...RELATIONAL_OPERATORS)) {
      this.fail(this.peek(), 'Comparisons cannot be chained; write a <= b && b <= c', 'Không được nối tiếp các phép so sánh; hãy viết a <= b && b <= c');
    }
    return { kind: 'binary', operator: operator.text as BinaryOperator, left, right, position: operator.position };
  }

  private parseAdditive(): ExpressionNode {
    let left = this.parseMultiplicative();
    while (this.isOperator('+', '-')) {
      const operator = this.advance();
      const right = this.parseMultiplicative();
      left = { kind: 'binary', operator: operator.text as BinaryOperator, left, right, position: operator.position };
    }
    return left;
  }

  private parseMultiplicative(): ExpressionNode {
    let left = this.parseUnary();
    while (this.isOperator('*', '/')) {
      const operator = this.advance();
      const right = this.parseUnary();
      left = { kind: 'binary', operator: operator.text as BinaryOperator, left, right, position: operator.position };
    }
    return left;
  }

  private parseUnary(): ExpressionNode {
    if (this.isOperator('-', '!')) {
      const operator = this.advance();
      return { kind: 'unary', operator: operator.text as UnaryOperator, operand: this.parseUnary(), position: operator.position };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ExpressionNode {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.advance();
        return { kind: 'number', value: token.numberValue ?? Number(token.text), position: token.position };
      case 'text':
        this.advance();
        return { kind: 'text', value: token.text, position: token.position };
      case '(': {
        this.advance();
        const inner = this.parseOr();
        this.expect(')');
        return inner;
      }
      case 'key': {
        this.advance();
        if (this.peek().kind === '(') return this.parseCall(token);
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'boolean', value: token.text === 'true', position: token.position };
        }
        return { kind: 'key', key: token.text, isPattern: token.text.includes('*'), position: token.position };
      }
      default: {
        const found = this.describe(token);
        return this.fail(token, `Expected a value but found ${found.en}`, `Cần một giá trị nhưng gặp ${found.vi}`);
      }
    }
  }

  private parseCall(nameToken: Token): ExpressionNode {
    const name = nameToken.text;
    if (!(ExpressionFunctionNames as readonly string[]).includes(name)) {
      this.fail(
        nameToken,
        `Unknown function '${name}' (known: ${ExpressionFunctionNames.join(', ')})`,
        `Hàm '${name}' không tồn tại (các hàm: ${ExpressionFunctionNames.join(', ')})`,
      );
    }
    const functionName = name as ExpressionFunctionName;
    const signature = FUNCTION_SIGNATURES[functionName];
    if (functionName === 'prev' && this.insidePrev) {
      this.fail(nameToken, 'prev() cannot be nested', 'Không được lồng prev() trong prev()');
    }
    this.expect('(');
    const args: ExpressionNode[] = [];
    const wasInsidePrev = this.insidePrev;
    if (functionName === 'prev') this.insidePrev = true;
    if (this.peek().kind !== ')') {
      args.push(this.parseOr());
      while (this.peek().kind === ',') {
        this.advance();
        args.push(this.parseOr());
      }
    }
    this.insidePrev = wasInsidePrev;
    this.expect(')');
    if (args.length < signature.minArgs || args.length > signature.maxArgs) {
      const expected =
        signature.maxArgs === Infinity
          ? `at least ${signature.minArgs}`
          : signature.minArgs === signature.maxArgs
            ? `${signature.minArgs}`
            : `${signature.minArgs}–${signature.maxArgs}`;
      const expectedVi = expected.replace('at least', 'ít nhất');
      this.fail(
        nameToken,
        `${name}() takes ${expected} argument(s), got ${args.length}`,
        `${name}() cần ${expectedVi} tham số, nhận được ${args.length}`,
      );
    }
    if (signature.keyArgsOnly) {
      const notKey = args.find((arg) => arg.kind !== 'key');
      if (notKey) {
        this.fail(
          { kind: 'key', text: '', position: notKey.position },
          `${name}() takes value keys or key patterns only`,
          `${name}() chỉ nhận mã chỉ tiêu hoặc mẫu mã`,
        );
      }
    }
    return { kind: 'call', name: functionName, args, position: nameToken.position };
  }

  private expect(kind: ')' | '('): void {
    const token = this.peek();
    if (token.kind !== kind) {
      const found = this.describe(token);
      this.fail(token, `Expected '${kind}' but found ${found.en}`, `Thiếu '${kind}' (gặp ${found.vi})`);
    }
    this.advance();
  }

  /** A `*` pattern denotes many keys, so it only makes sense directly inside an aggregating function. */
  private rejectBarePatterns(node: ExpressionNode, parentCall: ExpressionFunctionName | null): void {
    switch (node.kind) {
      case 'key':
        if (node.isPattern && !(parentCall && FUNCTION_SIGNATURES[parentCall].acceptsPatterns)) {
          throw new ExpressionSyntaxError(
            node.position,
            `The pattern '${node.key}' may only be used inside sum(), count_nonempty(), present(), min() or max()`,
            `Mẫu '${node.key}' chỉ được dùng trong sum(), count_nonempty(), present(), min() hoặc max()`,
            this.source,
          );
        }
        return;
      case 'unary':
        return this.rejectBarePatterns(node.operand, null);
      case 'binary':
        this.rejectBarePatterns(node.left, null);
        return this.rejectBarePatterns(node.right, null);
      case 'call':
        for (const arg of node.args) this.rejectBarePatterns(arg, node.name);
        return;
      default:
        return;
    }
  }
}

const parseCache = new Map<string, ExpressionNode>();
const PARSE_CACHE_LIMIT = 5000;

/**
 * @description Parses a rule expression into an AST. Throws ExpressionSyntaxError (with `position`) on bad syntax.
 * @example parseExpression('exam_certified <= exam_candidates')
 */
export function parseExpression(source: string): ExpressionNode {
  const cached = parseCache.get(source);
  if (cached) return cached;
  const node = new Parser(tokenize(source), source).parse();
  // Templates hold a few hundred distinct expressions; the limit only guards against unbounded growth.
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
  parseCache.set(source, node);
  return node;
}

// ---------------------------------------------------------------------------------------------------------
// Key patterns and references

/** True when `key` matches `pattern`, where a `*` segment matches exactly one key segment. */
export function matchesKeyPattern(pattern: string, key: string): boolean {
  const patternSegments = pattern.split('.');
  const keySegments = key.split('.');
  if (patternSegments.length !== keySegments.length) return false;
  return patternSegments.every((segment, index) => segment === '*' || segment === keySegments[index]);
}

const patternExpansionCache = new WeakMap<readonly string[], Map<string, string[]>>();

/** The keys of `universe` matching `pattern` (a plain key expands to itself if it is in the universe). */
export function expandKeyPattern(pattern: string, universe: readonly string[]): string[] {
  if (!pattern.includes('*')) return universe.includes(pattern) ? [pattern] : [];
  let cache = patternExpansionCache.get(universe);
  if (!cache) {
    cache = new Map();
    patternExpansionCache.set(universe, cache);
  }
  let expanded = cache.get(pattern);
  if (!expanded) {
    expanded = universe.filter((key) => matchesKeyPattern(pattern, key));
    cache.set(pattern, expanded);
  }
  return expanded;
}

export interface ExpressionReferences {
  /** Keys and patterns read from the current report. */
  current: string[];
  /** Keys and patterns read from the previous period's report (inside prev()). */
  previous: string[];
}

/** Every key or pattern the expression reads, split by the report it reads from. Duplicates removed. */
export function collectReferences(node: ExpressionNode): ExpressionReferences {
  const current = new Set<string>();
  const previous = new Set<string>();
  const visit = (node_: ExpressionNode, target: Set<string>) => {
    switch (node_.kind) {
      case 'key':
        target.add(node_.key);
        return;
      case 'unary':
        return visit(node_.operand, target);
      case 'binary':
        visit(node_.left, target);
        return visit(node_.right, target);
      case 'call':
        for (const arg of node_.args) visit(arg, node_.name === 'prev' ? previous : target);
        return;
      default:
        return;
    }
  };
  visit(node, current);
  return { current: [...current], previous: [...previous] };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

export type ExpressionValue = number | boolean | string | null;
/** How a key's raw value is read: the template knows whether a key holds a number, a boolean or text. */
export type ValueKind = 'number' | 'boolean' | 'text';

export interface EvaluationContext {
  values: ValueMap;
  /** The previous period's accepted values; absent means prev() yields null (rule skipped). */
  previous?: ValueMap | null;
  /** Every value key of the template: the universe wildcard patterns expand over. */
  keys: readonly string[];
  /** Kind of each key; keys not listed are read by their JavaScript type. */
  kinds?: ReadonlyMap<string, ValueKind>;
  /** The reporting period, for period_start() / period_end(); absent means those yield null. */
  period?: { start: string; end: string } | null;
}

/** Tolerance of numeric comparisons (see module doc). */
export const COMPARISON_TOLERANCE = 1e-9;
/** Relative tolerance; it takes over for magnitudes above 1e-9 / 1e-12 = 1,000. */
const RELATIVE_COMPARISON_TOLERANCE = 1e-12;

export function isEmptyValue(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/** Reads a raw value as the expression sees it: empty → 0 / false / '', wrong type → null. */
function readValue(raw: FieldValue | undefined, kind: ValueKind | undefined): ExpressionValue {
  // Without a declared kind, an empty value is a number: "an empty value counts as 0" (RuleDef contract).
  const effectiveKind: ValueKind =
    kind ??
    (typeof raw === 'boolean'
      ? 'boolean'
      : typeof raw === 'string' && raw.trim() !== '' && !NUMERIC_TEXT.test(raw)
        ? 'text'
        : 'number');
  if (isEmptyValue(raw)) return effectiveKind === 'boolean' ? false : effectiveKind === 'text' ? '' : 0;
  switch (effectiveKind) {
    case 'number':
      if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
      if (typeof raw === 'boolean') return raw ? 1 : 0;
      return typeof raw === 'string' && NUMERIC_TEXT.test(raw) ? Number(raw) : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'text':
      return String(raw);
  }
}

function toNumber(value: ExpressionValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null; // text or null cannot take part in arithmetic
}

function toTruth(value: ExpressionValue): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Math.abs(value) > COMPARISON_TOLERANCE;
  return value.length > 0;
}

function tolerance(left: number, right: number): number {
  return Math.max(COMPARISON_TOLERANCE, RELATIVE_COMPARISON_TOLERANCE * Math.max(Math.abs(left), Math.abs(right)));
}

function compare(operator: BinaryOperator, left: ExpressionValue, right: ExpressionValue): boolean | null {
  if (left === null || right === null) return null;
  if (typeof left === 'string' || typeof right === 'string') {
    if (typeof left !== 'string' || typeof right !== 'string') {
      // Text against a number: never equal, not ordered.
      if (operator === '==') return false;
      if (operator === '!=') return true;
      return null;
    }
    switch (operator) {
      case '==': return left === right;
      case '!=': return left !== right;
      case '<': return left < right;
      case '<=': return left <= right;
      case '>': return left > right;
      case '>=': return left >= right;
      default: return null;
    }
  }
  const a = toNumber(left) as number;
  const b = toNumber(right) as number;
  const epsilon = tolerance(a, b);
  switch (operator) {
    case '==': return Math.abs(a - b) <= epsilon;
    case '!=': return Math.abs(a - b) > epsilon;
    case '<': return a < b - epsilon;
    case '<=': return a <= b + epsilon;
    case '>': return a > b + epsilon;
    case '>=': return a >= b - epsilon;
    default: return null;
  }
}

class Evaluator {
  constructor(private readonly context: EvaluationContext) {}

  evaluate(node: ExpressionNode, values: ValueMap): ExpressionValue {
    switch (node.kind) {
      case 'number':
      case 'text':
      case 'boolean':
        return node.value;
      case 'key':
        return readValue(values[node.key], this.context.kinds?.get(node.key));
      case 'unary': {
        const operand = this.evaluate(node.operand, values);
        if (node.operator === '!') {
          const truth = toTruth(operand);
          return truth === null ? null : !truth;
        }
        const number = toNumber(operand);
        return number === null ? null : -number;
      }
      case 'binary':
        return this.evaluateBinary(node.operator, node.left, node.right, values);
      case 'call':
        return this.evaluateCall(node.name, node.args, values);
    }
  }

  private evaluateBinary(
    operator: BinaryOperator,
    leftNode: ExpressionNode,
    rightNode: ExpressionNode,
    values: ValueMap,
  ): ExpressionValue {
    if (operator === '&&' || operator === '||') {
      const left = toTruth(this.evaluate(leftNode, values));
      // Short-circuit exactly where Kleene logic is already decided.
      if (operator === '&&' && left === false) return false;
      if (operator === '||' && left === true) return true;
      const right = toTruth(this.evaluate(rightNode, values));
      if (operator === '&&') return right === false ? false : left === null || right === null ? null : true;
      return right === true ? true : left === null || right === null ? null : false;
    }
    const left = this.evaluate(leftNode, values);
    const right = this.evaluate(rightNode, values);
    if (['+', '-', '*', '/'].includes(operator)) {
      const a = toNumber(left);
      const b = toNumber(right);
      if (a === null || b === null) return null;
      switch (operator) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        // A rate over a zero denominator cannot be judged; skipping beats a false alarm.
        default: return b === 0 ? null : a / b;
      }
    }
    return compare(operator, left, right);
  }

  /** Numbers for each argument, expanding patterns; null if any cannot be read as a number. */
  private numericArguments(args: ExpressionNode[], values: ValueMap): (number | null)[] {
    const numbers: (number | null)[] = [];
    for (const arg of args) {
      if (arg.kind === 'key' && arg.isPattern) {
        for (const key of expandKeyPattern(arg.key, this.context.keys)) {
          numbers.push(toNumber(readValue(values[key], this.context.kinds?.get(key))));
        }
      } else {
        numbers.push(toNumber(this.evaluate(arg, values)));
      }
    }
    return numbers;
  }

  private referencedKeys(args: ExpressionNode[]): string[] {
    return args.flatMap((arg) =>
      arg.kind === 'key' ? (arg.isPattern ? expandKeyPattern(arg.key, this.context.keys) : [arg.key]) : [],
    );
  }

  private evaluateCall(name: ExpressionFunctionName, args: ExpressionNode[], values: ValueMap): ExpressionValue {
    switch (name) {
      case 'sum': {
        const numbers = this.numericArguments(args, values);
        return numbers.some((number) => number === null) ? null : (numbers as number[]).reduce((a, b) => a + b, 0);
      }
      case 'min':
      case 'max': {
        const numbers = this.numericArguments(args, values);
        if (numbers.length === 0 || numbers.some((number) => number === null)) return null;
        return name === 'min' ? Math.min(...(numbers as number[])) : Math.max(...(numbers as number[]));
      }
      case 'count_nonempty':
        return this.referencedKeys(args).filter((key) => !isEmptyValue(values[key])).length;
      case 'present':
        return this.referencedKeys(args).some((key) => !isEmptyValue(values[key]));
      case 'abs': {
        const number = toNumber(this.evaluate(args[0], values));
        return number === null ? null : Math.abs(number);
      }
      case 'if': {
        const condition = toTruth(this.evaluate(args[0], values));
        if (condition === null) return null;
        return this.evaluate(condition ? args[1] : args[2], values);
      }
      case 'prev': {
        const previous = this.context.previous;
        if (!previous) return null;
        // A previous report that left these keys blank says nothing about the change: do not compare with 0.
        const { current } = collectReferences(args[0]);
        const keys = current.flatMap((key) => (key.includes('*') ? expandKeyPattern(key, this.context.keys) : [key]));
        if (keys.length > 0 && keys.every((key) => isEmptyValue(previous[key]))) return null;
        return this.evaluate(args[0], previous);
      }
      case 'period_start':
        return this.context.period?.start ?? null;
      case 'period_end':
        return this.context.period?.end ?? null;
    }
  }
}

/**
 * @description Evaluates a parsed expression. Returns null when the result cannot be judged (see module doc).
 * @example evaluateExpression(parseExpression('a + b'), { values: { a: 1, b: 2 }, keys: ['a', 'b'] }) // 3
 */
export function evaluateExpression(node: ExpressionNode, context: EvaluationContext): ExpressionValue {
  return new Evaluator(context).evaluate(node, context.values);
}

/** Parses and evaluates in one go (convenience for tests and ad-hoc checks). */
export function evaluateSource(source: string, context: EvaluationContext): ExpressionValue {
  return evaluateExpression(parseExpression(source), context);
}

// ---------------------------------------------------------------------------------------------------------
// Static checking (used when a template is published)

export type StaticType = 'number' | 'boolean' | 'text' | 'unknown';

export interface ExpressionProblem {
  position: number;
  messageEn: string;
  messageVi: string;
}

/**
 * Checks that every key exists, every pattern matches at least one key, and operand types fit
 * (no text in arithmetic, no text compared with a number). Returns the expression's type and the problems.
 */
export function checkExpression(
  node: ExpressionNode,
  keys: readonly string[],
  kinds: ReadonlyMap<string, ValueKind>,
): { type: StaticType; problems: ExpressionProblem[] } {
  const problems: ExpressionProblem[] = [];
  const problem = (position: number, en: string, vi: string) => problems.push({ position, messageEn: en, messageVi: vi });
  const asType = (kind: ValueKind | undefined): StaticType => kind ?? 'unknown';
  const numericLike = (type: StaticType) => type === 'number' || type === 'boolean' || type === 'unknown';

  const typeOfKey = (node_: Extract<ExpressionNode, { kind: 'key' }>): StaticType[] => {
    if (node_.isPattern) {
      const matched = expandKeyPattern(node_.key, keys);
      if (matched.length === 0) {
        problem(node_.position, `The pattern '${node_.key}' matches no field`, `Mẫu '${node_.key}' không khớp chỉ tiêu nào`);
        return ['unknown'];
      }
      return matched.map((key) => asType(kinds.get(key)));
    }
    if (!keys.includes(node_.key)) {
      problem(node_.position, `Unknown key '${node_.key}'`, `Mã '${node_.key}' không có trong biểu mẫu`);
      return ['unknown'];
    }
    return [asType(kinds.get(node_.key))];
  };

  const visit = (current: ExpressionNode): StaticType => {
    switch (current.kind) {
      case 'number':
        return 'number';
      case 'text':
        return 'text';
      case 'boolean':
        return 'boolean';
      case 'key':
        return typeOfKey(current)[0];
      case 'unary': {
        const operand = visit(current.operand);
        if (current.operator === '!') return 'boolean';
        if (!numericLike(operand)) problem(current.position, 'Cannot negate a text value', 'Không thể đổi dấu một giá trị văn bản');
        return 'number';
      }
      case 'binary': {
        const left = visit(current.left);
        const right = visit(current.right);
        const operator = current.operator;
        if (operator === '&&' || operator === '||') return 'boolean';
        if (['+', '-', '*', '/'].includes(operator)) {
          if (!numericLike(left) || !numericLike(right)) {
            problem(current.position, `Text values cannot be used with '${operator}'`, `Không thể dùng giá trị văn bản với '${operator}'`);
          }
          return 'number';
        }
        const oneText = left === 'text' || right === 'text';
        const bothText = left === 'text' && right === 'text';
        const hasUnknown = left === 'unknown' || right === 'unknown';
        if (oneText && !bothText && !hasUnknown) {
          problem(current.position, `Cannot compare a text value with a number using '${operator}'`, `Không thể so sánh giá trị văn bản với số bằng '${operator}'`);
        }
        return 'boolean';
      }
      case 'call':
        return visitCall(current);
    }
  };

  const visitCall = (call: Extract<ExpressionNode, { kind: 'call' }>): StaticType => {
    switch (call.name) {
      case 'count_nonempty':
      case 'present':
        for (const arg of call.args) if (arg.kind === 'key') typeOfKey(arg);
        return call.name === 'present' ? 'boolean' : 'number';
      case 'sum':
      case 'min':
      case 'max':
        for (const arg of call.args) {
          const types = arg.kind === 'key' ? typeOfKey(arg) : [visit(arg)];
          if (types.some((type) => !numericLike(type))) {
            problem(arg.position, `${call.name}() needs numeric values`, `${call.name}() cần giá trị số`);
          }
        }
        return 'number';
      case 'abs':
        if (!numericLike(visit(call.args[0]))) problem(call.position, 'abs() needs a number', 'abs() cần một số');
        return 'number';
      case 'if': {
        visit(call.args[0]);
        const whenTrue = visit(call.args[1]);
        const whenFalse = visit(call.args[2]);
        if (whenTrue === whenFalse) return whenTrue;
        return numericLike(whenTrue) && numericLike(whenFalse) ? 'number' : 'unknown';
      }
      case 'prev':
        return visit(call.args[0]);
      case 'period_start':
      case 'period_end':
        return 'text';
    }
  };

  const type = visit(node);
  return { type, problems };
}
