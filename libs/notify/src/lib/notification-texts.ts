import { vietnameseDate } from '@gdtx/domain';
import type { IsoDate } from '@gdtx/domain';

/**
 * The texts the server writes into notifications, in Vietnamese and English (issue 16 items 6 and 7). One rule
 * for all of them: dates as dd/mm/yyyy in both languages (vietnameseDate: one format, never an ISO date in a
 * text), centre and unit names are proper nouns and stay as written, and the body says what the title does not
 * (what happened, what to do): it never repeats the title.
 */
export interface BilingualText {
  titleVi: string;
  bodyVi: string;
  titleEn: string;
  bodyEn: string;
}

/** dd/mm/yyyy for an ISO calendar date (the one date format of every generated text). */
export const dmy = (date: IsoDate): string => vietnameseDate(date);

/** The office that acted, named as people know it: "Phòng Văn hóa – Xã hội xã Xuân Hòa", "Sở GDĐT Thanh Hóa". */
export interface ActingOffice {
  vi: string;
  en: string;
}

/** The province's name without its administrative prefix ("Tỉnh Thanh Hóa" → "Thanh Hóa"). */
export function provinceShortName(provinceUnitName: string): string {
  return provinceUnitName.replace(/^(Tỉnh|Thành phố)\s+/u, '');
}

/**
 * The office of a reviewer: a commune-level officer acts for the commune's Phòng Văn hóa – Xã hội (ADR 0012); a
 * legacy district user for the former district's education office; everyone else (Sở roles) for the Sở.
 */
export function actingOffice(unit: { level: string; name: string } | null, provinceUnitName: string): ActingOffice {
  const province = provinceShortName(provinceUnitName);
  if (unit && ['COMMUNE', 'WARD', 'SPECIAL_ZONE'].includes(unit.level)) {
    const lowered = unit.name.charAt(0).toLowerCase() + unit.name.slice(1);
    return { vi: `Phòng Văn hóa – Xã hội ${lowered}`, en: `the Culture and Social Affairs Office of ${unit.name}` };
  }
  if (unit && unit.level === 'DISTRICT') return { vi: `Phòng GDĐT ${unit.name}`, en: `the Education Office of ${unit.name}` };
  return { vi: `Sở GDĐT ${province}`, en: `the ${province} Department of Education and Training` };
}

/** An English sentence starts with a capital even when the office is "the … Office". */
export const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface ReportRef {
  templateNameVi: string;
  templateNameEn: string;
  periodLabelVi: string;
  periodLabelEn: string;
  centreName: string;
}

/** A reviewer's comment as a sentence: a full stop added only when it has none ("…khớp." not "…khớp.."). */
const sentence = (text: string): string => (/[.!?…]$/u.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const person = (name: string | null, vi: boolean) => (name ? (vi ? ` (người thực hiện: ${name})` : ` (by ${name})`) : '');

export function deadlineAheadText(r: ReportRef, dueDate: IsoDate, daysLeft: number): BilingualText {
  return {
    titleVi: `Sắp đến hạn nộp ${r.templateNameVi} – ${r.periodLabelVi} (hạn ${dmy(dueDate)})`,
    bodyVi: `${r.centreName} còn ${daysLeft} ngày để hoàn thành và nộp báo cáo này. Mở báo cáo để nhập số liệu.`,
    titleEn: `${r.templateNameEn} – ${r.periodLabelEn} is due on ${dmy(dueDate)}`,
    bodyEn: `${r.centreName} has ${daysLeft} day(s) left to complete and submit this report. Open the report to enter its figures.`,
  };
}

export function overdueText(r: ReportRef, dueDate: IsoDate, daysLate: number): BilingualText {
  return {
    titleVi: `Quá hạn nộp ${r.templateNameVi} – ${r.periodLabelVi} (hạn ${dmy(dueDate)})`,
    bodyVi: `${r.centreName} chưa nộp báo cáo này, đã quá hạn ${daysLate} ngày. Đề nghị hoàn thành và nộp ngay.`,
    titleEn: `${r.templateNameEn} – ${r.periodLabelEn} is overdue (due ${dmy(dueDate)})`,
    bodyEn: `${r.centreName} has not submitted this report; it is ${daysLate} day(s) late. Please complete and submit it now.`,
  };
}

/** A returned report still with the centre after its resubmission day (or its due date, when none was set). */
export function returnedOverdueText(r: ReportRef, returnedOn: IsoDate | null, deadline: IsoDate, daysLate: number): BilingualText {
  const on = returnedOn ? ` ngày ${dmy(returnedOn)}` : '';
  const onEn = returnedOn ? ` on ${dmy(returnedOn)}` : '';
  return {
    titleVi: `Chưa nộp lại ${r.templateNameVi} – ${r.periodLabelVi} (hạn ${dmy(deadline)})`,
    bodyVi: `Báo cáo đã bị trả lại${on} và ${r.centreName} chưa nộp lại; đã quá hạn ${daysLate} ngày. Đề nghị chỉnh sửa theo nhận xét và nộp lại ngay.`,
    titleEn: `${r.templateNameEn} – ${r.periodLabelEn} has not been resubmitted (due ${dmy(deadline)})`,
    bodyEn: `The report was returned${onEn} and ${r.centreName} has not resubmitted it; it is ${daysLate} day(s) late. Please correct it as commented and resubmit it now.`,
  };
}

export function returnedText(r: ReportRef, office: ActingOffice, actorName: string | null, comment: string | null, resubmitBy: IsoDate | null): BilingualText {
  return {
    titleVi: `Báo cáo bị trả lại: ${r.templateNameVi} – ${r.periodLabelVi}`,
    bodyVi: `${office.vi} đã trả lại báo cáo của ${r.centreName}${person(actorName, true)}. Nhận xét: ${comment ? sentence(comment) : '(không có).'} ` +
      `Đề nghị chỉnh sửa và nộp lại${resubmitBy ? ` trước ngày ${dmy(resubmitBy)}` : ''}.`,
    titleEn: `Report returned: ${r.templateNameEn} – ${r.periodLabelEn}`,
    bodyEn: `${capitalised(office.en)} returned the report of ${r.centreName}${person(actorName, false)}. Comment: ${comment ? sentence(comment) : '(none).'} ` +
      `Please correct it and resubmit it${resubmitBy ? ` by ${dmy(resubmitBy)}` : ''}.`,
  };
}

export function acceptedText(r: ReportRef, office: ActingOffice, actorName: string | null, acceptedOn: IsoDate | null): BilingualText {
  const on = acceptedOn ? ` ngày ${dmy(acceptedOn)}` : '';
  const onEn = acceptedOn ? ` on ${dmy(acceptedOn)}` : '';
  return {
    titleVi: `Báo cáo đã được chấp nhận: ${r.templateNameVi} – ${r.periodLabelVi}`,
    bodyVi: `${office.vi} đã chấp nhận báo cáo của ${r.centreName}${on}${person(actorName, true)}. Không cần thao tác thêm.`,
    titleEn: `Report accepted: ${r.templateNameEn} – ${r.periodLabelEn}`,
    bodyEn: `${capitalised(office.en)} accepted the report of ${r.centreName}${onEn}${person(actorName, false)}. Nothing more is needed.`,
  };
}

export function submittedText(r: ReportRef, submitterName: string | null, submittedOn: IsoDate | null): BilingualText {
  const who = submitterName ? ` (${submitterName})` : '';
  const on = submittedOn ? ` ngày ${dmy(submittedOn)}` : '';
  const onEn = submittedOn ? ` on ${dmy(submittedOn)}` : '';
  return {
    titleVi: `${r.centreName} đã nộp báo cáo ${r.templateNameVi} – ${r.periodLabelVi}`,
    bodyVi: `Báo cáo được nộp${on}${who} và đang chờ duyệt. Mở báo cáo để chấp nhận hoặc trả lại.`,
    titleEn: `${r.centreName} submitted ${r.templateNameEn} – ${r.periodLabelEn}`,
    bodyEn: `The report was submitted${onEn}${who} and awaits review. Open it to accept or return it.`,
  };
}
