import type { CellProblem, ProblemCode } from './types';

/** Bilingual problem messages. Vietnamese is what centre staff read; English is for logs and the Sở's IT staff. */

export function fileProblem(code: ProblemCode, messageVi: string, messageEn: string): CellProblem {
  return { sheet: null, cell: null, key: null, code, messageVi, messageEn };
}

export function quote(shown: string): string {
  const oneLine = shown.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

/** "Ô C7 (trang 'Thi cấp chứng chỉ'): 'abc' không phải số nguyên — Số thí sinh dự thi". */
export function cellProblem(args: {
  code: ProblemCode;
  sheet: string;
  cell: string;
  key: string | null;
  shown: string | null;
  reasonVi: string;
  reasonEn: string;
  labelVi: string | null;
  labelEn: string | null;
}): CellProblem {
  const subjectVi = args.shown === null ? '' : `'${quote(args.shown)}' `;
  const subjectEn = args.shown === null ? '' : `'${quote(args.shown)}' `;
  return {
    sheet: args.sheet,
    cell: args.cell,
    key: args.key,
    code: args.code,
    messageVi: `Ô ${args.cell} (trang '${args.sheet}'): ${subjectVi}${args.reasonVi}${args.labelVi ? ` — ${args.labelVi}` : ''}`,
    messageEn: `Cell ${args.cell} (sheet '${args.sheet}'): ${subjectEn}${args.reasonEn}${args.labelEn ? ` — ${args.labelEn}` : ''}`,
  };
}

export const CORRUPT_MESSAGES: Record<string, [string, string]> = {
  NOT_ZIP: [
    'Tệp không phải tệp Excel .xlsx hợp lệ (có thể là tệp CSV, .xls cũ hoặc tệp bị hỏng). Hãy tải mẫu Excel từ hệ thống, nhập số liệu và lưu dưới dạng .xlsx.',
    'The file is not a valid .xlsx workbook (perhaps a CSV, a legacy .xls or a damaged file).',
  ],
  OLE: [
    'Tệp là định dạng Excel cũ (.xls) hoặc đã đặt mật khẩu. Hãy bỏ mật khẩu và lưu dưới dạng "Excel Workbook (.xlsx)".',
    'The file is a legacy .xls or a password-encrypted workbook; save it as an unencrypted .xlsx.',
  ],
  CORRUPT: [
    'Tệp Excel bị hỏng hoặc tải lên chưa hết. Hãy mở lại tệp bằng Excel, lưu lại và tải lên lần nữa.',
    'The workbook is damaged or truncated.',
  ],
  UNSUPPORTED: [
    'Tệp Excel dùng định dạng nén hoặc mã hóa không được hỗ trợ. Hãy lưu lại dưới dạng .xlsx thông thường.',
    'The workbook uses an unsupported zip feature (ZIP64, encryption or an unknown compression method).',
  ],
  NOT_XLSX: [
    'Tệp nén không phải bảng tính Excel (.xlsx). Hãy tải mẫu Excel từ hệ thống.',
    'The zip archive is not an Excel workbook.',
  ],
  UNREADABLE: [
    'Không đọc được nội dung tệp Excel. Hãy mở lại tệp bằng Excel, lưu lại dưới dạng .xlsx và tải lên lần nữa.',
    'The workbook could not be read.',
  ],
};
