/**
 * Tokenizer and recursive-descent parser of the rule expression language (grammar in expression.ts), plus
 * key-pattern helpers. Produces a plain AST; never evaluates anything.
 */
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
      this.fail(
        this.peek(),
        'Comparisons cannot be chained; use parentheses or &&',
        'Không được nối tiếp các phép so sánh; dùng ngoặc hoặc &&',
      );
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
      this.fail(
        this.peek(),
        'Comparisons cannot be chained; write a <= b && b <= c',
        'Không được nối tiếp các phép so sánh; hãy viết a <= b && b <= c',
      );
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
      const operand = this.parseUnary();
      return { kind: 'unary', operator: operator.text as UnaryOperator, operand, position: operator.position };
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

