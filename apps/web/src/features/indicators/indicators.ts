/** Pure helpers of the "Chỉ tiêu" page (no React, unit-tested in indicators.spec.ts). */
import { periodContaining, previousPeriod, todayInVietnam, type PeriodType } from '@gdtx/domain';

export interface FormulaParts {
  numerator: string;
  denominator: string | null;
  factor: number;
  aggregation: string;
}

/** "(a + b) / c × 100", or "a + b" for a sum: how the page shows a formula. */
export function formulaText(f: FormulaParts, formatNumber: (n: number) => string = String): string {
  const factor = f.factor === 1 ? '' : ` × ${formatNumber(f.factor)}`;
  if (f.aggregation === 'SUM' || !f.denominator) return `${wrap(f.numerator, f.factor !== 1)}${factor}`;
  return `${wrap(f.numerator, true)} / ${wrap(f.denominator, true)}${factor}`;
}

function wrap(expression: string, needed: boolean): string {
  return needed && /[+\-*/]/.test(expression.replace(/^\(.*\)$/, '')) ? `(${expression})` : expression;
}

export interface FieldProblemView {
  field: string;
  message: string;
}

/** The problems of a VALIDATION_FAILED answer (`extensions.fields`), in the reader's language. */
export function fieldProblems(extensions: Record<string, unknown>, language: 'vi' | 'en'): FieldProblemView[] {
  const fields = extensions['fields'];
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f): f is { field: string; messageVi: string; messageEn?: string } => !!f && typeof f === 'object' && typeof (f as { field?: unknown }).field === 'string')
    .map((f) => ({ field: f.field, message: language === 'en' && f.messageEn ? f.messageEn : f.messageVi }));
}

/** The last `count` periods of a type that have ended (newest first): the periods a preview can show figures for. */
export function recentEndedPeriods(type: PeriodType, count = 6, today = todayInVietnam()): string[] {
  let p = previousPeriod(periodContaining(type, today));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p.code);
    p = previousPeriod(p);
  }
  return out;
}
