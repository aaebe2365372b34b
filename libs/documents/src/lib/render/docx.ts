import {
  AlignmentType, BorderStyle, Document, Header, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, Table, TableBorders, TableCell, TableLayoutType,
  TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { DocumentLayout as L, DocumentTexts as T, mmToTwip } from '../layout';
import type { DocumentBlock, OfficialDocument, TableBlock } from '../official-document';
import { closingRecipientLines } from './recipients';
import { textWidthPt } from './measure';

const halfPoints = (pt: number) => pt * 2;
const ptTwip = (pt: number) => Math.round(pt * 20);
const TEXT_WIDTH_MM = L.page.widthMm - L.marginsMm.left - L.marginsMm.right;
const TEXT_WIDTH_TWIP = mmToTwip(TEXT_WIDTH_MM);
const SINGLE = { line: Math.round(240 * L.lineSpacing), lineRule: LineRuleType.AUTO };

interface RunStyle { size: number; bold?: boolean; italics?: boolean }

function run(text: string, style: RunStyle): TextRun {
  // Marked Vietnamese so that Word checks the spelling in Vietnamese when the specialist edits the DOCX.
  return new TextRun({ text, font: L.docxFont, size: halfPoints(style.size), bold: style.bold, italics: style.italics, language: { value: 'vi-VN' } });
}

function centred(text: string, style: RunStyle, after = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: ptTwip(after), ...SINGLE }, children: [run(text, style)] });
}

/** A horizontal rule of `lengthTwip`, centred in a column: an empty paragraph whose bottom border the indents shorten. */
function rule(columnTwip: number, lengthTwip: number): Paragraph {
  const side = Math.max(0, Math.round((columnTwip - lengthTwip) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: ptTwip(4), line: 60, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 2 })],
  });
}

function cell(children: Paragraph[], widthTwip: number, borders = true): TableCell {
  return new TableCell({
    children, width: { size: widthTwip, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP,
    ...(borders ? {} : { borders: TableBorders.NONE }),
  });
}

function layoutTable(widths: number[], cells: Paragraph[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: cells.map((c, i) => cell(c, widths[i], false)) })],
  });
}

function header(doc: OfficialDocument): Table {
  const widths = L.headerColumns.map((s) => Math.round(TEXT_WIDTH_TWIP * s));
  const issuingRule = Math.round(widths[0] * L.issuingBodyRuleShare);
  const mottoTwip = Math.round(textWidthPt(T.motto, 'bold', L.pt.motto) * 20);
  const left = [
    centred(doc.governingBody, { size: L.pt.governingBody }),
    centred(doc.issuingBody, { size: L.pt.issuingBody, bold: true }),
    rule(widths[0], issuingRule),
    centred(doc.numberLine, { size: L.pt.numberLine }),
  ];
  const right = [
    centred(T.nationalTitle, { size: L.pt.nationalTitle, bold: true }),
    centred(T.motto, { size: L.pt.motto, bold: true }),
    rule(widths[1], mottoTwip),
    centred(doc.placeAndDate, { size: L.pt.placeAndDate, italics: true }),
  ];
  return layoutTable(widths, [left, right]);
}

/** A body block; a paragraph right after a table keeps the paragraph gap above it too (a table has no spacing of its own). */
function bodyBlock(block: DocumentBlock, afterTable: boolean): Paragraph | Table {
  switch (block.kind) {
    case 'paragraph':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: mmToTwip(L.firstLineIndentMm) },
        spacing: { before: afterTable ? ptTwip(L.paragraphAfterPt) : 0, after: ptTwip(L.paragraphAfterPt), ...SINGLE },
        children: [run(block.text, { size: L.pt.body, italics: block.italic })],
      });
    case 'heading':
      return new Paragraph({
        alignment: AlignmentType.LEFT,
        indent: { firstLine: mmToTwip(L.firstLineIndentMm) },
        spacing: { before: ptTwip(L.paragraphAfterPt), after: ptTwip(L.paragraphAfterPt), ...SINGLE },
        keepNext: true,
        children: [run(block.text, { size: L.pt.body, bold: true })],
      });
    case 'table':
      return dataTable(block);
  }
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function dataTable(block: TableBlock): Table {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  const widths = block.columns.map((c) => Math.round((TEXT_WIDTH_TWIP * c.width) / total));
  const para = (text: string, align: keyof typeof ALIGN, bold = false) =>
    new Paragraph({ alignment: ALIGN[align], spacing: { before: ptTwip(2), after: ptTwip(2), ...SINGLE }, children: [run(text, { size: L.pt.table, bold })] });
  const headerRow = new TableRow({
    tableHeader: true,
    children: block.columns.map((c, i) => new TableCell({ width: { size: widths[i], type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, children: [para(c.header, 'center', true)] })),
  });
  const rows = block.rows.map((r) => new TableRow({
    cantSplit: true,
    children: r.map((text, i) => new TableCell({ width: { size: widths[i], type: WidthType.DXA }, verticalAlign: VerticalAlign.CENTER, children: [para(text, block.columns[i].align ?? 'left')] })),
  }));
  const pad = ptTwip(L.tableCellPaddingPt);
  return new Table({
    width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED,
    margins: { top: 0, bottom: 0, left: pad, right: pad }, rows: [headerRow, ...rows],
  });
}

function footer(doc: OfficialDocument): Table {
  const widths = L.footerColumns.map((s) => Math.round(TEXT_WIDTH_TWIP * s));
  const left = [
    new Paragraph({ spacing: { before: 0, after: 0, ...SINGLE }, children: [run(T.recipientsLabel, { size: L.pt.recipientsLabel, bold: true, italics: true })] }),
    ...closingRecipientLines(doc.recipients).map((line) => new Paragraph({ spacing: { before: 0, after: 0, ...SINGLE }, children: [run(line, { size: L.pt.recipients })] })),
  ];
  const right = [
    ...(doc.signer.authority ? [centred(doc.signer.authority, { size: L.pt.signerTitle, bold: true })] : []),
    centred(doc.signer.title, { size: L.pt.signerTitle, bold: true }),
    new Paragraph({ spacing: { before: 0, after: 0, line: mmToTwip(L.signatureSpaceMm), lineRule: LineRuleType.EXACT }, children: [run('', { size: L.pt.signerName })] }),
    centred(doc.signer.name || T.unsignedName, { size: L.pt.signerName, bold: true }),
  ];
  return layoutTable(widths, [left, right]);
}

/** The DOCX of a document: A4 portrait, the margins and sizes of layout.ts, every run in Times New Roman. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const file = new Document({
    title: doc.meta.title,
    creator: doc.meta.author,
    styles: { default: { document: { run: { font: L.docxFont, size: halfPoints(L.pt.body), language: { value: 'vi-VN' } } } } },
    sections: [{
      // Page numbers from the second page on, centred at the top (Decree 30/2020, appendix I): the first page's
      // header is empty (titlePage).
      headers: {
        first: new Header({ children: [] }),
        default: new Header({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: L.docxFont, size: halfPoints(L.pt.pageNumber) })] })],
        }),
      },
      properties: {
        titlePage: true,
        page: {
          size: { width: mmToTwip(L.page.widthMm), height: mmToTwip(L.page.heightMm), orientation: PageOrientation.PORTRAIT },
          margin: { top: mmToTwip(L.marginsMm.top), bottom: mmToTwip(L.marginsMm.bottom), left: mmToTwip(L.marginsMm.left), right: mmToTwip(L.marginsMm.right) },
        },
      },
      children: [
        header(doc),
        new Paragraph({ spacing: { before: ptTwip(12), after: 0, ...SINGLE }, alignment: AlignmentType.CENTER, children: [run(doc.documentType, { size: L.pt.documentType, bold: true })] }),
        centred(doc.summary, { size: L.pt.summary, bold: true }, 12),
        ...doc.body.map((b, i) => bodyBlock(b, doc.body[i - 1]?.kind === 'table')),
        new Paragraph({ spacing: { before: 0, after: ptTwip(6) }, children: [] }),
        footer(doc),
      ],
    }],
  });
  return Packer.toBuffer(file);
}

