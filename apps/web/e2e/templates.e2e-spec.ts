// Report templates and deadline extensions (Sở), in a real browser against the real API: list, read, publish a
// new version (domain check, server refusal, confirmation), view the old one, grant an extension that the
// centre's due list follows; a centre director is kept out and another province does not see the version.
import type { Page } from 'playwright-core';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the browser tests boot the real API like its own e2e tests do
import { errorCode, type TestApi } from '../../api/test/harness';
import { chooseOption, horizontalOverflow, login, screenshot, seriousA11yViolations, useBrowserSuite } from './browser';

jest.setTimeout(180_000);

const CODE = 'GDTX_SEMESTER';

interface Tpl {
  code: string;
  version: number;
  national: boolean;
  nameVi: string;
  definition: { sections: { code: string; fields: { code: string; labelVi: string }[] }[]; rules: unknown[] };
}

const TEMPLATE_Q = `query($code: String!, $version: Int) { reportTemplate(code: $code, version: $version) { code version national nameVi definition } }`;
const LIST_Q = `{ reportTemplates { code version national nameVi } }`;

describe('report templates and deadline extensions in Chromium', () => {
  let api: TestApi;
  let page: Page;
  useBrowserSuite('templates', (suite) => ({ api, page } = suite));
  let soToken: string;
  let before: Tpl;
  let centreId: string;

  beforeAll(async () => {
    soToken = await api.login('so.chuyenvien');
    before = (await api.gql<{ reportTemplate: Tpl }>(TEMPLATE_Q, { code: CODE }, soToken)).data!.reportTemplate;
    const centres = await api.gql<{ centres: { nodes: { id: string; code: string }[] } }>(`{ centres(first: 100) { nodes { id code } } }`, {}, soToken);
    centreId = centres.data!.centres.nodes.find((c) => c.code === 'TH-GDTX')!.id;
  });

  it('a Sở specialist lists the templates, reads one, publishes version N+1 and still views version N', async () => {
    const list = (await api.gql<{ reportTemplates: Tpl[] }>(LIST_Q, {}, soToken)).data!.reportTemplates;
    expect(list.length).toBeGreaterThan(0);
    await login(page, 'so.chuyenvien');
    await page.getByRole('link', { name: 'Biểu mẫu báo cáo' }).click();
    await page.getByRole('heading', { name: 'Biểu mẫu báo cáo', level: 1 }).waitFor();
    await page.getByRole('link', { name: before.nameVi }).waitFor();
    await expect(page.locator('[data-testid="template-list"] .ant-table-row').count()).resolves.toBe(list.length);
    const row = page.locator('.ant-table-row', { hasText: CODE });
    await expect(row.getByTestId('template-version').textContent()).resolves.toBe(`Phiên bản ${before.version}`);
    await expect(row.textContent()).resolves.toContain('ngày sau khi kết thúc học kỳ');
    await screenshot(page, '40-bieu-mau-danh-sach');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Opening one shows its definition readably.
    await page.getByRole('link', { name: before.nameVi }).click();
    await expect(page.getByTestId('current-version').textContent()).resolves.toBe(`Phiên bản ${before.version}`);
    const field = before.definition.sections[0].fields[0];
    await expect(page.getByTestId(`field-label-${field.code}`).textContent()).resolves.toBe(field.labelVi);
    await screenshot(page, '41-bieu-mau-chi-tiet');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const rules = before.definition.rules;
    await page.getByRole('tab', { name: `Quy tắc kiểm tra số liệu (${rules.length})` }).click();
    await expect(page.getByTestId('rule-table').locator('.ant-table-row').count()).resolves.toBe(rules.length);
    await screenshot(page, '47-bieu-mau-quy-tac', { fullPage: false });

    // The publishing form: the domain check runs as one types (a blank label blocks publishing).
    await page.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
    await page.getByRole('heading', { name: /^Ban hành phiên bản mới:/ }).waitFor();
    const publishButton = page.getByRole('button', { name: 'Xem lại và ban hành…' });
    expect(await publishButton.isDisabled()).toBe(true); // nothing changed yet
    const labelInput = page.getByLabel(`Nhãn tiếng Việt (${field.code})`);
    await labelInput.fill('');
    await page.getByTestId(`field-problem-${field.code}`).waitFor();
    expect(await publishButton.isDisabled()).toBe(true);

    // The server's own check: a changed period type passes the domain check but the API refuses it, and says where.
    await page.getByRole('tab', { name: 'Nâng cao (JSON)' }).click();
    const editor = page.getByTestId('json-editor');
    const json = JSON.parse(await editor.inputValue());
    json.sections[0].fields[0].labelVi = `${field.labelVi} (thử)`;
    json.periodType = 'QUARTER';
    await editor.fill(JSON.stringify(json, null, 2));
    await publishButton.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ban hành' }).click();
    const refused = page.getByTestId('server-problems');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('Loại kỳ báo cáo: Không được đổi loại kỳ báo cáo giữa các phiên bản');
    await screenshot(page, '42-bieu-mau-may-chu-tu-choi');
    expect((await api.gql<{ reportTemplate: Tpl }>(TEMPLATE_Q, { code: CODE }, soToken)).data!.reportTemplate.version).toBe(before.version);

    // Back to the form: change one label, confirm, publish.
    await page.getByRole('tab', { name: 'Sửa theo biểu mẫu' }).click();
    const newLabel = `${field.labelVi} (sửa đổi)`;
    await labelInput.fill(newLabel);
    await page.getByTestId(`field-problem-${field.code}`).waitFor({ state: 'detached' });
    await screenshot(page, '43-bieu-mau-soan-phien-ban-moi');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await publishButton.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('confirm-changes').textContent()).resolves.toContain(`Nhãn chỉ tiêu ${field.code}: "${field.labelVi}" → "${newLabel}"`);
    await dialog.getByRole('button', { name: 'Ban hành' }).click();

    // Version N+1 is in force, in the page and in the API; version N is unchanged and still viewable.
    await page.getByText(`Đã ban hành phiên bản ${before.version + 1}`).waitFor();
    await expect(page.getByTestId('current-version').textContent()).resolves.toBe(`Phiên bản ${before.version + 1}`);
    await expect(page.getByTestId(`field-label-${field.code}`).textContent()).resolves.toBe(newLabel);
    const after = (await api.gql<{ reportTemplate: Tpl }>(TEMPLATE_Q, { code: CODE }, soToken)).data!.reportTemplate;
    expect(after.version).toBe(before.version + 1);
    expect(after.national).toBe(false);
    expect(after.definition.sections[0].fields[0].labelVi).toBe(newLabel);
    const old = (await api.gql<{ reportTemplate: Tpl }>(TEMPLATE_Q, { code: CODE, version: before.version }, soToken)).data!.reportTemplate;
    expect(old.definition.sections[0].fields[0].labelVi).toBe(field.labelVi);

    await page.getByLabel('Xem phiên bản').click();
    await page.locator('.ant-select-item-option', { hasText: `Phiên bản ${before.version} ·` }).click();
    await page.getByTestId('old-version-notice').waitFor();
    await expect(page.getByTestId('current-version').textContent()).resolves.toBe(`Phiên bản ${before.version}`);
    await expect(page.getByTestId(`field-label-${field.code}`).textContent()).resolves.toBe(field.labelVi);
    await screenshot(page, '44-bieu-mau-phien-ban-cu');
    expect(await seriousA11yViolations(page, ['main'])).toEqual([]);

    await page.goto('/templates');
    await expect(page.locator('.ant-table-row', { hasText: CODE }).getByTestId('template-version').textContent()).resolves.toBe(`Phiên bản ${before.version + 1}`);
  });

  it('a Sở specialist grants an extension and the centre director’s due list has the new date', async () => {
    const due = await api.gql<{ dueReports: { templateCode: string; periodCode: string; periodLabelVi: string; regularDueDate: string; dueDate: string; extended: boolean }[] }>(
      `query($id: ID!) { dueReports(centreId: $id) { templateCode periodCode periodLabelVi regularDueDate dueDate extended } }`, { id: centreId }, soToken,
    );
    const target = due.data!.dueReports.find((r) => r.templateCode === CODE && !r.extended)!;
    expect(target).toBeDefined();
    const newDate = new Date(`${target.regularDueDate}T00:00:00Z`);
    newDate.setUTCDate(newDate.getUTCDate() + 20);
    const iso = newDate.toISOString().slice(0, 10);
    const [y, m, d] = iso.split('-');

    await login(page, 'so.chuyenvien');
    await page.getByRole('link', { name: 'Gia hạn nộp báo cáo' }).click();
    await page.getByRole('heading', { name: 'Gia hạn nộp báo cáo', level: 1 }).waitFor();
    await chooseOption(page, page.getByLabel('Trung tâm', { exact: true }), '(TH-GDTX)', { search: 'thường xuyên tỉnh' });
    const templateName = (await api.gql<{ reportTemplate: Tpl }>(TEMPLATE_Q, { code: CODE }, soToken)).data!.reportTemplate.nameVi;
    await chooseOption(page, page.getByLabel('Biểu mẫu báo cáo', { exact: true }), templateName);
    await chooseOption(page, page.getByLabel('Kỳ báo cáo', { exact: true }), target.periodLabelVi);
    await page.getByLabel('Hạn nộp mới').fill(`${d}/${m}/${y}`);
    await page.getByLabel('Hạn nộp mới').press('Enter');
    await page.getByLabel('Lý do gia hạn').fill('Trung tâm bị ảnh hưởng do bão, mất điện kéo dài');
    await page.getByRole('button', { name: 'Gia hạn', exact: true }).click();
    const result = page.getByTestId('extension-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain(`đến ngày ${d}/${m}/${y}`);
    await page.getByTestId('extension-list').getByText(`${d}/${m}/${y}`).waitFor();
    await screenshot(page, '45-gia-han-nop-bao-cao');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const directorToken = await api.login('gd.gdtx');
    const seen = await api.gql<{ dueReports: { templateCode: string; periodCode: string; dueDate: string; regularDueDate: string; extended: boolean }[] }>(
      `query($id: ID!) { dueReports(centreId: $id) { templateCode periodCode dueDate regularDueDate extended } }`, { id: centreId }, directorToken,
    );
    const mine = seen.data!.dueReports.find((r) => r.templateCode === CODE && r.periodCode === target.periodCode)!;
    expect(mine).toMatchObject({ dueDate: iso, regularDueDate: target.regularDueDate, extended: true });
  });

  it('a centre director cannot open the templates (redirected; the API refuses to publish)', async () => {
    await login(page, 'gd.gdtx');
    await expect(page.getByRole('link', { name: 'Biểu mẫu báo cáo' }).count()).resolves.toBe(0);
    await page.goto('/templates');
    await page.waitForURL('**/home');
    await page.goto('/deadlines');
    await page.waitForURL('**/home');
    const token = await api.login('gd.gdtx');
    const r = await api.gql(`mutation($d: JSON!) { publishReportTemplate(definition: $d) { version } }`, { d: before.definition }, token);
    expect(errorCode(r)).toBe('FORBIDDEN');
    const g = await api.gql(
      `mutation($i: GrantExtensionInput!) { grantExtension(input: $i) { id } }`,
      { i: { centreId, templateCode: CODE, periodCode: '2025-2026-S1', dueDate: '2030-01-01', reason: 'tự gia hạn' } }, token,
    );
    expect(errorCode(g)).toBe('FORBIDDEN');
  });

  it('the Sở of another province does not see Thanh Hóa’s version (page and API)', async () => {
    const thVersion = (await api.gql<{ reportTemplate: Tpl }>(TEMPLATE_Q, { code: CODE }, soToken)).data!.reportTemplate.version;
    expect(thVersion).toBe(before.version + 1); // published by the first test
    const bnToken = await api.login('bn.quantri');
    const bnList = (await api.gql<{ reportTemplates: Tpl[] }>(LIST_Q, {}, bnToken)).data!.reportTemplates;
    expect(bnList.find((t) => t.code === CODE)).toMatchObject({ version: before.version, national: true });
    const hidden = await api.gql(TEMPLATE_Q, { code: CODE, version: thVersion }, bnToken);
    expect(errorCode(hidden)).toBe('NOT_FOUND');

    await login(page, 'bn.quantri');
    await page.goto('/templates');
    await expect(page.locator('.ant-table-row', { hasText: CODE }).getByTestId('template-version').textContent()).resolves.toBe(`Phiên bản ${before.version}`);
    await page.goto(`/templates/${CODE}?version=${thVersion}`);
    await page.getByTestId('template-not-found').waitFor();
    await screenshot(page, '46-bieu-mau-tinh-khac');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
