/**
 * Well-formedness of a template definition, checked when the Sở publishes a version (and by the shipped
 * templates' tests). A published version is immutable, so everything that can be checked statically is.
 */
import { CentreTypes, PeriodTypes } from '../enums';
import type { DeadlineRule, FieldDef, GridDef, TemplateDefinition } from '../template-types';
import { daysInMonth } from '../periods/iso-date';
import { checkExpression, collectReferences, expandKeyPattern, ExpressionSyntaxError, parseExpression } from './expression';
import { messagePlaceholders } from './messages';
import { indexTemplate } from './template-index';

export interface TemplateProblem {
  /** Where the problem is, e.g. `rules[3].expression` or `sections[0].fields[2].code`. */
  path: string;
  messageVi: string;
  messageEn: string;
}

const TEMPLATE_CODE = /^[A-Z][A-Z0-9_]*$/;
/** Field, grid and section codes: snake_case ASCII starting with a letter (they become value keys). */
const SNAKE_CODE = /^[a-z][a-z0-9_]*$/;
/** Grid row and column codes may start with a digit (age bands such as `15_25`). */
const AXIS_CODE = /^[a-z0-9][a-z0-9_]*$/;
const RULE_CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const RESERVED_RULE_PREFIX = 'field.';
const NUMERIC_FIELD_TYPES = ['integer', 'decimal', 'percent'];
const FIELD_TYPES = ['integer', 'decimal', 'percent', 'boolean', 'text', 'date', 'choice'];
/** The value keywords of the expression language cannot be codes: `true` would never be read as a key. */
const RESERVED_CODES = ['true', 'false'];

const isBlank = (text: string | undefined) => !text || text.trim() === '';

/**
 * @description Checks that a template is well-formed: codes unique and well-formed, labels present, choices
 * and bounds coherent, deadline valid, and every rule parses, type-checks, reads only keys the template
 * defines and names existing fields. Returns an empty array when the template can be published.
 * @example validateTemplateDefinition(findShippedTemplate('GDTX_SEMESTER')!) // []
 */
export function validateTemplateDefinition(template: TemplateDefinition): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (path: string, vi: string, en: string) => problems.push({ path, messageVi: vi, messageEn: en });

  if (!TEMPLATE_CODE.test(template.code ?? '')) {
    add(
      'code',
      `Mã biểu mẫu "${template.code}" phải viết HOA_GẠCH_DƯỚI (A–Z, 0–9, _).`,
      `Template code "${template.code}" must be UPPER_SNAKE_CASE.`,
    );
  }
  if (!Number.isInteger(template.version) || template.version < 1) {
    add('version', 'Phiên bản phải là số nguyên dương.', 'Version must be a positive whole number.');
  }
  if (isBlank(template.nameVi) || isBlank(template.nameEn)) {
    add(
      'name',
      'Biểu mẫu cần có tên tiếng Việt và tiếng Anh.',
      'The template needs a Vietnamese and an English name.',
    );
  }
  if (!template.centreTypes?.length) {
    add('centreTypes', 'Cần chọn ít nhất một loại trung tâm.', 'At least one centre type is required.');
  }
  template.centreTypes?.forEach((type, position) => {
    if (!(CentreTypes as readonly string[]).includes(type)) {
      add(
        `centreTypes[${position}]`,
        `Loại trung tâm "${type}" không tồn tại.`,
        `Unknown centre type "${type}".`,
      );
    }
  });
  if (new Set(template.centreTypes).size !== template.centreTypes?.length) {
    add('centreTypes', 'Loại trung tâm bị lặp.', 'A centre type is listed twice.');
  }
  if (!(PeriodTypes as readonly string[]).includes(template.periodType)) {
    add(
      'periodType',
      `Loại kỳ báo cáo "${template.periodType}" không tồn tại.`,
      `Unknown period type "${template.periodType}".`,
    );
  }
  checkDeadline(template.deadline, add);

  const codes = new Map<string, string>(); // value-key namespace: field and grid codes → path
  const claimCode = (code: string, path: string) => {
    const earlier = codes.get(code);
    if (earlier) {
      add(
        path,
        `Mã "${code}" bị trùng (đã dùng tại ${earlier}).`,
        `Code "${code}" is already used at ${earlier}.`,
      );
    } else {
      codes.set(code, path);
    }
    if (RESERVED_CODES.includes(code)) {
      add(
        path,
        `Không được dùng "${code}" làm mã.`,
        `"${code}" is reserved and cannot be a code.`,
      );
    }
  };
  const sectionCodes = new Set<string>();
  if (!template.sections?.length) {
    add(
      'sections',
      'Biểu mẫu chưa có phần nào.',
      'The template has no sections.',
    );
  }
  template.sections?.forEach((section, sectionIndex) => {
    const path = `sections[${sectionIndex}]`;
    if (!SNAKE_CODE.test(section.code)) {
      add(
        `${path}.code`,
        `Mã phần "${section.code}" không hợp lệ.`,
        `Section code "${section.code}" is not snake_case.`,
      );
    }
    if (sectionCodes.has(section.code)) {
      add(
        `${path}.code`,
        `Mã phần "${section.code}" bị trùng.`,
        `Section code "${section.code}" is used twice.`,
      );
    }
    sectionCodes.add(section.code);
    if (isBlank(section.titleVi) || isBlank(section.titleEn)) {
      add(
        path,
        `Phần "${section.code}" cần tiêu đề tiếng Việt và tiếng Anh.`,
        `Section "${section.code}" needs Vietnamese and English titles.`,
      );
    }
    if (section.fields.length === 0 && !section.grids?.length) {
      add(path, `Phần "${section.code}" chưa có chỉ tiêu nào.`, `Section "${section.code}" has no fields.`);
    }
    section.fields.forEach((field, fieldIndex) => {
      const fieldPath = `${path}.fields[${fieldIndex}]`;
      claimCode(field.code, `${fieldPath}.code`);
      checkField(field, fieldPath, add);
    });
    section.grids?.forEach((grid, gridIndex) => {
      const gridPath = `${path}.grids[${gridIndex}]`;
      claimCode(grid.code, `${gridPath}.code`);
      checkGrid(grid, gridPath, add);
    });
  });

  checkRules(template, add);
  checkComputedFields(template, add);
  return problems;
}

type AddProblem = (path: string, vi: string, en: string) => void;

function checkDeadline(deadline: DeadlineRule | undefined, add: AddProblem): void {
  if (!deadline) {
    add('deadline', 'Chưa có quy định hạn nộp.', 'The deadline rule is missing.');
    return;
  }
  if (deadline.kind === 'AFTER_PERIOD_END') {
    if (!Number.isInteger(deadline.days) || deadline.days < 0 || deadline.days > 366) {
      add(
        'deadline.days',
        'Số ngày sau kỳ báo cáo phải là số nguyên từ 0 đến 366.',
        'Days after the period must be a whole number from 0 to 366.',
      );
    }
    return;
  }
  if (deadline.kind === 'FIXED_DATE') {
    const monthValid = Number.isInteger(deadline.month) && deadline.month >= 1 && deadline.month <= 12;
    if (!monthValid) add('deadline.month', 'Tháng phải từ 1 đến 12.', 'Month must be 1 to 12.');
    // Checked against a common year: a 29 February deadline would not exist three years in four.
    const maxDay = monthValid ? daysInMonth(2001, deadline.month) : 31;
    if (!Number.isInteger(deadline.day) || deadline.day < 1 || deadline.day > maxDay) {
      add('deadline.day', `Ngày phải từ 1 đến ${maxDay}.`, `Day must be 1 to ${maxDay}.`);
    }
    if (!Number.isInteger(deadline.yearOffset) || Math.abs(deadline.yearOffset) > 2) {
      add(
        'deadline.yearOffset',
        'Độ lệch năm phải là số nguyên từ -2 đến 2.',
        'Year offset must be a whole number from -2 to 2.',
      );
    }
    return;
  }
  add('deadline.kind', 'Loại hạn nộp không hợp lệ.', 'Unknown deadline kind.');
}

function checkField(field: FieldDef, path: string, add: AddProblem): void {
  const name = field.code;
  if (!SNAKE_CODE.test(field.code)) {
    add(
      `${path}.code`,
      `Mã "${name}" phải viết thường_gạch_dưới (a–z, 0–9, _).`,
      `Code "${name}" must be snake_case ASCII.`,
    );
  }
  if (isBlank(field.labelVi) || isBlank(field.labelEn)) {
    add(
      path,
      `Chỉ tiêu "${name}" cần nhãn tiếng Việt và tiếng Anh.`,
      `Field "${name}" needs Vietnamese and English labels.`,
    );
  }
  if (!FIELD_TYPES.includes(field.type)) {
    add(`${path}.type`, `Kiểu dữ liệu "${field.type}" không hợp lệ.`, `Unknown field type "${field.type}".`);
    return;
  }
  if (field.type === 'choice') {
    if (!field.choices?.length) {
      add(
        `${path}.choices`,
        `Chỉ tiêu lựa chọn "${name}" chưa có phương án.`,
        `Choice field "${name}" has no choices.`,
      );
    }
    const values = field.choices?.map((choice) => choice.value) ?? [];
    if (new Set(values).size !== values.length) {
      add(
        `${path}.choices`,
        `Phương án của "${name}" bị trùng.`,
        `Choice field "${name}" repeats a value.`,
      );
    }
    if (field.choices?.some((choice) => isBlank(choice.value) || isBlank(choice.labelVi) || isBlank(choice.labelEn))) {
      add(
        `${path}.choices`,
        `Mỗi phương án của "${name}" cần giá trị và nhãn hai thứ tiếng.`,
        `Every choice of "${name}" needs a value and both labels.`,
      );
    }
  } else if (field.choices?.length) {
    add(
      `${path}.choices`,
      `Chỉ tiêu "${name}" không phải kiểu lựa chọn nhưng có danh sách phương án.`,
      `Field "${name}" has choices but is not a choice field.`,
    );
  }
  const numeric = NUMERIC_FIELD_TYPES.includes(field.type);
  if (!numeric && (field.min !== undefined || field.max !== undefined)) {
    add(
      path,
      `Chỉ tiêu "${name}" không phải kiểu số nên không có giới hạn min/max.`,
      `Field "${name}" is not numeric and cannot have min/max.`,
    );
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    add(path, `Chỉ tiêu "${name}": min lớn hơn max.`, `Field "${name}": min is greater than max.`);
  }
  const maxLengthValid = field.type === 'text' && Number.isInteger(field.maxLength) && (field.maxLength ?? 0) >= 1;
  if (field.maxLength !== undefined && !maxLengthValid) {
    add(
      `${path}.maxLength`,
      `Độ dài tối đa chỉ dùng cho văn bản và phải là số nguyên dương.`,
      `maxLength applies to text fields only and must be a positive whole number.`,
    );
  }
  if (field.isTarget && !numeric) {
    add(
      `${path}.isTarget`,
      `Chỉ tiêu kế hoạch "${name}" phải là kiểu số.`,
      `Target field "${name}" must be numeric.`,
    );
  }
}

function checkGrid(grid: GridDef, path: string, add: AddProblem): void {
  const name = grid.code;
  if (!SNAKE_CODE.test(grid.code)) {
    add(
      `${path}.code`,
      `Mã bảng "${name}" phải viết thường_gạch_dưới.`,
      `Grid code "${name}" must be snake_case ASCII.`,
    );
  }
  if (isBlank(grid.labelVi) || isBlank(grid.labelEn)) {
    add(
      path,
      `Bảng "${name}" cần nhãn hai thứ tiếng.`,
      `Grid "${name}" needs both labels.`,
    );
  }
  if (grid.type !== 'integer' && grid.type !== 'decimal') {
    add(
      `${path}.type`,
      `Bảng "${name}" phải có kiểu integer hoặc decimal.`,
      `Grid "${name}" must be integer or decimal.`,
    );
  }
  if (isBlank(grid.rowDimension) || isBlank(grid.columnDimension)) {
    add(
      path,
      `Bảng "${name}" cần tên chiều hàng và cột.`,
      `Grid "${name}" needs row and column dimension names.`,
    );
  }
  for (const [axisName, items] of [['rows', grid.rows], ['columns', grid.columns]] as const) {
    if (!items?.length) {
      add(
        `${path}.${axisName}`,
        `Bảng "${name}" chưa có ${axisName === 'rows' ? 'hàng' : 'cột'}.`,
        `Grid "${name}" has no ${axisName}.`,
      );
      continue;
    }
    const seen = new Set<string>();
    items.forEach((item, itemIndex) => {
      const itemPath = `${path}.${axisName}[${itemIndex}]`;
      if (!AXIS_CODE.test(item.code)) {
        add(
          `${itemPath}.code`,
          `Mã "${item.code}" trong bảng "${name}" không hợp lệ.`,
          `Code "${item.code}" in grid "${name}" is not snake_case.`,
        );
      }
      if (seen.has(item.code)) {
        add(
          `${itemPath}.code`,
          `Mã "${item.code}" bị trùng trong bảng "${name}".`,
          `Code "${item.code}" is repeated in grid "${name}".`,
        );
      }
      seen.add(item.code);
      if (isBlank(item.labelVi) || isBlank(item.labelEn)) {
        add(
          itemPath,
          `Mục "${item.code}" của bảng "${name}" cần nhãn hai thứ tiếng.`,
          `Item "${item.code}" of grid "${name}" needs both labels.`,
        );
      }
    });
  }
}

function checkRules(template: TemplateDefinition, add: AddProblem): void {
  const index = indexTemplate(template);
  const ruleCodes = new Set<string>();
  template.rules?.forEach((rule, ruleIndex) => {
    const path = `rules[${ruleIndex}]`;
    const name = rule.code;
    if (!RULE_CODE.test(rule.code) || rule.code.startsWith(RESERVED_RULE_PREFIX)) {
      add(
        `${path}.code`,
        `Mã quy tắc "${name}" không hợp lệ (chữ thường, số, _ và dấu chấm; không bắt đầu bằng "field.").`,
        `Rule code "${name}" is invalid (lower case, digits, _ and dots; must not start with "field.").`,
      );
    }
    if (ruleCodes.has(rule.code)) {
      add(
        `${path}.code`,
        `Mã quy tắc "${name}" bị trùng.`,
        `Rule code "${name}" is used twice.`,
      );
    }
    ruleCodes.add(rule.code);
    if (rule.severity !== 'error' && rule.severity !== 'warning') {
      add(
        `${path}.severity`,
        'Mức độ phải là error hoặc warning.',
        'Severity must be error or warning.',
      );
    }
    if (rule.explainable && rule.severity !== 'warning') {
      add(
        `${path}.explainable`,
        `Quy tắc "${name}": chỉ cảnh báo mới được giải trình.`,
        `Rule "${name}": only warnings can be explainable.`,
      );
    }
    if (isBlank(rule.messageVi) || isBlank(rule.messageEn)) {
      add(
        path,
        `Quy tắc "${name}" cần thông báo hai thứ tiếng.`,
        `Rule "${name}" needs both messages.`,
      );
    }

    try {
      const node = parseExpression(rule.expression);
      const { type, problems } = checkExpression(node, index.keys, index.kinds);
      for (const problem of problems) {
        add(
          `${path}.expression`,
          `Quy tắc "${name}", ký tự thứ ${problem.position + 1}: ${problem.messageVi}.`,
          `Rule "${name}", character ${problem.position + 1}: ${problem.messageEn}.`,
        );
      }
      if (type !== 'boolean' && type !== 'unknown') {
        add(
          `${path}.expression`,
          `Quy tắc "${name}" phải cho kết quả đúng/sai (đang là ${type}).`,
          `Rule "${name}" must yield true/false (it yields ${type}).`,
        );
      }
      if (collectReferences(node).current.length === 0) {
        add(
          `${path}.expression`,
          `Quy tắc "${name}" không đọc chỉ tiêu nào của kỳ hiện tại nên sẽ luôn bị bỏ qua.`,
          `Rule "${name}" reads no value of the current report, so it would always be skipped.`,
        );
      }
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      add(
        `${path}.expression`,
        `Quy tắc "${name}": ${error.messageVi}.`,
        `Rule "${name}": ${error.message}.`,
      );
    }

    if (!rule.fields?.length) {
      add(
        `${path}.fields`,
        `Quy tắc "${name}" chưa chỉ ra chỉ tiêu để hiển thị lỗi.`,
        `Rule "${name}" names no field to show its issue at.`,
      );
    }
    rule.fields?.forEach((key, keyIndex) => {
      if (!index.byKey.has(key) && !index.grids.has(key)) {
        add(
          `${path}.fields[${keyIndex}]`,
          `Quy tắc "${name}" nhắc đến chỉ tiêu không tồn tại "${key}".`,
          `Rule "${name}" names unknown field "${key}".`,
        );
      }
    });

    for (const [language, message] of [['vi', rule.messageVi], ['en', rule.messageEn]] as const) {
      const { keys, expressions } = messagePlaceholders(message ?? '');
      for (const key of keys) {
        if (!index.byKey.has(key) && !index.grids.has(key)) {
          add(
            `${path}.message${language === 'vi' ? 'Vi' : 'En'}`,
            `Thông báo của quy tắc "${name}" dùng mã không tồn tại {${key}}.`,
            `Message of rule "${name}" uses unknown key {${key}}.`,
          );
        }
      }
      for (const expression of expressions) {
        try {
          const { problems } = checkExpression(parseExpression(expression), index.keys, index.kinds);
          if (problems.length) throw new Error(problems[0].messageEn);
        } catch (error) {
          add(
            `${path}.message${language === 'vi' ? 'Vi' : 'En'}`,
            `Thông báo của quy tắc "${name}" có biểu thức lỗi {=${expression}}.`,
            `Message of rule "${name}" has an invalid expression {=${expression}}: ${(error as Error).message}.`,
          );
        }
      }
    }
  });
}

/**
 * A computed field (computed.ts) must be numeric and not required (nobody types it), and its formula must parse,
 * yield a number and read only the current report's own, non-computed keys: no prev(), no period, no chains.
 */
function checkComputedFields(template: TemplateDefinition, add: AddProblem): void {
  const index = indexTemplate(template);
  template.sections?.forEach((section, sectionIndex) => {
    section.fields.forEach((field, fieldIndex) => {
      if (field.computed === undefined) return;
      const path = `sections[${sectionIndex}].fields[${fieldIndex}].computed`;
      const name = field.code;
      if (!NUMERIC_FIELD_TYPES.includes(field.type)) {
        add(path, `Chỉ tiêu tự tính "${name}" phải là kiểu số.`, `Computed field "${name}" must be numeric.`);
      }
      if (field.required) {
        add(path, `Chỉ tiêu tự tính "${name}" không thể là bắt buộc (không ai nhập nó).`, `Computed field "${name}" cannot be required (nobody types it).`);
      }
      const { decimals } = field.computed ?? {};
      if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 6)) {
        add(`${path}.decimals`, `Số chữ số thập phân của "${name}" phải là số nguyên từ 0 đến 6.`, `Decimals of "${name}" must be a whole number from 0 to 6.`);
      }
      if (typeof field.computed?.expression !== 'string' || isBlank(field.computed.expression)) {
        add(`${path}.expression`, `Chỉ tiêu tự tính "${name}" chưa có công thức.`, `Computed field "${name}" has no formula.`);
        return;
      }
      try {
        const node = parseExpression(field.computed.expression);
        const { type, problems } = checkExpression(node, index.keys, index.kinds);
        for (const problem of problems) {
          add(`${path}.expression`, `Công thức của "${name}", ký tự thứ ${problem.position + 1}: ${problem.messageVi}.`, `Formula of "${name}", character ${problem.position + 1}: ${problem.messageEn}.`);
        }
        if (type !== 'number' && type !== 'unknown') {
          add(`${path}.expression`, `Công thức của "${name}" phải cho kết quả là số (đang là ${type}).`, `The formula of "${name}" must yield a number (it yields ${type}).`);
        }
        const references = collectReferences(node);
        const source = field.computed.expression;
        if (references.previous.length > 0 || /\b(period_start|period_end)\s*\(/.test(source)) {
          add(`${path}.expression`, `Công thức của "${name}" chỉ được dùng số liệu của chính báo cáo (không dùng prev(), period_start(), period_end()).`, `The formula of "${name}" may only read the report's own figures (no prev(), period_start(), period_end()).`);
        }
        if (references.current.length === 0) {
          add(`${path}.expression`, `Công thức của "${name}" không đọc chỉ tiêu nào.`, `The formula of "${name}" reads no field.`);
        }
        const keys = references.current.flatMap((key) => (key.includes('*') ? expandKeyPattern(key, index.keys) : [key]));
        for (const key of new Set(keys)) {
          if (key === field.code || index.byKey.get(key)?.field?.computed) {
            add(`${path}.expression`, `Công thức của "${name}" không được đọc chỉ tiêu tự tính "${key}".`, `The formula of "${name}" must not read the computed field "${key}".`);
          }
        }
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error;
        add(`${path}.expression`, `Công thức của "${name}": ${error.messageVi}.`, `Formula of "${name}": ${error.message}.`);
      }
    });
  });
}
