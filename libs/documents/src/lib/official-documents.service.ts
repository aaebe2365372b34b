import { Injectable } from '@nestjs/common';
import { periodFromCode, PeriodCodeError, type FieldDef, type FieldValue, type GridDef, type Period, type SubmissionStatus, type TemplateDefinition } from '@gdtx/domain';
import { IndicatorDefinitionService, IndicatorService, type IndicatorValue } from '@gdtx/analytics';
import { Errors, TenantContext } from '@gdtx/platform';
import { SubmissionQueryService, TemplateService, type Submission } from '@gdtx/reporting';
import { DocumentSettingsService } from './document-settings.service';
import type { DocumentSettings } from './documents.types';
import type { DocumentBlock, OfficialDocument, TableBlock } from './official-document';
import { calendarDateVi, dateTimeVi, formatNumberVi, formatQuantityVi, placeAndDateVi, upperVi } from './vietnamese-format';

const SUBMISSION_STATUS_VI: Record<SubmissionStatus, string> = {
  DRAFT: 'bản nháp', SUBMITTED: 'đã nộp, chờ duyệt', RETURNED: 'bị trả lại để sửa', ACCEPTED: 'đã được duyệt',
};

/** A document with the name its file gets ("Báo cáo tổng hợp GDTX 2024-2025"; the controller adds the extension). */
export interface BuiltDocument {
  document: OfficialDocument;
  fileName: string;
}

/**
 * Builds the official documents (issue 15 item 5) from the owners' services, with the caller's tenant context (so
 * RLS decides what the caller sees): the province summary from analytics' indicator values, exactly what the
 * `indicatorValues` query returns for the period, and one report from reporting's submission reader. Never SQL on
 * their tables. `now` is the document's date (tests pass it; the place-and-date line is that day in Vietnam).
 */
@Injectable()
export class OfficialDocumentsService {
  constructor(
    private readonly settings: DocumentSettingsService,
    private readonly indicators: IndicatorService,
    private readonly definitions: IndicatorDefinitionService,
    private readonly submissions: SubmissionQueryService,
    private readonly templates: TemplateService,
  ) {}

  /** The Sở's periodic summary: every indicator of the province for the period, with its coverage and computed time. */
  async provinceSummary(ctx: TenantContext, periodCode: string, now = new Date()): Promise<BuiltDocument> {
    const period = parsePeriod(periodCode);
    if (ctx.scope !== 'province') {
      throw Errors.forbidden('The province summary is the Sở’s document', 'Báo cáo tổng hợp của tỉnh chỉ dành cho Sở');
    }
    const definitions = await this.definitions.list(ctx);
    const values = definitions.length ? await this.indicators.indicatorValues(ctx, { codes: definitions.map((d) => d.code), periodCode: period.code }) : [];
    const settings = await this.settings.get(ctx);
    const computedAt = latest(values.map((v) => v.computedAt));
    const body: DocumentBlock[] = [
      {
        kind: 'paragraph',
        text: `Căn cứ số liệu báo cáo đã được duyệt của các trung tâm giáo dục thường xuyên trên Hệ thống giám sát các trung tâm giáo dục thường xuyên, ${sentenceCase(settings.issuingBody)} báo cáo tổng hợp các chỉ số ${lowerFirst(period.labelVi)} như sau:`,
      },
      { kind: 'heading', text: 'I. CÁC CHỈ SỐ CHỦ YẾU' },
      indicatorTable(values),
      {
        kind: 'paragraph', italic: true,
        text: `Số liệu tính lúc ${computedAt ? dateTimeVi(computedAt) : '—'} (thời điểm tính mới nhất của các chỉ số; từng chỉ số ghi thời điểm tính ở cột cuối). Độ phủ: số trung tâm có số liệu trên số trung tâm phải báo cáo theo lịch báo cáo.`,
      },
      { kind: 'heading', text: 'II. ĐÁNH GIÁ, ĐỀ XUẤT' },
      // Left for the specialist to write in the DOCX before it goes to the signer (the platform has only figures).
      { kind: 'paragraph', italic: true, text: '(Chuyên viên bổ sung nhận xét, đánh giá và đề xuất trước khi trình ký.)' },
      { kind: 'paragraph', text: `Trên đây là báo cáo tổng hợp ${lowerFirst(period.labelVi)} của ${sentenceCase(settings.issuingBody)}./.` },
    ];
    const summary = `Tổng hợp số liệu giáo dục thường xuyên ${lowerFirst(period.labelVi)}`;
    return {
      document: this.frame(settings, now, { summary, body, symbolPrefix: 'BC', recipients: settings.recipients, signer: signerOf(settings) }),
      fileName: `Báo cáo tổng hợp GDTX ${period.code}`,
    };
  }

  /** One report as a document: its sections and grids with every value, the status and the time of the version shown. */
  async submission(ctx: TenantContext, submissionId: string, now = new Date()): Promise<BuiltDocument> {
    const submission = await this.submissions.getSubmission(ctx, submissionId); // NOT_FOUND outside the caller's scope (RLS)
    const template = (await this.templates.getTemplate(ctx, submission.templateCode, submission.templateVersion)).definition as TemplateDefinition;
    const settings = await this.settings.get(ctx);
    const stamp = submission.acceptedAt ?? submission.submittedAt ?? submission.updatedAt;
    const body: DocumentBlock[] = [
      {
        kind: 'paragraph',
        text: `${submission.centreName} gửi ${lowerFirst(template.nameVi)}, ${lowerFirst(submission.periodLabelVi)} (mã biểu ${template.code}, phiên bản ${template.version}). Báo cáo ${SUBMISSION_STATUS_VI[submission.status]}; số liệu tính lúc ${dateTimeVi(new Date(stamp))}.`,
      },
      ...template.sections.flatMap((section, i): DocumentBlock[] => [
        { kind: 'heading', text: `${roman(i + 1)}. ${upperVi(section.titleVi)}` },
        ...(section.fields.length ? [fieldTable(section.fields, submission)] : []),
        ...(section.grids ?? []).flatMap((g): DocumentBlock[] => [{ kind: 'paragraph', text: `${g.labelVi}${g.unit ? ` (đơn vị: ${g.unit})` : ''}:` }, gridTable(g, submission)]),
      ]),
      { kind: 'paragraph', text: 'Trân trọng báo cáo./.' },
    ];
    const centreSettings: DocumentSettings = {
      ...settings,
      governingBody: settings.issuingBody,
      issuingBody: upperVi(submission.centreName),
      symbol: 'TT',
      signerAuthority: null,
      signerTitle: 'GIÁM ĐỐC',
      signerName: '',
    };
    return {
      document: this.frame(centreSettings, now, {
        summary: `${withoutDocumentType(template.nameVi)}, ${lowerFirst(submission.periodLabelVi)}`, body, symbolPrefix: 'BC',
        recipients: [`${sentenceCase(settings.issuingBody)} (để báo cáo)`, 'Lưu: VT'], signer: signerOf(centreSettings),
      }),
      fileName: `Báo cáo ${template.code} ${submission.periodCode} ${submission.centreCode}`,
    };
  }

  private frame(settings: DocumentSettings, now: Date, part: { summary: string; body: DocumentBlock[]; symbolPrefix: string; recipients: string[]; signer: OfficialDocument['signer'] }): OfficialDocument {
    return {
      governingBody: settings.governingBody,
      issuingBody: settings.issuingBody,
      // The number is left for the office to fill in when the document is registered (Decree 30/2020, art. 15).
      numberLine: `Số:        /${part.symbolPrefix}-${settings.symbol}`,
      placeAndDate: placeAndDateVi(settings.place, now),
      documentType: 'BÁO CÁO',
      summary: part.summary,
      body: part.body,
      recipients: part.recipients,
      signer: part.signer,
      meta: { title: `Báo cáo ${part.summary}`.normalize('NFC'), author: sentenceCase(settings.issuingBody) },
    };
  }
}

function parsePeriod(code: string): Period {
  try {
    return periodFromCode(code);
  } catch (e) {
    if (!(e instanceof PeriodCodeError)) throw e;
    throw Errors.validation(
      [{ field: 'periodCode', messageVi: `Mã kỳ không hợp lệ: ${code} (ví dụ 2024-2025, 2024-Q3)`, messageEn: `Invalid period code: ${code}` }],
      'Mã kỳ báo cáo không hợp lệ', 'Invalid period code',
    );
  }
}

function signerOf(s: DocumentSettings): OfficialDocument['signer'] {
  return { authority: s.signerAuthority, title: s.signerTitle, name: s.signerName };
}

function latest(dates: (Date | string | null)[]): Date | null {
  const times = dates.filter((d): d is Date | string => d !== null).map((d) => new Date(d).getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** The indicator table of the province summary: one row per value, as `indicatorValues` returns it. */
export function indicatorTable(values: readonly IndicatorValue[]): TableBlock {
  return {
    kind: 'table',
    columns: [
      { header: 'STT', width: 9, align: 'center' },
      { header: 'Chỉ số', width: 37 },
      { header: 'Giá trị', width: 21, align: 'right' },
      { header: 'Tử số / Mẫu số', width: 22, align: 'right' },
      { header: 'Độ phủ', width: 12, align: 'center' },
      { header: 'Tính lúc', width: 19, align: 'center' },
    ],
    rows: values.map((v, i) => [
      String(i + 1),
      v.nameVi,
      formatQuantityVi(v.value, v.unit),
      v.denominator === null ? formatNumberVi(v.numerator) : `${formatNumberVi(v.numerator)} / ${formatNumberVi(v.denominator)}`,
      `${formatNumberVi(v.coverage.reporting)}/${formatNumberVi(v.coverage.expected)}`,
      v.computedAt ? dateTimeVi(new Date(v.computedAt)) : '—',
    ]),
  };
}

function fieldValueVi(field: FieldDef, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'integer': case 'decimal': case 'percent':
      return typeof value === 'number' ? formatNumberVi(value) : String(value);
    case 'boolean':
      return value === true ? 'Có' : value === false ? 'Không' : String(value);
    case 'choice':
      return field.choices?.find((c) => c.value === value)?.labelVi ?? String(value);
    case 'date':
      return calendarDateVi(String(value));
    default:
      return String(value).normalize('NFC');
  }
}

function fieldTable(fields: readonly FieldDef[], submission: Submission): TableBlock {
  return {
    kind: 'table',
    columns: [{ header: 'STT', width: 8, align: 'center' }, { header: 'Chỉ tiêu', width: 60 }, { header: 'Số liệu', width: 22, align: 'right' }, { header: 'Đơn vị', width: 15, align: 'center' }],
    rows: fields.map((f, i) => [String(i + 1), f.labelVi, fieldValueVi(f, submission.values[f.code]), f.type === 'percent' ? '%' : f.unit ?? '']),
  };
}

function gridTable(grid: GridDef, submission: Submission): TableBlock {
  // The row labels take half the width when there are one or two columns of figures, else 30 %.
  const first = grid.columns.length <= 2 ? 50 : 30;
  const rest = (100 - first) / Math.max(1, grid.columns.length);
  return {
    kind: 'table',
    columns: [{ header: '', width: first }, ...grid.columns.map((c) => ({ header: c.labelVi, width: rest, align: 'right' as const }))],
    rows: grid.rows.map((r) => [r.labelVi, ...grid.columns.map((c) => {
      const v = submission.values[`${grid.code}.${r.code}.${c.code}`];
      return typeof v === 'number' ? formatNumberVi(v) : v === null || v === undefined || v === '' ? '—' : String(v);
    })]),
  };
}

/** "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo" in running text. */
export function sentenceCase(capitals: string): string {
  const known: Record<string, string> = { 'SỞ GIÁO DỤC VÀ ĐÀO TẠO': 'Sở Giáo dục và Đào tạo' };
  for (const [upper, text] of Object.entries(known)) if (capitals.startsWith(upper)) return text + titleWords(capitals.slice(upper.length));
  return titleWords(capitals).trim();
}

function titleWords(text: string): string {
  return text.toLocaleLowerCase('vi-VN').replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toLocaleUpperCase('vi-VN'));
}

/** "Báo cáo tổng kết năm học – …" → "Tổng kết năm học – …": the title line already says BÁO CÁO. */
function withoutDocumentType(name: string): string {
  const rest = name.replace(/^Báo cáo\s+/iu, '');
  return rest ? rest[0].toLocaleUpperCase('vi-VN') + rest.slice(1) : name;
}

const lowerFirst = (s: string) => (s ? s[0].toLocaleLowerCase('vi-VN') + s.slice(1) : s);

function roman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

