/**
 * Tree-walking evaluator of rule expressions (semantics in expression.ts). Reads values only: there is no
 * assignment, no host access and no eval, so an expression written by a Sở specialist is safe to run.
 */
import type { FieldValue, ValueMap } from '../template-types';
import {
  collectReferences,
  expandKeyPattern,
  parseExpression,
  type BinaryOperator,
  type ExpressionFunctionName,
  type ExpressionNode,
} from './expression-parser';

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

