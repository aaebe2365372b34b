import { expandKeyPattern, parseExpression, type ExpressionNode } from '@gdtx/domain';

/**
 * A computed field's formula (libs/domain computed.ts) as an Excel formula over the workbook's input cells, so a
 * rate or total updates in Excel while the centre types. The server never reads it back: on upload a computed
 * cell is ignored and the value derived again by `deriveComputedValues`, so the Excel formula only has to agree
 * for display. It does: Excel's ROUND rounds half away from zero, empty cells count as 0, a division by zero is
 * caught by IFERROR, and a formula whose cells are all empty shows nothing.
 *
 * Only arithmetic is translated (numbers, keys, + - * /, unary -, sum/min/max/abs); anything else returns null and
 * the cell keeps the value derived when the file was built.
 */
export function excelFormulaOf(
  expression: string,
  decimals: number,
  keys: readonly string[],
  cellOf: (key: string) => string | null,
): string | null {
  let node: ExpressionNode;
  try {
    node = parseExpression(expression);
  } catch {
    return null;
  }
  const refs = new Set<string>();
  const ref = (key: string): string | null => {
    const cell = cellOf(key);
    if (cell) refs.add(cell);
    return cell;
  };
  const translate = (n: ExpressionNode): string | null => {
    switch (n.kind) {
      case 'number':
        return String(n.value);
      case 'key': {
        if (n.isPattern) return null;
        return ref(n.key);
      }
      case 'unary': {
        if (n.operator !== '-') return null;
        const operand = translate(n.operand);
        return operand === null ? null : `(-${operand})`;
      }
      case 'binary': {
        if (!['+', '-', '*', '/'].includes(n.operator)) return null;
        const left = translate(n.left);
        const right = translate(n.right);
        return left === null || right === null ? null : `(${left}${n.operator}${right})`;
      }
      case 'call': {
        const excel = ({ sum: 'SUM', min: 'MIN', max: 'MAX', abs: 'ABS' } as Record<string, string>)[n.name];
        if (!excel) return null;
        const args: string[] = [];
        for (const arg of n.args) {
          if (arg.kind === 'key' && arg.isPattern) {
            const cells = expandKeyPattern(arg.key, keys).map(ref);
            if (cells.length === 0 || cells.some((c) => c === null)) return null;
            args.push(...(cells as string[]));
          } else {
            const a = translate(arg);
            if (a === null) return null;
            args.push(a);
          }
        }
        return `${excel}(${args.join(',')})`;
      }
      default:
        return null;
    }
  };
  const body = translate(node);
  if (body === null || refs.size === 0) return null;
  return `IF(COUNT(${[...refs].join(',')})=0,"",IFERROR(ROUND(${body},${decimals}),""))`;
}
