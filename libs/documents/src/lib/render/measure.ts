import PDFDocument from 'pdfkit';
import { fontPath, type FontStyle } from '../layout';

let measurer: PDFKit.PDFDocument | null = null;

/**
 * Width in points of a text set in the embedded font. Liberation Serif has the metrics of Times New Roman, so the
 * DOCX (which names Times New Roman) uses the same widths: the rule under the motto is as long as the motto in both.
 */
export function textWidthPt(text: string, style: FontStyle, sizePt: number): number {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  return measurer.font(fontPath(style)).fontSize(sizePt).widthOfString(text);
}
