/**
 * An organisation's bulk report end to end in a real browser against the whole local product, in
 * Chinese: the user downloads the template, fills it with ten people (three of them wrong: an ID
 * number's check digit, a phone, a date in the future), uploads it, reads the dry run (7 valid, 3
 * invalid and the three errors), commits, downloads the failed rows, fixes them in the file and
 * uploads it again; the people list then holds all ten. Once at phone size as the demo
 * organisation's user, and once at desktop size after the administrator has created an
 * organisation and its user in the back office; a last look at the phone pages in Uyghur, right to
 * left. Screenshots go to test/e2e/screenshots/ (git-ignored) as agency-zh-CN-*.png,
 * agency-desktop-*.png and agency-ug-*.png.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { creditCodeCheck } from '#shared/agency/organisation';
import { ROW_COLUMNS, type RowColumn } from '#shared/agency/rows';
import { XLSX_CONTENT_TYPE } from '#shared/api/agency';
import { call } from '#test/support/api-client';
import { accessibilityGaps, browserSession, DESKTOP, PHONE, SCREENSHOTS, text } from '#test/support/browser';
import { citizenId } from '#test/support/residents';

const LANGUAGE = 'zh-CN';
const session = browserSession();
const t = (key: string, values: Record<string, string> = {}) => text(LANGUAGE, key, values);

type Run = 'zh-CN' | 'desktop' | 'ug';
const shots: Record<Run, number> = { 'zh-CN': 0, desktop: 0, ug: 0 };
const shot = (page: Page, run: Run, name: string) =>
  page.screenshot({ path: `${SCREENSHOTS}agency-${run}-${String(++shots[run]).padStart(2, '0')}-${name}.png`, fullPage: true });

/** Nothing unnamed; on a phone, nothing sideways. */
async function checkScreen(page: Page, run: Run) {
  expect(await accessibilityGaps(page)).toEqual([]);
  if (run !== 'desktop') {
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  }
}

/** Today and other days as Asia/Shanghai counts them (the server judges dates there). */
function shanghaiDay(offsetDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + offsetDays)).toISOString().slice(0, 10);
}

/** A wrong check character for a valid ID number. */
const breakChecksum = (id: string) => `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;

const NAMES = ['王一', '王二', '王三', '王四', '王五', '王六', '王七', '王八', '王九', '王十'];
/** The rows at these places (0-based) are wrong: the ID number's check digit, the phone, the date. */
const BAD = { citizenId: 2, phone: 5, date: 8 } as const;

/** Ten people hired (the demo organisation and the desktop one are employers); `birth` keeps the two runs' people apart. */
function people(birth: string): Record<RowColumn, string>[] {
  return NAMES.map((name, index) => ({
    name,
    citizenId: citizenId('440304', birth, String(101 + index * 2)),
    phone: `1390000${birth.slice(2, 4)}${String(index).padStart(2, '0')}`,
    event: t('sheet:events.hire'),
    date: shanghaiDay(-2),
    houseCode: '',
    street: '',
    address: '',
    workplace: '福田区深南大道 1 号工地',
  }));
}

function spoil(rows: Record<RowColumn, string>[]): Record<RowColumn, string>[] {
  return rows.map((row, index) => {
    if (index === BAD.citizenId) return { ...row, citizenId: breakChecksum(row.citizenId) };
    if (index === BAD.phone) return { ...row, phone: '1234567' };
    if (index === BAD.date) return { ...row, date: shanghaiDay(30) };
    return row;
  });
}

/** The template with its example row replaced by `rows` (header, lists and column formats kept). */
async function fillTemplate(template: Buffer, rows: Record<RowColumn, string>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header).toEqual(ROW_COLUMNS.map((column) => t(`sheet:columns.${column}`)));
  sheet.spliceRows(2, sheet.rowCount - 1);
  for (const row of rows) sheet.addRow(ROW_COLUMNS.map((column) => row[column]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(session.product.url);
  await page.waitForURL('**/sign-in');
  await page.getByRole('button', { name: t('auth:signIn.usePassword') }).click();
  await page.getByLabel(t('errors:fields.username'), { exact: true }).fill(username);
  await page.getByLabel(t('errors:fields.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('auth:signIn.submit'), exact: true }).click();
  await page.getByRole('heading', { name: t('portal:home.servicesTitle'), exact: true }).waitFor();
}

/** Clicks a button that makes the page download a file, and answers the file's bytes. */
async function downloadBy(page: Page, button: string, expectedName: RegExp): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  expect(download.suggestedFilename()).toMatch(expectedName);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The new-upload page: chooses `file` and sends it; the upload's page opens. */
async function upload(page: Page, fileName: string, file: Buffer) {
  await page.locator('#agency-file').setInputFiles({ name: fileName, mimeType: XLSX_CONTENT_TYPE, buffer: file });
  await page.getByTestId('agency-file-chosen').getByText(fileName).waitFor();
  await page.getByRole('button', { name: t('agency:newUpload.submit') }).click();
  await page.waitForURL(/\/agency\/uploads\/UP[0-9A-Z]{12}$/);
}

const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).locator('dd');

/** The upload page after a check: waits for the counts. */
async function checked(page: Page, valid: number, invalid: number) {
  await page.getByRole('heading', { name: t('agency:upload.checkedTitle') }).waitFor({ timeout: 60_000 });
  expect(await count(page, 'valid').textContent()).toBe(String(valid));
  expect(await count(page, 'invalid').textContent()).toBe(String(invalid));
}

async function commit(page: Page, written: number) {
  await page.getByRole('button', { name: t('agency:upload.commit'), exact: true }).click();
  const dialog = page.locator('.adm-dialog');
  await dialog.getByText(t('agency:upload.commitContent', { n: String(written) })).waitFor();
  await dialog.getByRole('button', { name: t('agency:upload.commit') }).click();
  await page.getByTestId('upload-written').getByText(t('agency:upload.committedLead', { n: String(written) })).waitFor({ timeout: 60_000 });
}

/** The whole journey for one signed-in organisation user, from /agency to the people list. */
async function journey(page: Page, run: Run, birth: string) {
  const { product } = session;
  await page.goto(`${product.url}/agency`);
  await page.getByText(t('agency:home.emptyTitle')).waitFor();
  await shot(page, run, 'home-empty');
  await checkScreen(page, run);

  // The template: an .xlsx (a zip: "PK") with the header in Chinese.
  await page.getByRole('link', { name: t('agency:home.newUpload') }).first().click();
  await page.getByRole('heading', { name: t('agency:newUpload.templateTitle') }).waitFor();
  const template = await downloadBy(page, t('agency:newUpload.download'), /^employer-template\.xlsx$/);
  expect(template.subarray(0, 2).toString('latin1')).toBe('PK');
  await page.getByTestId('template-link').waitFor();
  await shot(page, run, 'new-upload');
  await checkScreen(page, run);

  // Ten people, three of them wrong.
  const rows = people(birth);
  await upload(page, '员工名单.xlsx', await fillTemplate(template, spoil(rows)));
  await checked(page, 7, 3);
  const errors = page.getByTestId('upload-errors').getByRole('listitem');
  expect(await errors.count()).toBe(3);
  const lines = await errors.allTextContents();
  expect(lines[0]).toContain(t('agency:upload.errorRow', { row: String(BAD.citizenId + 2) }));
  expect(lines[0]).toContain(t('sheet:columns.citizenId'));
  expect(lines[1]).toContain(t('agency:upload.errorRow', { row: String(BAD.phone + 2) }));
  expect(lines[1]).toContain(t('sheet:columns.phone'));
  expect(lines[2]).toContain(t('agency:upload.errorRow', { row: String(BAD.date + 2) }));
  expect(lines[2]).toContain(t('sheet:columns.date'));
  await shot(page, run, 'dry-run');
  await checkScreen(page, run);

  await commit(page, 7);
  await shot(page, run, 'committed');
  await checkScreen(page, run);

  // The failed rows: three, in sheet order, with the reasons in Chinese in a last column.
  const errorFile = await downloadBy(page, t('agency:upload.downloadErrors'), /-errors\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(errorFile as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header.slice(0, ROW_COLUMNS.length)).toEqual(ROW_COLUMNS.map((column) => t(`sheet:columns.${column}`)));
  expect(header.at(-1)).toBe(t('sheet:errorsColumn'));
  const failed = [2, 3, 4].map((number) => (sheet.getRow(number).values as unknown[]).slice(1).map((value) => String(value ?? '')));
  expect(sheet.actualRowCount).toBe(4);
  expect(failed.map((cells) => cells[0])).toEqual([NAMES[BAD.citizenId], NAMES[BAD.phone], NAMES[BAD.date]]);
  expect(failed[0]!.at(-1)).toContain(t('sheet:columns.citizenId'));
  expect(failed[2]!.at(-1)).toMatch(/今天/);

  // Fixed in the error file itself (its error column is ignored on the way back in) and uploaded again.
  const fixes: Partial<Record<RowColumn, string>>[] = [
    { citizenId: rows[BAD.citizenId]!.citizenId },
    { phone: rows[BAD.phone]!.phone },
    { date: rows[BAD.date]!.date },
  ];
  fixes.forEach((fix, index) => {
    const row = sheet.getRow(index + 2);
    for (const [column, value] of Object.entries(fix)) row.getCell(ROW_COLUMNS.indexOf(column as RowColumn) + 1).value = value;
    row.commit();
  });
  const fixed = Buffer.from(await workbook.xlsx.writeBuffer());

  await page.getByRole('link', { name: t('agency:upload.reupload') }).click();
  await page.getByRole('heading', { name: t('agency:newUpload.fileTitle') }).waitFor();
  await upload(page, '员工名单-修改.xlsx', fixed);
  await checked(page, 3, 0);
  expect(await page.getByTestId('upload-errors').count()).toBe(0);
  await shot(page, run, 'fixed-dry-run');
  await commit(page, 3);
  await shot(page, run, 'fixed-committed');

  // All ten people, masked.
  await page.getByRole('link', { name: t('agency:upload.toPeople') }).click();
  await expect.poll(() => page.getByTestId('agency-person').count()).toBe(10);
  const first = await page.getByTestId('agency-person').first().textContent();
  expect(first).toMatch(/\*{4,}/);
  expect(first).not.toContain(rows[0]!.citizenId);
  await shot(page, run, 'people');
  await checkScreen(page, run);

  // The list shows both uploads, committed.
  await page.goto(`${product.url}/agency`);
  await expect.poll(() => page.getByTestId('upload-card').count()).toBe(2);
  expect(await page.getByTestId('upload-status').allTextContents()).toEqual([t('agency:statuses.committed'), t('agency:statuses.committed')]);
  await shot(page, run, 'home');
  await checkScreen(page, run);
}

/** A made-up unified social credit code, registered in Futian, with its check character. */
function creditCode(): string {
  const first17 = `91440304MA${Array.from({ length: 7 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[Math.floor(Math.random() * 31)]).join('')}`;
  return `${first17}${creditCodeCheck(first17)}`;
}

describe('an organisation reports its people in bulk, in zh-CN', () => {
  it('at phone size: template, a file with three bad rows, the dry run, commit, the error file fixed and uploaded again', async () => {
    const agency = session.product.demoAccounts.find((account) => account.role === 'agency');
    if (!agency) throw new Error('no demo agency account');
    const page = await session.newPage(PHONE, true);
    await signIn(page, agency.username!, agency.password!);
    await journey(page, 'zh-CN', '19900101');

    // The demo user administers the organisation: its API keys, the secret shown once.
    await page.getByRole('link', { name: t('agency:home.apiKeys') }).click();
    await page.getByLabel(t('agency:apiKeys.name'), { exact: true }).fill('人事系统');
    await page.getByRole('button', { name: t('agency:apiKeys.create') }).click();
    const secret = await page.getByTestId('api-key-secret').locator('output').textContent();
    expect(secret).toMatch(/^fpk_/);
    await page.getByTestId('api-key').first().waitFor();
    await shot(page, 'zh-CN', 'api-key');
    await checkScreen(page, 'zh-CN');
    await page.getByRole('button', { name: t('agency:apiKeys.done') }).click();
    await page.getByRole('button', { name: `${t('agency:apiKeys.revoke')} 人事系统` }).click();
    await page.locator('.adm-dialog').getByRole('button', { name: t('agency:apiKeys.revoke') }).click();
    await page.getByText(t('agency:apiKeys.empty')).waitFor();
    expect(await page.getByTestId('api-key').count()).toBe(0);

    // The same pages right to left, in Uyghur: the first upload's result and the people.
    await page.evaluate(() => localStorage.setItem('language', 'ug'));
    await page.goto(`${session.product.url}/agency`);
    await page.getByRole('heading', { name: text('ug', 'agency:home.listTitle') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('upload-card').last().click();
    await page.getByRole('heading', { name: text('ug', 'agency:upload.committedTitle') }).waitFor();
    await shot(page, 'ug', 'committed');
    await checkScreen(page, 'ug');
    await page.goto(`${session.product.url}/agency/people`);
    await expect.poll(() => page.getByTestId('agency-person').count()).toBe(10);
    await shot(page, 'ug', 'people');
    await checkScreen(page, 'ug');
  });

  it('at desktop size: the administrator creates an organisation and its user, who then uploads', async () => {
    const { product } = session;
    const admin = product.demoAccounts.find((account) => account.role === 'admin');
    if (!admin) throw new Error('no demo admin account');
    const streets = await call<{ divisions: { code: string; name: string }[] }>(product, 'GET', '/api/divisions?parent=440304');
    const street = streets.body.divisions[0]!;

    const office = await session.newPage(DESKTOP, false);
    await office.goto(`${product.url}/office/sign-in`);
    await office.getByLabel(t('errors:fields.username')).fill(admin.username!);
    await office.getByLabel(t('errors:fields.password'), { exact: true }).fill(admin.password!);
    await office.getByRole('button', { name: /登\s*录/ }).click();
    await office.getByRole('menuitem', { name: t('office:areas.accounts.title') }).click();
    await office.getByRole('heading', { name: t('organisations:list.title') }).waitFor();
    await office.getByRole('link', { name: '示例建筑劳务有限公司' }).waitFor();
    // The table fades back in once loaded: the picture waits for it.
    await office.waitForFunction(() => [...document.querySelectorAll('.ant-spin-container')].every((node) => getComputedStyle(node).opacity === '1'));
    await shot(office, 'desktop', 'office-organisations');
    expect(await accessibilityGaps(office)).toEqual([]);

    await office.getByRole('button', { name: t('organisations:list.create') }).click();
    const form = office.getByRole('dialog', { name: t('organisations:form.title') });
    await form.getByLabel(t('organisations:form.type')).click();
    await office.locator('.ant-select-item-option').filter({ hasText: t('sheet:orgTypes.employer') }).click();
    await form.getByLabel(t('organisations:form.name')).fill('福田示例劳务有限公司');
    // A wrong check character is caught before anything is sent.
    const code = creditCode();
    await form.getByLabel(t('organisations:form.creditCode')).fill(`${code.slice(0, 17)}${code.endsWith('1') ? '2' : '1'}`);
    await form.getByLabel(t('organisations:form.name')).click();
    await form.getByText(t('organisations:form.creditCodeInvalid')).waitFor();
    await form.getByLabel(t('organisations:form.creditCode')).fill(code);
    await form.getByLabel(t('organisations:form.division')).click();
    for (const place of ['广东省', '深圳市', '福田区', street.name]) {
      await office.locator('.ant-cascader-menu-item').filter({ hasText: new RegExp(`^${place}$`) }).click();
    }
    await office.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
    await form.getByLabel(t('organisations:form.detail')).fill('深南大道 1 号');
    await shot(office, 'desktop', 'office-create');
    await form.getByRole('button', { name: /创\s*建/ }).click();
    await office.getByRole('heading', { name: '福田示例劳务有限公司' }).waitFor();
    await office.getByText(code).waitFor();

    await office.getByRole('button', { name: t('organisations:detail.addUser') }).click();
    const userForm = office.getByRole('dialog', { name: t('organisations:userForm.title') });
    const username = `desk.${Date.now().toString(36)}`;
    await userForm.getByLabel(t('organisations:userForm.username')).fill(username);
    await userForm.getByLabel(t('organisations:userForm.displayName')).fill('李经办');
    await userForm.getByLabel(t('organisations:userForm.orgAdmin')).click();
    await userForm.getByRole('button', { name: /添\s*加/ }).click();
    const password = (await office.getByTestId('initial-password').locator('bdi').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    await shot(office, 'desktop', 'office-initial-password');
    await office.getByRole('button', { name: t('organisations:password.done') }).click();
    await office.getByRole('cell', { name: username }).waitFor();
    await expect.poll(() => office.getByRole('dialog').count()).toBe(0);
    await shot(office, 'desktop', 'office-organisation');
    expect(await accessibilityGaps(office)).toEqual([]);

    // The new user signs in to the portal on a desktop and makes the same journey.
    const page = await session.newPage(DESKTOP, false);
    await signIn(page, username, password);
    await journey(page, 'desktop', '19910202');
  });
});
