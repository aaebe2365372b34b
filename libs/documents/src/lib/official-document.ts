/**
 * The model of an administrative document (Decree 30/2020/NĐ-CP, domain §J): what it says, not how it looks.
 * Built once per request (official-documents.service.ts) and rendered twice, to DOCX and to PDF
 * (render/docx.ts, render/pdf.ts), both following the one layout of layout.ts.
 */
export interface OfficialDocument {
  /** The governing body, regular capitals (e.g. "UBND TỈNH THANH HÓA"). */
  governingBody: string;
  /** The issuing body, bold capitals (e.g. "SỞ GIÁO DỤC VÀ ĐÀO TẠO THANH HÓA"); may wrap. */
  issuingBody: string;
  /** "Số: …/BC-SGDĐT": the number is left for the office to fill in. */
  numberLine: string;
  /** "Thanh Hóa, ngày 03 tháng 12 năm 2026" (italic). */
  placeAndDate: string;
  /** The document type, bold capitals ("BÁO CÁO"). */
  documentType: string;
  /** The summary line under the type (bold). */
  summary: string;
  body: DocumentBlock[];
  /** "Nơi nhận:" lines, as the Sở wrote them (the renderer adds "- " and the closing punctuation). */
  recipients: string[];
  signer: Signer;
  /** Document properties (title, author) for both files. */
  meta: { title: string; author: string };
}

export interface Signer {
  /** "KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC" … (null when the head signs in their own name). */
  authority: string | null;
  /** "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC". */
  title: string;
  /** Empty: a dotted line for the office to fill in. */
  name: string;
}

export type DocumentBlock = ParagraphBlock | HeadingBlock | TableBlock;

/** A body paragraph (first-line indent, justified). */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  italic?: boolean;
}

/** A section heading inside the body ("I. CÁC CHỈ SỐ CHỦ YẾU"), bold, no indent. */
export interface HeadingBlock {
  kind: 'heading';
  text: string;
}

export interface TableColumn {
  header: string;
  /** Share of the text width (the renderer scales the shares to the page). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: string[][];
}

/** Every text of the document in reading order (what a reader extracting the text back should find). */
export function textsOf(doc: OfficialDocument): string[] {
  const body = doc.body.flatMap((b) => (b.kind === 'table' ? [...b.columns.map((c) => c.header), ...b.rows.flat()] : [b.text]));
  return [doc.governingBody, doc.issuingBody, doc.numberLine, doc.placeAndDate, doc.documentType, doc.summary, ...body, ...doc.recipients, doc.signer.title, doc.signer.name];
}
