import { join } from 'path';

/**
 * The layout of an administrative document (Decree 30/2020/NĐ-CP, appendix I; domain §J), in one place for both
 * renderers. Where the decree allows a range, the value chosen is noted; docs/documents.md maps each item to §J.
 */
export const DocumentLayout = {
  /** A4 portrait, 210 × 297 mm. */
  page: { widthMm: 210, heightMm: 297 },
  /** Margins (decree: top 20–25, bottom 20–25, left 30–35, right 15–20 mm): the lower bound of each range. */
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 },
  /** The font the DOCX names (Unicode, TCVN 6909:2001), and the metric-compatible free font the PDF embeds. */
  docxFont: 'Times New Roman',
  pdfFont: 'Liberation Serif',
  /** Point sizes (the decree's ranges in brackets). */
  pt: {
    governingBody: 12, // [12–13]
    issuingBody: 12, // [12–13]
    numberLine: 13, // [13]
    nationalTitle: 12, // [12–13]
    motto: 13, // [13–14]
    placeAndDate: 13, // [13–14]
    documentType: 14, // [13–14]
    summary: 14, // [13–14]
    body: 14, // [13–14]
    /** Tables: not fixed by the decree [U]; 12 pt keeps six columns legible on A4 portrait. */
    table: 12,
    recipientsLabel: 12, // [12]
    recipients: 11, // [11]
    signerTitle: 13, // [13–14]
    signerName: 14, // [13–14]
    pageNumber: 13, // [13–14]
  },
  /** Body paragraphs: first-line indent [1–1.27 cm], space after [≥ 6 pt], single line spacing [single–1.5]. */
  firstLineIndentMm: 12.7,
  paragraphAfterPt: 6,
  lineSpacing: 1,
  /** Padding inside a table cell, both renderers (Word's default is 1.9 mm a side, too wide for six columns). */
  tableCellPaddingPt: 3,
  /** Header columns (left: the bodies and the number; right: the national title): shares of the text width. */
  headerColumns: [0.4, 0.6] as const,
  /** Footer columns (left: recipients; right: the signature block). */
  footerColumns: [0.5, 0.5] as const,
  /** The rule under the issuing body: a third of its column, centred [the decree: "đường kẻ ngang, nét liền"]. */
  issuingBodyRuleShare: 1 / 3,
  /** Room for the signature and the seal between the title and the name [U: ~4 lines of the signer's size]. */
  signatureSpaceMm: 25,
} as const;

/** The fixed texts of the layout. */
export const DocumentTexts = {
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  /** With hyphens between the words, as domain §J writes it (Decree 30/2020, appendix I). */
  motto: 'Độc lập - Tự do - Hạnh phúc',
  recipientsLabel: 'Nơi nhận:',
  /** Where the signer's name is not yet configured: a dotted line to write it in. */
  unsignedName: '……………………',
} as const;

export const MM_PER_PT = 25.4 / 72;
export const mmToPt = (mm: number) => mm / MM_PER_PT;
/** Twentieths of a point (DOCX's twips). */
export const mmToTwip = (mm: number) => Math.round(mmToPt(mm) * 20);

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/**
 * The embedded font's files. The repository ships them (libs/documents/assets/fonts, SIL OFL 1.1, from Debian's
 * fonts-liberation2) so that the PDF needs nothing installed on the machine; the emitting build copies the folder
 * to dist/ at the same relative place (scripts/build.js), so this path holds in source and in dist.
 */
export const FONT_FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

export function fontPath(style: FontStyle): string {
  return join(__dirname, '..', '..', 'assets', 'fonts', FONT_FILES[style]);
}
