/**
 * Small constructors that keep the shipped templates readable as data. They only fill in defaults and
 * write the standard rule messages; the result is a plain TemplateDefinition.
 *
 * Rule messages use the placeholders documented in validation/messages.ts, so labels are always looked up
 * from the template (a Sở that renames a field gets the new label in every message).
 */
import type { Choice, FieldDef, GridAxisItem, GridDef, RuleDef, Severity } from '../template-types';

type FieldOptions = Partial<Omit<FieldDef, 'code' | 'labelVi' | 'labelEn' | 'type'>>;

export function integerField(code: string, labelVi: string, labelEn: string, options: FieldOptions = {}): FieldDef {
  return { code, labelVi, labelEn, type: 'integer', unit: 'người', ...options };
}

export function decimalField(code: string, labelVi: string, labelEn: string, options: FieldOptions = {}): FieldDef {
  return { code, labelVi, labelEn, type: 'decimal', ...options };
}

export function percentField(code: string, labelVi: string, labelEn: string, options: FieldOptions = {}): FieldDef {
  return { code, labelVi, labelEn, type: 'percent', unit: '%', min: 0, max: 100, ...options };
}

export function booleanField(code: string, labelVi: string, labelEn: string, options: FieldOptions = {}): FieldDef {
  return { code, labelVi, labelEn, type: 'boolean', ...options };
}

export function textField(code: string, labelVi: string, labelEn: string, options: FieldOptions = {}): FieldDef {
  return { code, labelVi, labelEn, type: 'text', maxLength: 200, ...options };
}

export function dateField(code: string, labelVi: string, labelEn: string, options: FieldOptions = {}): FieldDef {
  return { code, labelVi, labelEn, type: 'date', ...options };
}

export function choiceField(
  code: string,
  labelVi: string,
  labelEn: string,
  choices: Choice[],
  options: FieldOptions = {},
): FieldDef {
  return { code, labelVi, labelEn, type: 'choice', choices, ...options };
}

export function axis(code: string, labelVi: string, labelEn: string): GridAxisItem {
  return { code, labelVi, labelEn };
}

export function rule(
  code: string,
  severity: Severity,
  expression: string,
  fields: string[],
  messageVi: string,
  messageEn: string,
  explainable?: boolean,
): RuleDef {
  return { code, severity, expression, fields, messageVi, messageEn, ...(explainable ? { explainable } : {}) };
}

/** `smaller <= larger` (domain §E.2–E.4): "Số cấp chứng chỉ (2.280) không được lớn hơn số dự thi (2.279)." */
export function notGreaterThan(code: string, smaller: string, larger: string, severity: Severity = 'error'): RuleDef {
  return rule(
    code,
    severity,
    `${smaller} <= ${larger}`,
    [smaller, larger],
    `{label:${smaller}} ({${smaller}}) không được lớn hơn {label_lower:${larger}} ({${larger}}).`,
    `{label:${smaller}} ({${smaller}}) must not exceed {label_lower:${larger}} ({${larger}}).`,
  );
}

/** `sum of parts == total`, for exclusive breakdowns (domain §E.3, §E.4). */
export function sumEquals(
  code: string,
  total: string,
  partsExpression: string,
  partsVi: string,
  partsEn: string,
  fields: string[] = [total],
): RuleDef {
  return rule(
    code,
    'error',
    `${partsExpression} == ${total}`,
    fields,
    `{label:${total}} ({${total}}) phải bằng ${partsVi} ({=${partsExpression}}).`,
    `{label:${total}} ({${total}}) must equal ${partsEn} ({=${partsExpression}}).`,
  );
}

/** Per grid row: `part <= total` for each part column (female, DTTS, disabled ≤ total; domain §E.3). */
export function rowPartsNotGreaterThanTotal(
  codePrefix: string,
  grid: GridDef,
  partColumns: string[],
  totalColumn: string,
): RuleDef[] {
  return grid.rows.flatMap((row) =>
    partColumns.map((column) => {
      const part = `${grid.code}.${row.code}.${column}`;
      const total = `${grid.code}.${row.code}.${totalColumn}`;
      return rule(
        `${codePrefix}.${row.code}.${column}_le_${totalColumn}`,
        'error',
        `${part} <= ${total}`,
        [part, total],
        `{grid:${part}}, {row:${part}}: {column_lower:${part}} ({${part}}) không được lớn hơn {column_lower:${total}} ({${total}}).`,
        `{grid:${part}}, {row:${part}}: {column_lower:${part}} ({${part}}) must not exceed {column_lower:${total}} ({${total}}).`,
      );
    }),
  );
}

/** Per grid row: people in a row imply at least one class in that row (domain §E.6). */
export function rowPeopleImplyClasses(codePrefix: string, grid: GridDef, peopleColumn: string, classesColumn: string): RuleDef[] {
  return grid.rows.map((row) => {
    const people = `${grid.code}.${row.code}.${peopleColumn}`;
    const classes = `${grid.code}.${row.code}.${classesColumn}`;
    return rule(
      `${codePrefix}.${row.code}.${peopleColumn}_need_${classesColumn}`,
      'error',
      `${people} == 0 || ${classes} > 0`,
      [classes, people],
      `{grid:${people}}, {row:${people}}: có {column_lower:${people}} ({${people}}) nhưng {column_lower:${classes}} bằng 0.`,
      `{grid:${people}}, {row:${people}}: {column_lower:${people}} is {${people}} but {column_lower:${classes}} is 0.`,
    );
  });
}

/** `people > 0 ⇒ classes > 0` over arbitrary expressions (domain §E.6). */
export function peopleImplyClasses(code: string, peopleExpression: string, classesKey: string, peopleVi: string, peopleEn: string, fields: string[]): RuleDef {
  return rule(
    code,
    'error',
    `${peopleExpression} == 0 || ${classesKey} > 0`,
    fields,
    `Có ${peopleVi} ({=${peopleExpression}}) nhưng {label_lower:${classesKey}} bằng 0.`,
    `There are ${peopleEn} ({=${peopleExpression}}) but {label_lower:${classesKey}} is 0.`,
  );
}

/** Average class size within 3–40 learners (domain §E.6, a warning: the bounds are not in a legal text). */
export function classSizeWarning(code: string, learnersExpression: string, classesKey: string, fields: string[]): RuleDef {
  return rule(
    code,
    'warning',
    `${classesKey} == 0 || (${learnersExpression} >= 3 * ${classesKey} && ${learnersExpression} <= 40 * ${classesKey})`,
    fields,
    `Sĩ số bình quân ({=(${learnersExpression}) / ${classesKey}} học viên/lớp) nằm ngoài khoảng 3–40; vui lòng kiểm tra {label_lower:${classesKey}}.`,
    `Average class size ({=(${learnersExpression}) / ${classesKey}} learners per class) is outside 3–40; please check {label_lower:${classesKey}}.`,
  );
}

/**
 * An entered rate must match its counts to ±0.1 percentage points (domain §E.1; S0: 32/36 = 88.9%).
 * Skipped when the rate is left blank or the denominator is 0.
 */
export function rateMatches(code: string, rateKey: string, numeratorExpression: string, denominatorExpression: string, fields: string[]): RuleDef {
  const computed = `100 * (${numeratorExpression}) / (${denominatorExpression})`;
  return rule(
    code,
    'error',
    `!present(${rateKey}) || abs(${rateKey} - ${computed}) <= 0.1`,
    [rateKey, ...fields],
    `{label:${rateKey}} ({${rateKey}}%) không khớp với số liệu: tính từ số liệu được {=${computed}}% (cho phép lệch 0,1).`,
    `{label:${rateKey}} ({${rateKey}}%) does not match the counts, which give {=${computed}}% (tolerance 0.1).`,
  );
}

/** A change of more than ±50% from the previous period needs a written explanation (domain §E.9). */
export function changeFromPreviousWarning(code: string, expression: string, labelVi: string, labelEn: string, fields: string[]): RuleDef {
  return rule(
    code,
    'warning',
    `abs((${expression}) - prev(${expression})) <= 0.5 * prev(${expression})`,
    fields,
    `${labelVi} thay đổi hơn 50% so với kỳ trước ({=prev(${expression})} → {=${expression}}); vui lòng giải trình.`,
    `${labelEn} changed by more than 50% from the previous period ({=prev(${expression})} → {=${expression}}); please explain.`,
    true,
  );
}
