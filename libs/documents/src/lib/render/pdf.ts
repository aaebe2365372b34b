import PDFDocument from 'pdfkit';
import { DocumentLayout as L, DocumentTexts as T, fontPath, mmToPt, type FontStyle } from '../layout';
import type { OfficialDocument, TableBlock } from '../official-document';
import { closingRecipientLines } from './recipients';

const FONT: Record<FontStyle, string> = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic', boldItalic: 'serif-bold-italic' };
const CELL_PAD = L.tableCellPaddingPt;
const RULE_WIDTH = 0.6;

/**
 * The PDF of a document: A4 portrait with the margins and sizes of layout.ts, set in Liberation Serif (embedded and
 * subset by pdfkit; Times New Roman's metrics, so lines break as in the DOCX opened with Times New Roman).
 */
export function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const margins = { top: mmToPt(L.marginsMm.top), bottom: mmToPt(L.marginsMm.bottom), left: mmToPt(L.marginsMm.left), right: mmToPt(L.marginsMm.right) };
  const pdf = new PDFDocument({
    size: 'A4', layout: 'portrait', margins, bufferPages: true, lang: 'vi-VN', displayTitle: true,
    info: { Title: doc.meta.title, Author: doc.meta.author, Creator: 'gdtx-monitor' },
  });
  for (const style of Object.keys(FONT) as FontStyle[]) pdf.registerFont(FONT[style], fontPath(style));
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  new PdfWriter(pdf, margins).write(doc);
  pdf.end();
  return done;
}

class PdfWriter {
  private readonly x0: number;
  private readonly width: number;
  private readonly bottom: number;

  constructor(private readonly pdf: PDFKit.PDFDocument, private readonly margins: { top: number; bottom: number; left: number; right: number }) {
    this.x0 = margins.left;
    this.width = pdf.page.width - margins.left - margins.right;
    this.bottom = pdf.page.height - margins.bottom;
  }

  write(doc: OfficialDocument): void {
    this.header(doc);
    let y = this.pdf.y + 12;
    y = this.centredLine(doc.documentType, 'bold', L.pt.documentType, this.x0, this.width, y);
    y = this.centredLine(doc.summary, 'bold', L.pt.summary, this.x0, this.width, y) + 12;
    this.pdf.y = y;
    for (const block of doc.body) {
      if (block.kind === 'table') this.table(block);
      else this.paragraph(block.text, block.kind === 'heading' ? 'bold' : block.italic ? 'italic' : 'regular', block.kind === 'heading');
    }
    this.footer(doc);
    this.pageNumbers();
  }

  private font(style: FontStyle, size: number): PDFKit.PDFDocument {
    return this.pdf.font(FONT[style]).fontSize(size);
  }

  /** One centred text in a column at y; returns the y below it. */
  private centredLine(text: string, style: FontStyle, size: number, x: number, width: number, y: number): number {
    this.font(style, size).text(text, x, y, { width, align: 'center', lineGap: 0 });
    return this.pdf.y;
  }

  private rule(centreX: number, length: number, y: number): number {
    this.pdf.save().lineWidth(RULE_WIDTH).moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).stroke().restore();
    return y + 5;
  }

  private header(doc: OfficialDocument): void {
    const [lw, rw] = L.headerColumns.map((s) => this.width * s);
    const top = this.margins.top;
    let yl = this.centredLine(doc.governingBody, 'regular', L.pt.governingBody, this.x0, lw, top);
    yl = this.centredLine(doc.issuingBody, 'bold', L.pt.issuingBody, this.x0, lw, yl) + 3;
    yl = this.rule(this.x0 + lw / 2, lw * L.issuingBodyRuleShare, yl);
    yl = this.centredLine(doc.numberLine, 'regular', L.pt.numberLine, this.x0, lw, yl);
    const xr = this.x0 + lw;
    let yr = this.centredLine(T.nationalTitle, 'bold', L.pt.nationalTitle, xr, rw, top);
    yr = this.centredLine(T.motto, 'bold', L.pt.motto, xr, rw, yr) + 3;
    const mottoWidth = this.font('bold', L.pt.motto).widthOfString(T.motto);
    yr = this.rule(xr + rw / 2, mottoWidth, yr);
    yr = this.centredLine(doc.placeAndDate, 'italic', L.pt.placeAndDate, xr, rw, yr);
    this.pdf.y = Math.max(yl, yr);
  }

  private ensureRoom(height: number): void {
    if (this.pdf.y + height > this.bottom) {
      this.pdf.addPage();
      this.pdf.y = this.margins.top;
    }
  }

  private paragraph(text: string, style: FontStyle, keepWithNext: boolean): void {
    this.font(style, L.pt.body);
    const indent = mmToPt(L.firstLineIndentMm);
    const height = this.pdf.heightOfString(text, { width: this.width, indent, lineGap: 0 });
    this.ensureRoom(keepWithNext ? height + 3 * L.pt.body : Math.min(height, 2 * L.pt.body * 1.2));
    if (keepWithNext) this.pdf.y += L.paragraphAfterPt;
    this.pdf.text(text, this.x0, this.pdf.y, { width: this.width, align: keepWithNext ? 'left' : 'justify', indent, lineGap: 0, paragraphGap: L.paragraphAfterPt });
  }

  private table(block: TableBlock): void {
    const total = block.columns.reduce((s, c) => s + c.width, 0);
    const widths = block.columns.map((c) => (this.width * c.width) / total);
    const rowHeight = (cells: string[], style: FontStyle) => {
      this.font(style, L.pt.table);
      return Math.max(...cells.map((t, i) => this.pdf.heightOfString(t || ' ', { width: widths[i] - 2 * CELL_PAD, lineGap: 0 }))) + 2 * CELL_PAD;
    };
    const drawRow = (cells: string[], style: FontStyle, header: boolean) => {
      const h = rowHeight(cells, style);
      const y = this.pdf.y;
      let x = this.x0;
      cells.forEach((t, i) => {
        this.pdf.save().lineWidth(RULE_WIDTH).rect(x, y, widths[i], h).stroke().restore();
        this.font(style, L.pt.table).text(t, x + CELL_PAD, y + CELL_PAD, { width: widths[i] - 2 * CELL_PAD, align: header ? 'center' : block.columns[i].align ?? 'left', lineGap: 0 });
        x += widths[i];
      });
      this.pdf.y = y + h;
    };
    const headers = block.columns.map((c) => c.header);
    this.ensureRoom(rowHeight(headers, 'bold') + (block.rows[0] ? rowHeight(block.rows[0], 'regular') : 0));
    drawRow(headers, 'bold', true);
    for (const row of block.rows) {
      const h = rowHeight(row, 'regular');
      if (this.pdf.y + h > this.bottom) {
        this.pdf.addPage();
        this.pdf.y = this.margins.top;
        drawRow(headers, 'bold', true); // the header row again on each page, as Word repeats it
      }
      drawRow(row, 'regular', false);
    }
    this.pdf.y += L.paragraphAfterPt;
  }

  private footer(doc: OfficialDocument): void {
    const [lw, rw] = L.footerColumns.map((s) => this.width * s);
    const recipients = closingRecipientLines(doc.recipients);
    const signerLines = (doc.signer.authority ? 2 : 1) * L.pt.signerTitle * 1.2 + mmToPt(L.signatureSpaceMm) + L.pt.signerName * 1.2;
    const recipientLines = L.pt.recipientsLabel * 1.2 + recipients.length * L.pt.recipients * 1.3;
    this.ensureRoom(Math.max(signerLines, recipientLines) + 12);
    const top = this.pdf.y + 6;
    this.font('boldItalic', L.pt.recipientsLabel).text(T.recipientsLabel, this.x0, top, { width: lw, lineGap: 0 });
    for (const line of recipients) this.font('regular', L.pt.recipients).text(line, this.x0, this.pdf.y, { width: lw, lineGap: 0 });
    const xr = this.x0 + lw;
    let y = top;
    if (doc.signer.authority) y = this.centredLine(doc.signer.authority, 'bold', L.pt.signerTitle, xr, rw, y);
    y = this.centredLine(doc.signer.title, 'bold', L.pt.signerTitle, xr, rw, y);
    y += mmToPt(L.signatureSpaceMm);
    this.centredLine(doc.signer.name || T.unsignedName, 'bold', L.pt.signerName, xr, rw, y);
  }

  /** Page numbers from the second page on, centred in the top margin (Decree 30/2020, appendix I). */
  private pageNumbers(): void {
    const range = this.pdf.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i);
      const y = this.margins.top / 2;
      this.font('regular', L.pt.pageNumber).text(String(i + 1), this.x0, y, { width: this.width, align: 'center', lineBreak: false, height: 20 });
    }
  }
}
