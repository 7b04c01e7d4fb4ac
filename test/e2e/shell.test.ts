/**
 * The web shell in a real browser against the whole local product: a migrant signs in with a code
 * from the SMS outbox, an officer signs in to the back office, and Uyghur turns the layout right to
 * left. Screenshots of every step go to test/e2e/screenshots/ (git-ignored) for a person to look at.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ORGANISATIONS, STATIONS } from '#infra/seed/reference-data';
import { latestCode } from '#test/support/api-client';
import { accessibilityGaps, browserSession, DESKTOP, PHONE, SCREENSHOTS, text } from '#test/support/browser';

/** The budget for the sign-in page: all JavaScript a phone downloads for it, gzip-compressed. */
const SIGN_IN_JS_BUDGET_KB = 150;


const session = browserSession();
const { newPage } = session;

/** What the screen shows (not the full page: the fixed tab bar would land mid-page). */
const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png` });

function account(role: string) {
  const found = session.product.demoAccounts.find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
}

/** Signs in on the phone sign-in page in whatever language it shows. */
async function signInWithPhone(page: Page, language: string, phone: string) {
  await page.getByLabel(text(language, 'errors:fields.phone'), { exact: true }).fill(phone);
  await page.getByRole('button', { name: text(language, 'auth:phone.getCode') }).click();
  await page.locator('#code-message').waitFor();
  await page.getByLabel(text(language, 'errors:fields.code'), { exact: true }).fill(await latestCode(session.product, phone));
  await page.getByRole('button', { name: text(language, 'auth:signIn.submit'), exact: true }).click();
}

describe('web shell', () => {
  it('a migrant signs in with the code from the outbox, reaches home, and 我的 shows the masked phone', async () => {
    const migrant = account('migrant');
    const phone = migrant.phone!;
    const page = await newPage(PHONE, true);

    const scripts = new Map<string, number>();
    const collecting = { on: true };
    page.on('response', async (response) => {
      const path = new URL(response.url()).pathname;
      if (!collecting.on || !path.endsWith('.js')) return;
      scripts.set(path, gzipSync(await response.body(), { level: 9 }).length);
    });

    await page.goto(session.product.url);
    await page.waitForURL('**/sign-in');
    await page.getByLabel(text('zh-CN', 'errors:fields.phone'), { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    collecting.on = false;
    await shot(page, '01-portal-sign-in-zh');
    expect(await accessibilityGaps(page)).toEqual([]);

    const gzipKB = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0) / 1024;
    console.log(
      `sign-in page JavaScript: ${gzipKB.toFixed(1)} KB gzip in ${scripts.size} files\n` +
        [...scripts].map(([path, bytes]) => `  ${(bytes / 1024).toFixed(1).padStart(6)} KB  ${path}`).join('\n'),
    );
    expect([...scripts.keys()].filter((path) => /office|antd/i.test(path) && !path.includes('/i18n/'))).toEqual([]);
    expect(gzipKB).toBeLessThanOrEqual(SIGN_IN_JS_BUDGET_KB);

    // Client-side validation in the user's language, from the shared zod schema.
    await page.getByLabel(text('zh-CN', 'errors:fields.phone'), { exact: true }).fill('12345');
    await page.getByRole('button', { name: text('zh-CN', 'auth:phone.getCode') }).click();
    await expect
      .poll(() => page.locator('#phone-message').textContent())
      .toBe(text('zh-CN', 'errors:validation.phone', { field: text('zh-CN', 'errors:fields.phone') }));
    await shot(page, '02-portal-sign-in-invalid-phone');

    await page.getByLabel(text('zh-CN', 'errors:fields.phone'), { exact: true }).fill(phone);
    await page.getByRole('button', { name: text('zh-CN', 'auth:phone.getCode') }).click();
    await page.locator('#code-message').waitFor();
    // The button waits out the 60 s before another code can be asked for.
    const resend = page.locator('.signin-get-code');
    await expect.poll(() => resend.isDisabled()).toBe(true);
    expect(await resend.textContent()).toMatch(/\d+/);
    await page.getByLabel(text('zh-CN', 'errors:fields.code'), { exact: true }).fill(await latestCode(session.product, phone));
    await shot(page, '03-portal-code-sent');
    await page.getByRole('button', { name: text('zh-CN', 'auth:signIn.submit'), exact: true }).click();

    await page.getByRole('heading', { name: text('zh-CN', 'portal:home.servicesTitle') }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText(text('zh-CN', 'portal:services.residence.title')).first().waitFor();
    await shot(page, '04-portal-home-zh');
    expect(await accessibilityGaps(page)).toEqual([]);

    await page.getByRole('link', { name: text('zh-CN', 'portal:tabs.services'), exact: true }).click();
    await page.getByText(text('zh-CN', 'portal:services.listTitle')).waitFor();
    await shot(page, '05-portal-services-zh');

    await page.getByRole('link', { name: text('zh-CN', 'portal:tabs.messages') }).click();
    await page.getByText(text('zh-CN', 'portal:messages.emptyTitle')).waitFor();
    await shot(page, '06-portal-messages-zh');

    await page.getByRole('link', { name: text('zh-CN', 'portal:tabs.me') }).click();
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    await expect.poll(() => page.getByTestId('me-phone').textContent()).toBe(masked);
    expect(await page.content()).not.toContain(phone);
    await shot(page, '07-portal-me-zh');
    expect(await accessibilityGaps(page)).toEqual([]);

    // The same resident token opening the back office is told plainly that it is not for them.
    await page.goto(`${session.product.url}/office`);
    await page.getByText(text('zh-CN', 'office:forbidden.title')).waitFor();
    await shot(page, '08-office-forbidden-for-resident');
  });

  it('an officer signs in to /office and sees the shell with their station', async () => {
    const officer = account('officer');
    const station = STATIONS.find((candidate) => candidate.id === officer.station);
    if (!station) throw new Error(`no station ${officer.station}`);
    const page = await newPage(DESKTOP, false);

    await page.goto(`${session.product.url}/office`);
    await page.waitForURL('**/office/sign-in');
    await page.getByLabel(text('zh-CN', 'errors:fields.username')).fill(officer.username!);
    await page.getByLabel(text('zh-CN', 'errors:fields.password'), { exact: true }).fill(officer.password!);
    await shot(page, '09-office-sign-in-zh');
    expect(await accessibilityGaps(page)).toEqual([]);
    // antd spaces out two-character Chinese button labels ("登 录").
    await page.getByRole('button', { name: /登\s*录/ }).click();

    await expect.poll(() => page.getByTestId('office-place').textContent()).toBe(station.name);
    await page.getByText(text('zh-CN', 'office:workbench.title')).first().waitFor();
    for (const division of station.divisions) await page.getByText(division, { exact: true }).waitFor();
    await page.getByText(text('zh-CN', 'office:areas.residenceReview.title')).first().waitFor();
    await shot(page, '10-office-workbench-zh');
    expect(await accessibilityGaps(page)).toEqual([]);

    // The back office follows the language too, including antd's right-to-left layout.
    await page.getByRole('combobox', { name: text('zh-CN', 'common:language.label') }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: text('ug', 'common:language.ug') }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await page.getByText(text('ug', 'office:workbench.title')).first().waitFor();
    const sider = await page.locator('.office-sider').boundingBox();
    expect(sider!.x + sider!.width).toBeGreaterThan(DESKTOP.width - 2);
    await shot(page, '11-office-workbench-ug');
  });

  it.each([
    ['agency', 'office:areas.bulkUpload.title', 'office:areas.residenceReview.title'],
    ['admin', 'office:areas.accounts.title', 'office:areas.bulkUpload.title'],
  ] as const)('an %s user signs in to /office and sees the shell of that role only', async (role, ownArea, otherArea) => {
    const user = account(role);
    const page = await newPage(DESKTOP, false);
    await page.goto(`${session.product.url}/office/sign-in`);
    await page.getByLabel(text('zh-CN', 'errors:fields.username')).fill(user.username!);
    await page.getByLabel(text('zh-CN', 'errors:fields.password'), { exact: true }).fill(user.password!);
    await page.getByRole('button', { name: /登\s*录/ }).click();

    const place = user.org ? ORGANISATIONS.find((org) => org.id === user.org)!.name : text('zh-CN', 'office:header.administration');
    await expect.poll(() => page.getByTestId('office-place').textContent()).toBe(place);
    await page.getByText(text('zh-CN', ownArea)).first().waitFor();
    expect(await page.getByText(text('zh-CN', otherArea)).count()).toBe(0);
    await shot(page, `16-office-${role}-zh`);
    expect(await accessibilityGaps(page)).toEqual([]);
  });

  it('choosing Uyghur turns the portal right to left, and the choice is remembered', async () => {
    const landlord = account('landlord');
    const page = await newPage(PHONE, true);
    await page.goto(session.product.url);
    await page.getByRole('button', { name: text('en', 'common:language.en') }).click();
    await page.getByRole('heading', { name: text('en', 'auth:phone.title') }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await shot(page, '12-portal-sign-in-en');

    await page.getByRole('button', { name: text('ug', 'common:language.ug') }).click();

    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ug');
    await page.getByRole('heading', { name: text('ug', 'auth:phone.title') }).waitFor();
    await shot(page, '13-portal-sign-in-ug');

    await signInWithPhone(page, 'ug', landlord.phone!);
    await page.getByRole('heading', { name: text('ug', 'portal:home.servicesTitle') }).waitFor();
    await shot(page, '14-portal-home-ug');

    // Right to left: the first tab (home) sits at the right edge and the last (me) at the left.
    const tabs = page.getByRole('navigation', { name: text('ug', 'portal:tabs.label') }).getByRole('link');
    const first = await tabs.first().boundingBox();
    const last = await tabs.last().boundingBox();
    expect(first!.x + first!.width).toBeGreaterThan(PHONE.width - 2);
    expect(last!.x).toBeLessThan(2);
    expect(await tabs.first().textContent()).toBe(text('ug', 'portal:tabs.home'));

    await tabs.last().click();
    await page.getByText(text('ug', 'portal:me.account')).first().waitFor();
    await shot(page, '15-portal-me-ug');

    await page.reload();
    await page.getByText(text('ug', 'portal:me.account')).first().waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ug', 'rtl']);
  });
});
