import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Errors, FieldProblem } from '@gdtx/platform';

// Vietnamese wording for class-validator's constraint names; the English twin is class-validator's own text.
const VI: Record<string, (field: string, c: string) => string> = {
  isUuid: (f) => `${f}: mã định danh không hợp lệ`,
  maxLength: (f, c) => `${f}: quá dài (${c.replace(/.*must be shorter than or equal to (\d+).*/, 'tối đa $1 ký tự')})`,
  isLength: (f, c) => `${f}: độ dài không hợp lệ (${c})`,
  isDateString: (f) => `${f}: ngày không hợp lệ (định dạng YYYY-MM-DD)`,
  isEmail: (f) => `${f}: email không hợp lệ`,
  isIn: (f) => `${f}: giá trị không nằm trong danh sách cho phép`,
  isInt: (f) => `${f}: phải là số nguyên`,
  min: (f) => `${f}: giá trị quá nhỏ`,
  max: (f) => `${f}: giá trị quá lớn`,
  matches: (f, c) => c || `${f}: sai định dạng`,
  isString: (f) => `${f}: phải là chuỗi ký tự`,
  isBoolean: (f) => `${f}: phải là đúng/sai`,
};

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [name, text] of Object.entries(e.constraints ?? {})) {
      out.push({ field, constraint: name, messageVi: (VI[name] ?? ((f: string) => `${f}: không hợp lệ`))(field, text), messageEn: text });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Input DTO validation → VALIDATION_FAILED with one entry per field (architecture §6). */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => Errors.validation(flatten(errors)),
  });
}
