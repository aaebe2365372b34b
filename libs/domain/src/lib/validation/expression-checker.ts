/**
 * Static checks of a parsed expression against a template's keys (used when a template is published).
 */
import { expandKeyPattern, type ExpressionNode } from './expression-parser';
import type { ValueKind } from './expression-evaluator';

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
  const problem = (position: number, en: string, vi: string) =>
    problems.push({ position, messageEn: en, messageVi: vi });
  const asType = (kind: ValueKind | undefined): StaticType => kind ?? 'unknown';
  const numericLike = (type: StaticType) => type === 'number' || type === 'boolean' || type === 'unknown';

  const typeOfKey = (node_: Extract<ExpressionNode, { kind: 'key' }>): StaticType[] => {
    if (node_.isPattern) {
      const matched = expandKeyPattern(node_.key, keys);
      if (matched.length === 0) {
        problem(
          node_.position,
          `The pattern '${node_.key}' matches no field`,
          `Mẫu '${node_.key}' không khớp chỉ tiêu nào`,
        );
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
        if (!numericLike(operand)) {
          problem(
            current.position,
            'Cannot negate a text value',
            'Không thể đổi dấu một giá trị văn bản',
          );
        }
        return 'number';
      }
      case 'binary': {
        const left = visit(current.left);
        const right = visit(current.right);
        const operator = current.operator;
        if (operator === '&&' || operator === '||') return 'boolean';
        if (['+', '-', '*', '/'].includes(operator)) {
          if (!numericLike(left) || !numericLike(right)) {
            problem(
              current.position,
              `Text values cannot be used with '${operator}'`,
              `Không thể dùng giá trị văn bản với '${operator}'`,
            );
          }
          return 'number';
        }
        const oneText = left === 'text' || right === 'text';
        const bothText = left === 'text' && right === 'text';
        const hasUnknown = left === 'unknown' || right === 'unknown';
        if (oneText && !bothText && !hasUnknown) {
          problem(
            current.position,
            `Cannot compare a text value with a number using '${operator}'`,
            `Không thể so sánh giá trị văn bản với số bằng '${operator}'`,
          );
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
        if (!numericLike(visit(call.args[0]))) {
          problem(
            call.position,
            'abs() needs a number',
            'abs() cần một số',
          );
        }
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
