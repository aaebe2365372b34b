import JSZip from 'jszip';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { bootApi, errorCode, TestApi } from './harness';
import { pdfText } from './pdf-text-of';

// Issue 15 item 5: official documents (Decree 30/2020/NĐ-CP, domain §J) as DOCX and PDF, generated for the demo
// province, read back (text, page size, margins, fonts) and checked against what indicatorValues returns.
const PERIOD = '2024-2025';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

interface Value {
  code: string; nameVi: string; unit: string; value: number | null; numerator: number; denominator: number | null;
  coverage: { reporting: number; expected: number }; computedAt: string | null;
}

/** Vietnamese number format written out by hand (not the product's formatter): ≤ 2 decimals, '.' thousands, ',' decimals. */
function vi(n: number): string {
  const [int, dec] = Math.abs(n).toFixed(2).replace(/0+$/, '').replace(/\.$/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** "HH:mm ngày dd/mm/yyyy" in Vietnam's time (UTC+7 all year, no daylight saving). */
function viTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const dense = (s: string) => s.replace(/\s+/g, '');

function xmlText(xml: string): string {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  // One line per paragraph: the runs' texts joined.
  return xml.split(/<\/w:p>/).map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join('')).join('\n');
}

describe('official documents, DOCX and PDF (e2e)', () => {
  let api: TestApi;
  let values: Value[];
  let leader: string;

  beforeAll(async () => {
    api = await bootApi();
    leader = await api.login('so.lanhdao');
    const defs = await api.gql<{ indicatorDefinitions: { code: string }[] }>(`{ indicatorDefinitions { code } }`, {}, leader);
    const codes = defs.data!.indicatorDefinitions.map((d) => d.code);
    const r = await api.gql<{ indicatorValues: Value[] }>(
      `query($q: IndicatorQuery!) { indicatorValues(query: $q) { code nameVi unit value numerator denominator coverage { reporting expected } computedAt } }`,
      { q: { codes, periodCode: PERIOD } },
      leader,
    );
    expect(r.errors).toBeUndefined();
    values = r.data!.indicatorValues;
  });
  afterAll(async () => {
    await api?.close();
  });

  const get = async (path: string, token?: string | null) =>
    fetch(`${api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('has figures to show for the demo province in the period (else the checks below would prove little)', () => {
    expect(values.length).toBeGreaterThanOrEqual(5);
    expect(values.filter((v) => v.value !== null).length).toBeGreaterThanOrEqual(3);
    expect(values.filter((v) => v.value !== null && v.computedAt).length).toBeGreaterThanOrEqual(3);
  });

  /** Every figure of indicatorValues, formatted the Vietnamese way, is in the text (with its unit and computed time). */
  function expectEveryFigure(text: string) {
    const flat = squash(text);
    for (const v of values) {
      expect(flat).toContain(squash(v.nameVi));
      // A long unit may wrap after its '/' in a narrow column ("thí sinh/" | "hội đồng"), which reads back as a space.
      if (v.value !== null) expect(dense(flat)).toContain(dense(v.unit ? `${vi(v.value)} ${v.unit}` : vi(v.value)));
      expect(flat).toContain(v.denominator === null ? vi(v.numerator) : `${vi(v.numerator)} / ${vi(v.denominator)}`);
      expect(flat).toContain(`${vi(v.coverage.reporting)}/${vi(v.coverage.expected)}`);
      if (v.computedAt) expect(flat).toContain(viTime(v.computedAt));
    }
    // A figure with decimals shows a decimal comma, never the English point (1.234,5 — not 1,234.5).
    const decimal = values.find((v) => v.value !== null && !Number.isInteger(Math.round(v.value * 100) / 100));
    expect(decimal).toBeDefined();
    expect(vi(decimal!.value!)).toContain(',');
    expect(flat).not.toContain(`${decimal!.value!.toFixed(2).replace(/0+$/, '')} `);
  }

  function expectHeadingAndFooter(text: string) {
    const flat = squash(text);
    expect(text).toBe(text.normalize('NFC'));
    expect(flat).toContain(NATIONAL_TITLE);
    expect(flat).toContain(MOTTO);
    expect(flat).toContain('UBND TỈNH THANH HÓA');
    expect(flat).toContain('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(flat).toMatch(/Số: +\/BC-SGDĐT/);
    expect(flat).toMatch(/Thanh Hóa, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
    expect(flat).toContain('BÁO CÁO');
    expect(flat).toContain(`Tổng hợp số liệu giáo dục thường xuyên năm học ${PERIOD}`);
    expect(flat).toContain('Nơi nhận:');
    expect(flat).toContain('KT. GIÁM ĐỐC');
    expect(flat).toContain('PHÓ GIÁM ĐỐC');
    expect(flat).toContain('Lê Thị Hồng Nhung'); // the demo Sở's signer, from its settings
    expect(flat).toContain('- Lưu: VT, GDTX.');
  }

  it('the province summary as DOCX: Times New Roman, A4, §J margins, the heading, every figure', async () => {
    const res = await get(`/api/documents/province-summary/${PERIOD}.docx`, leader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX_TYPE);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename="bao-cao-tong-hop-gdtx-${PERIOD}.docx"`);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)![1])).toBe(`Báo cáo tổng hợp GDTX ${PERIOD}.docx`);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xmlText(xml);
    expectHeadingAndFooter(text);
    expectEveryFigure(text);

    // Page: A4 portrait in twentieths of a point; margins inside §J's ranges (top/bottom 20–25, left 30–35, right 15–20 mm).
    const pgSz = /<w:pgSz\b[^>]*\/>/.exec(xml)![0];
    expect(Number(/w:w="(\d+)"/.exec(pgSz)![1])).toBe(11906);
    expect(Number(/w:h="(\d+)"/.exec(pgSz)![1])).toBe(16838);
    expect(pgSz).not.toContain('landscape');
    const pgMar = /<w:pgMar\b[^>]*\/>/.exec(xml)![0];
    const mm = (attr: string) => (Number(new RegExp(`w:${attr}="(\\d+)"`).exec(pgMar)![1]) / 20) * (25.4 / 72);
    expect(mm('top')).toBeGreaterThanOrEqual(19.99); expect(mm('top')).toBeLessThanOrEqual(25.01);
    expect(mm('bottom')).toBeGreaterThanOrEqual(19.99); expect(mm('bottom')).toBeLessThanOrEqual(25.01);
    expect(mm('left')).toBeGreaterThanOrEqual(29.99); expect(mm('left')).toBeLessThanOrEqual(35.01);
    expect(mm('right')).toBeGreaterThanOrEqual(14.99); expect(mm('right')).toBeLessThanOrEqual(20.01);

    // Page numbers from the second page: a PAGE field in the default header, the first page's header apart.
    expect(xml).toContain('<w:titlePg/>');
    const headerFiles = Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f));
    const headers = (await Promise.all(headerFiles.map((f) => zip.file(f)!.async('string')))).join('');
    expect(headers).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);

    // Every run names Times New Roman, and no other font is named anywhere (document, headers, styles).
    const styles = await zip.file('word/styles.xml')!.async('string');
    const fonts = [...`${xml}${headers}${styles}`.matchAll(/w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(20);
    expect([...new Set(fonts)]).toEqual(['Times New Roman']);
    // §J sizes (half-points): national title bold 12–13 pt, motto bold 13–14 pt, body 13–14 pt.
    const runOf = (t: string) => new RegExp(`<w:r>(?:(?!</w:r>).)*<w:t[^>]*>${t}</w:t>`, 's').exec(xml)![0];
    const size = (run: string) => Number(/<w:sz w:val="(\d+)"/.exec(run)![1]) / 2;
    expect(runOf(NATIONAL_TITLE)).toContain('<w:b/>');
    expect(size(runOf(NATIONAL_TITLE))).toBeGreaterThanOrEqual(12); expect(size(runOf(NATIONAL_TITLE))).toBeLessThanOrEqual(13);
    expect(runOf(MOTTO)).toContain('<w:b/>');
    expect(size(runOf(MOTTO))).toBeGreaterThanOrEqual(13); expect(size(runOf(MOTTO))).toBeLessThanOrEqual(14);
    expect(runOf('Nơi nhận:')).toContain('<w:i/>');
  });

  it('the province summary as PDF: A4, Liberation Serif embedded, the same text back out, NFC', async () => {
    const res = await get(`/api/documents/province-summary/${PERIOD}.pdf`, leader);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename="bao-cao-tong-hop-gdtx-${PERIOD}.pdf"`);
    const buffer = Buffer.from(await res.arrayBuffer());
    const text = await pdfText(buffer);
    expectHeadingAndFooter(text);
    expectEveryFigure(text);

    const pdf = await PDFDocument.load(buffer);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    const baseFonts = new Set<string>();
    for (const page of pdf.getPages()) {
      const { width, height } = page.getSize();
      expect(width).toBeCloseTo(595.28, 1);
      expect(height).toBeCloseTo(841.89, 1);
      const fontDict = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      for (const ref of fontDict.values()) {
        const font = pdf.context.lookup(ref as PDFRef, PDFDict);
        const base = font.lookup(PDFName.of('BaseFont'), PDFName).decodeText();
        baseFonts.add(base);
        // Embedded: a Type0 font whose descendant's descriptor carries the TrueType program (FontFile2).
        const descendant = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
        const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
        expect(descriptor.get(PDFName.of('FontFile2'))).toBeDefined();
      }
    }
    expect(baseFonts.size).toBeGreaterThanOrEqual(3); // regular, bold, italic, bold italic
    for (const base of baseFonts) expect(base).toMatch(/^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$/);
  });

  it('one report as DOCX and PDF: its centre, its values the Vietnamese way; another province gets NOT_FOUND', async () => {
    const specialist = await api.login('so.chuyenvien');
    const r = await api.gql<{ submissions: { nodes: { id: string; centreName: string; periodLabelVi: string; values: Record<string, unknown> }[] } }>(
      `{ submissions(filter: { status: ACCEPTED, templateCode: "GDTX_SCHOOL_YEAR" }, first: 1) { nodes { id centreName periodLabelVi values } } }`, {}, specialist,
    );
    const sub = r.data!.submissions.nodes[0];
    expect(sub).toBeDefined();
    const big = Object.values(sub.values).find((v): v is number => typeof v === 'number' && v >= 1000) ?? Object.values(sub.values).find((v): v is number => typeof v === 'number')!;
    for (const format of ['docx', 'pdf'] as const) {
      const res = await get(`/api/documents/submissions/${sub.id}.${format}`, specialist);
      expect(res.status).toBe(200);
      const buffer = Buffer.from(await res.arrayBuffer());
      const text = format === 'docx' ? xmlText(await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')) : await pdfText(buffer);
      expect(text).toBe(text.normalize('NFC'));
      const flat = squash(text);
      expect(flat).toContain(NATIONAL_TITLE);
      expect(flat).toContain(MOTTO);
      expect(flat).toContain(sub.centreName.toLocaleUpperCase('vi-VN'));
      expect(flat.toLocaleLowerCase('vi-VN')).toContain(sub.periodLabelVi.toLocaleLowerCase('vi-VN'));
      expect(flat).toContain(vi(big));
    }
    // Tenant isolation: Bắc Ninh's Sở cannot read a Thanh Hóa report's document (RLS: not found, not forbidden).
    const other = await get(`/api/documents/submissions/${sub.id}.pdf`, await api.login('bn.quantri'));
    expect(other.status).toBe(404);
    const body = (await other.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(body.errors[0].message).toMatch(/Không tìm thấy/);
  });

  it('refuses without a session (401), a bad period (VALIDATION_FAILED), a supervisor for the province summary', async () => {
    const anon = await get(`/api/documents/province-summary/${PERIOD}.pdf`, null);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bad = await get('/api/documents/province-summary/2024-Q9.docx', leader);
    expect(bad.status).toBe(422);
    const badBody = (await bad.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(badBody.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(badBody.errors[0].message).toMatch(/kỳ/);
    expect((await get(`/api/documents/province-summary/${PERIOD}.odt`, leader)).status).toBe(404);
    const area = await get(`/api/documents/province-summary/${PERIOD}.pdf`, await api.login('kv.thoxuan'));
    expect(area.status).toBe(403);
  });

  it('document settings: the Sở admin saves them and the next document carries them; others cannot; each province its own', async () => {
    const Q = `{ documentSettings { governingBody issuingBody symbol place signerAuthority signerTitle signerName recipients isDefault version } }`;
    const admin = await api.login('so.quantri');
    const before = (await api.gql<{ documentSettings: Record<string, unknown> }>(Q, {}, admin)).data!.documentSettings;
    expect(before).toMatchObject({ isDefault: false, signerName: 'Lê Thị Hồng Nhung', place: 'Thanh Hóa' });
    const bn = (await api.gql<{ documentSettings: Record<string, unknown> }>(Q, {}, await api.login('bn.quantri'))).data!.documentSettings;
    expect(bn).toMatchObject({ isDefault: true, governingBody: 'UBND TỈNH BẮC NINH', place: 'Bắc Ninh', signerName: '' });

    const M = `mutation($i: DocumentSettingsInput!) { saveDocumentSettings(input: $i) { signerName signerTitle signerAuthority recipients isDefault version } }`;
    // NFD input (as some keyboards send it) is stored NFC.
    const input = {
      governingBody: 'UBND TỈNH THANH HÓA', issuingBody: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', symbol: 'SGDĐT', place: 'Thanh Hóa',
      signerAuthority: null, signerTitle: 'GIÁM ĐỐC', signerName: 'Trần Văn Quyết'.normalize('NFD'), recipients: ['UBND tỉnh (để báo cáo)', 'Lưu: VT'],
    };
    expect(errorCode(await api.gql(M, { i: input }, await api.login('so.chuyenvien')))).toBe('FORBIDDEN');
    const saved = await api.gql<{ saveDocumentSettings: { signerName: string; version: number; signerAuthority: string | null } }>(M, { i: input }, admin);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveDocumentSettings).toMatchObject({ signerName: 'Trần Văn Quyết', signerAuthority: null, isDefault: false });
    expect(saved.data!.saveDocumentSettings.version).toBe(2);
    expect(errorCode(await api.gql(M, { i: { ...input, signerTitle: '  ' } }, admin))).toBe('VALIDATION_FAILED');

    const text = squash(await pdfText(Buffer.from(await (await get(`/api/documents/province-summary/${PERIOD}.pdf`, leader)).arrayBuffer())));
    expect(text).toContain('Trần Văn Quyết');
    expect(text).not.toContain('KT. GIÁM ĐỐC');
    expect(text).toContain('- Lưu: VT.');
    // Bắc Ninh still has its own defaults, and its summary shows none of Thanh Hóa's settings.
    const bnText = squash(await pdfText(Buffer.from(await (await get(`/api/documents/province-summary/${PERIOD}.pdf`, await api.login('bn.quantri'))).arrayBuffer())));
    expect(bnText).toContain('UBND TỈNH BẮC NINH');
    expect(bnText).not.toContain('Trần Văn Quyết');
    expect(bnText).not.toContain('THANH HÓA');
  });
});
