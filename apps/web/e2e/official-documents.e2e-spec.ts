// Official documents in a real browser (issue 15 item 5): the Sở dashboard's DOCX / PDF buttons download the
// province summary of the chosen period, a report's page downloads that report, and the Sở admin edits what the
// documents carry (Chỉ tiêu → Thông tin văn bản của Sở), which the next document shows.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import type { TestApi } from '../../api/test/harness';
import { login, logout, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

async function docxText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
}

describe('official documents in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  useBrowserSuite('official-documents', (suite) => ({ api, browser, page } = suite));

  it('the Sở leader downloads the province summary of the chosen period as DOCX and PDF', async () => {
    void browser;
    await login(page, 'so.lanhdao');
    await page.goto('/dashboard?section=indicators');
    const docxButton = page.getByTestId('province-summary-docx');
    await docxButton.waitFor();
    const period = (await page.locator('#indicator-period').locator('xpath=ancestor::div[contains(@class,"ant-select")]').first().textContent())!;
    const [docx] = await Promise.all([page.waitForEvent('download'), docxButton.click()]);
    expect(docx.suggestedFilename()).toMatch(/^Báo cáo tổng hợp GDTX \d{4}-\d{4}\.docx$/);
    const code = /(\d{4}-\d{4})\.docx$/.exec(docx.suggestedFilename())![1];
    expect(period).toContain(code);
    const text = await docxText((await docx.path())!);
    expect(text).toContain(MOTTO);
    expect(text).toContain(`năm học ${code}`);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('province-summary-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`Báo cáo tổng hợp GDTX ${code}.pdf`);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await logout(page);
  });

  it('a report page downloads the report as a document; a centre director has the buttons on their own report', async () => {
    const token = await api.login('gd.gdtx');
    const r = await api.gql<{ submissions: { nodes: { id: string; centreName: string }[] } }>(
      `{ submissions(filter: { status: ACCEPTED }, first: 1) { nodes { id centreName } } }`, {}, token,
    );
    const sub = r.data!.submissions.nodes[0];
    await login(page, 'gd.gdtx');
    await page.goto(`/submissions/${sub.id}`);
    await page.getByTestId('submission-document-docx').waitFor();
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('submission-document-docx').click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect(await docxText((await docx.path())!)).toContain(sub.centreName.toLocaleUpperCase('vi-VN'));
    await logout(page);
  });

  it('the Sở admin edits the document settings; the next summary carries the new signer', async () => {
    await login(page, 'so.quantri');
    await page.goto('/settings/indicators');
    const card = page.getByTestId('document-settings');
    await card.waitFor();
    const name = card.getByLabel('Họ và tên người ký');
    await expect(name.inputValue()).resolves.toBe('Lê Thị Hồng Nhung');
    await name.fill('Phạm Quốc Việt');
    await card.getByTestId('document-settings-save').click();
    await page.getByText('Đã lưu thông tin văn bản').waitFor();
    await screenshot(page, 'so-thong-tin-van-ban');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const saved = await api.gql<{ documentSettings: { signerName: string; version: number } }>(`{ documentSettings { signerName version } }`, {}, await api.login('so.quantri'));
    expect(saved.data!.documentSettings).toEqual({ signerName: 'Phạm Quốc Việt', version: 2 });
    await page.goto('/dashboard?section=indicators');
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('province-summary-docx').click()]);
    expect(await docxText((await docx.path())!)).toContain('Phạm Quốc Việt');
  });
});
