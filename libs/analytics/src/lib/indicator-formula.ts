/**
 * An indicator's formula (docs/indicators.md): numerator and denominator expressions in the validation rule
 * language (libs/domain validation/expression.ts) over the value keys of one report, a factor and an
 * aggregation. Pure: checking a formula against published template versions, and its parts for one report.
 */
import {
  checkExpression,
  collectReferences,
  evaluateExpression,
  expandKeyPattern,
  ExpressionSyntaxError,
  parseExpression,
} from '@gdtx/domain';
import type { ExpressionNode, ValueKind } from '@gdtx/domain';

export const IndicatorAggregations = ['RATIO_OF_SUMS', 'SUM'] as const;
export type IndicatorAggregation = (typeof IndicatorAggregations)[number];

export interface IndicatorFormula {
  templateCodes: readonly string[];
  numerator: string;
  /** Required for RATIO_OF_SUMS, absent for SUM. */
  denominator: string | null;
  factor: number;
  aggregation: IndicatorAggregation;
}

/** What a formula is checked against: a published template version and its value keys (reporting's reader). */
export interface FormulaTemplateVersion {
  templateCode: string;
  version: number;
  fields: readonly { key: string; kind: ValueKind; labelVi: string }[];
}

/** One problem of a formula; `field` is the input field (numerator, denominator, …), `valueKey` the report key. */
export interface FormulaProblem {
  field: 'numerator' | 'denominator' | 'templateCodes' | 'factor' | 'aggregation' | 'nameVi' | 'nameEn';
  messageVi: string;
  messageEn: string;
  valueKey?: string;
  templateCode?: string;
  templateVersion?: number;
  position?: number;
}

/** A parsed formula with the value keys it reads from the report and from the previous period's report. */
export interface CompiledFormula extends IndicatorFormula {
  numeratorNode: ExpressionNode;
  denominatorNode: ExpressionNode | null;
  /** Keys read from the report (patterns expanded over `universe`). */
  currentKeys: string[];
  /** Keys read from the same centre's accepted report of the period before, inside prev(). */
  previousKeys: string[];
  /** Every value key of the templates (patterns expand over it). */
  universe: readonly string[];
}

/** Above this a factor is a typing mistake (percent is 100, per mille 1000). */
const MAX_FACTOR = 1_000_000;
/** A part beyond this is no count or amount a report holds (and sums of such would leave the float range). */
const MAX_PART = 1e15;

/** Functions that do not compute a number from the report's numbers. */
const NOT_IN_INDICATORS = new Set(['period_start', 'period_end', 'count_nonempty', 'present']);

function usedFunctions(node: ExpressionNode, out = new Set<string>()): Set<string> {
  if (node.kind === 'call') {
    out.add(node.name);
    node.args.forEach((a) => usedFunctions(a, out));
  } else if (node.kind === 'unary') usedFunctions(node.operand, out);
  else if (node.kind === 'binary') {
    usedFunctions(node.left, out);
    usedFunctions(node.right, out);
  }
  return out;
}

function expand(patterns: readonly string[], universe: readonly string[]): string[] {
  return [...new Set(patterns.flatMap((p) => (p.includes('*') ? expandKeyPattern(p, universe) : [p])))];
}

/** Parses the two expressions; syntax problems are returned, not thrown. */
function parseParts(f: IndicatorFormula): { numerator: ExpressionNode | null; denominator: ExpressionNode | null; problems: FormulaProblem[] } {
  const problems: FormulaProblem[] = [];
  const parse = (field: 'numerator' | 'denominator', source: string): ExpressionNode | null => {
    try {
      const node = parseExpression(source);
      const banned = [...usedFunctions(node)].filter((n) => NOT_IN_INDICATORS.has(n));
      if (banned.length) {
        problems.push({
          field,
          messageVi: `${field === 'numerator' ? 'Tử số' : 'Mẫu số'}: không dùng được hàm ${banned.map((b) => `${b}()`).join(', ')} trong chỉ số (chỉ tính trên các số của báo cáo)`,
          messageEn: `${field}: ${banned.map((b) => `${b}()`).join(', ')} cannot be used in an indicator (it computes over the report's numbers only)`,
        });
      }
      return node;
    } catch (e) {
      if (!(e instanceof ExpressionSyntaxError)) throw e;
      problems.push({ field, position: e.position, messageVi: `${field === 'numerator' ? 'Tử số' : 'Mẫu số'}: ${e.messageVi}`, messageEn: `${field}: ${e.message}` });
      return null;
    }
  };
  const numerator = f.numerator.trim() ? parse('numerator', f.numerator) : null;
  if (!f.numerator.trim()) problems.push({ field: 'numerator', messageVi: 'Cần nhập tử số', messageEn: 'The numerator is required' });
  const hasDenominator = Boolean(f.denominator?.trim());
  const denominator = hasDenominator ? parse('denominator', f.denominator!) : null;
  if (f.aggregation === 'RATIO_OF_SUMS' && !hasDenominator) {
    problems.push({ field: 'denominator', messageVi: 'Chỉ số dạng tỷ lệ cần có mẫu số', messageEn: 'A ratio needs a denominator' });
  }
  if (f.aggregation === 'SUM' && hasDenominator) {
    problems.push({ field: 'denominator', messageVi: 'Chỉ số dạng tổng không có mẫu số (bỏ trống mẫu số hoặc chọn dạng tỷ lệ)', messageEn: 'A sum has no denominator' });
  }
  if (!Number.isFinite(f.factor) || f.factor <= 0 || f.factor > MAX_FACTOR) {
    problems.push({ field: 'factor', messageVi: 'Hệ số phải là một số dương, không quá 1.000.000 (ví dụ 100 cho tỷ lệ phần trăm)', messageEn: 'The factor must be a positive number up to 1,000,000' });
  }
  return { numerator, denominator, problems };
}

/**
 * @description Checks a formula against every published version of the templates it applies to: the
 * expressions parse, every key they read exists in each version and holds a number there (an integer, decimal
 * or percent field, or a grid cell), and each expression computes a number. Empty when the formula is sound.
 */
export function checkIndicatorFormula(f: IndicatorFormula, versions: readonly FormulaTemplateVersion[]): FormulaProblem[] {
  const { numerator, denominator, problems } = parseParts(f);
  if (!f.templateCodes.length) {
    problems.push({ field: 'templateCodes', messageVi: 'Cần chọn biểu mẫu mà chỉ số đọc số liệu', messageEn: 'Choose the template the indicator reads' });
  }
  for (const code of f.templateCodes) {
    if (!versions.some((v) => v.templateCode === code)) {
      problems.push({ field: 'templateCodes', templateCode: code, messageVi: `Biểu mẫu ${code} chưa có phiên bản nào đã ban hành`, messageEn: `Template ${code} has no published version` });
    }
  }
  const parts: ['numerator' | 'denominator', ExpressionNode | null][] = [['numerator', numerator], ['denominator', denominator]];
  for (const v of versions.filter((x) => f.templateCodes.includes(x.templateCode))) {
    const keys = v.fields.map((x) => x.key);
    const kinds = new Map(v.fields.map((x) => [x.key, x.kind]));
    const labels = new Map(v.fields.map((x) => [x.key, x.labelVi]));
    const where = `Biểu mẫu ${v.templateCode} phiên bản ${v.version}`;
    for (const [field, node] of parts) {
      if (!node) continue;
      const partVi = field === 'numerator' ? 'Tử số' : 'Mẫu số';
      const checked = checkExpression(node, keys, kinds);
      for (const p of checked.problems) {
        const key = /'([^']+)'/.exec(p.messageEn)?.[1];
        problems.push({ field, valueKey: key, templateCode: v.templateCode, templateVersion: v.version, position: p.position, messageVi: `${partVi} – ${where}: ${p.messageVi}`, messageEn: `${field} – ${v.templateCode} v${v.version}: ${p.messageEn}` });
      }
      const refs = collectReferences(node);
      for (const key of expand([...refs.current, ...refs.previous], keys)) {
        const kind = kinds.get(key);
        if (kind && kind !== 'number') {
          problems.push({
            field, valueKey: key, templateCode: v.templateCode, templateVersion: v.version,
            messageVi: `${partVi} – ${where}: chỉ tiêu '${key}' (${labels.get(key)}) không phải là số nên không tính vào chỉ số được`,
            messageEn: `${field} – ${v.templateCode} v${v.version}: '${key}' is not a numeric field`,
          });
        }
      }
      if (!checked.problems.length && checked.type !== 'number' && checked.type !== 'unknown') {
        problems.push({ field, templateCode: v.templateCode, templateVersion: v.version, messageVi: `${partVi} phải tính ra một số (không phải phép so sánh hay văn bản)`, messageEn: `The ${field} must compute a number` });
      }
    }
  }
  // The same problem found in several versions is said once per version; identical lines once.
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.messageVi) ? false : (seen.add(p.messageVi), true)));
}

/** Parses a (checked) formula; `universe` is every value key of its templates, for key patterns. */
export function compileFormula(f: IndicatorFormula, universe: readonly string[]): CompiledFormula {
  const numeratorNode = parseExpression(f.numerator);
  const denominatorNode = f.aggregation === 'RATIO_OF_SUMS' && f.denominator ? parseExpression(f.denominator) : null;
  const refs = [collectReferences(numeratorNode), ...(denominatorNode ? [collectReferences(denominatorNode)] : [])];
  return {
    ...f,
    numeratorNode,
    denominatorNode,
    currentKeys: expand(refs.flatMap((r) => r.current), universe),
    previousKeys: expand(refs.flatMap((r) => r.previous), universe),
    universe,
  };
}

/** True when the formula reads any key pattern (the caller then needs the templates' keys to expand it). */
export function formulaUsesPatterns(f: Pick<IndicatorFormula, 'numerator' | 'denominator'>): boolean {
  return `${f.numerator} ${f.denominator ?? ''}`.includes('*');
}

/**
 * @description The parts of one accepted report: the numerator and denominator it contributes, or null when
 * the report does not hold every part (a key of either expression missing from it, a key inside prev()
 * missing from the same centre's report of the period before, or an expression that cannot be computed, such
 * as a division by zero inside it). Only reports with parts take part in an aggregate, so a ratio is always
 * the ratio of sums over one set of centres.
 */
export function reportParts(
  f: CompiledFormula,
  values: Readonly<Record<string, number>>,
  previous: Readonly<Record<string, number>> | null,
): { numerator: number; denominator: number | null } | null {
  if (!f.currentKeys.every((k) => typeof values[k] === 'number')) return null;
  if (f.previousKeys.length && (!previous || !f.previousKeys.every((k) => typeof previous[k] === 'number'))) return null;
  const context = { values, previous: previous ?? null, keys: f.universe };
  const numerator = evaluateExpression(f.numeratorNode, context);
  if (typeof numerator !== 'number' || !Number.isFinite(numerator) || Math.abs(numerator) > MAX_PART) return null;
  if (!f.denominatorNode) return { numerator, denominator: null };
  const denominator = evaluateExpression(f.denominatorNode, context);
  if (typeof denominator !== 'number' || !Number.isFinite(denominator) || Math.abs(denominator) > MAX_PART) return null;
  return { numerator, denominator };
}
