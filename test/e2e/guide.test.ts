/**
 * The public service guide in a real browser against the whole local product: a visitor who has no
 * account follows the link on the sign-in page, picks 山西省 → 大同市, and reads Datong's rules with
 * their citations; Urumqi's rules by address; the same page in English and in right-to-left Uyghur.
 * The picker must never cost a phone the county, street or village files. Screenshots go to
 * test/e2e/screenshots/ (git-ignored) as guide-*.png for a person to look at.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { latestCode } from '#test/support/api-client';
import { accessibilityGaps, browserSession, PHONE, SCREENSHOTS, text } from '#test/support/browser';

/** The guide's own chunk (picker list, cascader, the page), gzip-compressed. */
const GUIDE_CHUNK_BUDGET_KB = 40;
/** A street in 北京市东城区: only the street file has it, so a script that holds it bundled that file. */
const STREET_NAME = '东华门街道';


/** "within 24 hours of moving in", as the policy explainer words an `after` rule. */
function withinAfter(language: string, amount: number, unit: string, event: string): string {
  return text(language, 'policy:timeRules.after', {
    duration: text(language, `policy:units.${unit}_${amount === 1 ? 'one' : 'other'}`, { count: String(amount) }),
    event: text(language, `policy:events.${event}`),
  });
}

const session = browserSession();
const { newPage } = session;

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}guide-${name}.png` });
/** A section of the page, in screen-high parts (-1, -2, …) so a tall one stays readable. */
async function shotOf(locator: Locator, name: string) {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`nothing to photograph for ${name}`);
  const page = locator.page();
  const top = box.y + (await page.evaluate(() => window.scrollY));
  const parts = Math.ceil(box.height / PHONE.height);
  for (let part = 0; part < parts; part++) {
    const y = top + part * PHONE.height;
    const height = Math.min(PHONE.height, top + box.height - y);
    const suffix = parts > 1 ? `-${part + 1}` : '';
    await page.screenshot({ path: `${SCREENSHOTS}guide-${name}${suffix}.png`, fullPage: true, clip: { x: 0, y, width: PHONE.width, height } });
  }
}

/** Nothing sticks out sideways: a phone page that scrolls horizontally hides part of every line. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const section = (page: Page, id: string) => page.locator(`#guide-${id}`);

/** The rule in a section whose label is `label`. */
const rule = (page: Page, id: string, label: string) =>
  section(page, id)
    .locator('.guide-rule')
    .filter({ has: page.getByText(label, { exact: true }) });

describe('service guide', () => {
  it('a visitor without an account picks 大同市 from the sign-in page and reads its rules with citations', async () => {
    const page = await newPage();
    const requested: string[] = [];
    const scripts = new Map<string, { gzip: number; hasStreets: boolean }>();
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', async (response) => {
      const path = new URL(response.url()).pathname;
      if (!path.endsWith('.js')) return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      scripts.set(path, { gzip: gzipSync(body, { level: 9 }).length, hasStreets: body.toString('utf8').includes(STREET_NAME) });
    });

    await page.goto(session.product.url);
    await page.waitForURL('**/sign-in');
    const guideLink = page.getByRole('link', { name: text('zh-CN', 'portal:guideLink.label'), exact: true });
    await guideLink.waitFor();
    await shot(page, '00-sign-in-link-zh');
    await guideLink.tap();
    await page.waitForURL('**/guide');
    await page.getByRole('heading', { name: text('zh-CN', 'guide:title'), exact: true }).waitFor();
    await page.getByText(text('zh-CN', 'guide:empty.title')).waitFor();
    await shot(page, '01-empty-zh');
    expect(await accessibilityGaps(page)).toEqual([]);

    // Like a person: tap "choose a city", tap the province, then the city, then confirm.
    await page.getByRole('button', { name: text('zh-CN', 'guide:picker.choose'), exact: true }).tap();
    const picker = page.getByRole('dialog', { name: text('zh-CN', 'guide:picker.title') });
    await picker.waitFor();
    const confirm = picker.getByRole('button', { name: text('zh-CN', 'guide:picker.confirm'), exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    const shanxi = picker.getByRole('button', { name: '山西省', exact: true });
    await shanxi.scrollIntoViewIfNeeded();
    await shanxi.tap();
    const datong = picker.getByRole('button', { name: '大同市', exact: true });
    await datong.scrollIntoViewIfNeeded();
    await datong.tap();
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await shot(page, '02-picker-zh');
    expect(await accessibilityGaps(page)).toEqual([]);
    await confirm.tap();
    await picker.waitFor({ state: 'detached' });

    await page.waitForURL('**/guide/1402');
    await section(page, 'landlords').waitFor();
    await page.getByText('山西省 · 大同市').waitFor();
    const summary = page.getByRole('region', { name: text('zh-CN', 'guide:summary.label') });
    await summary.getByText(text('zh-CN', 'policy:packs.datong'), { exact: true }).waitFor();
    await summary
      .getByText(text('zh-CN', 'guide:citation.title', { source: text('zh-CN', 'policy:sources.datong') }), { exact: true })
      .waitFor();
    await shot(page, '03-datong-zh');
    expect(await accessibilityGaps(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Landlords register within 24 hours of the move-in and report within 10 days (Art.14).
    await expect
      .poll(() => rule(page, 'landlords', text('zh-CN', 'guide:landlord.registerWithin')).textContent())
      .toContain(withinAfter('zh-CN', 24, 'hours', 'moveIn'));
    await expect
      .poll(() => rule(page, 'landlords', text('zh-CN', 'guide:landlord.reportMoveIn')).textContent())
      .toContain(withinAfter('zh-CN', 10, 'days', 'moveIn'));
    const quote = section(page, 'landlords').getByText('「入住后24小时内登记,并在10日内向居住地公安派出所报告」');
    await quote.waitFor();
    expect(await quote.getAttribute('lang')).toBe('zh-CN');
    await shotOf(section(page, 'landlords'), '04-datong-landlords-zh');

    // The permit is issued within 10 days of acceptance (Art.18), not the national 15.
    await expect
      .poll(() => rule(page, 'permit', text('zh-CN', 'guide:permit.issueWithin')).textContent())
      .toContain(withinAfter('zh-CN', 10, 'days', 'acceptance'));
    await shotOf(section(page, 'permit'), '05-datong-permit-zh');
    await shotOf(section(page, 'fines'), '06-datong-fines-zh');

    // Entitlements: a service opens to show where to apply and what to bring, with its citation.
    const entitlements = section(page, 'entitlements');
    const insurance = entitlements.locator('summary', { hasText: text('zh-CN', 'policy:services.socialInsurance') });
    await insurance.waitFor();
    await insurance.tap();
    const opened = entitlements.locator('details[open]');
    await opened.getByText(text('zh-CN', 'policy:offices.socialInsuranceAgency'), { exact: true }).waitFor();
    await opened.getByText(text('zh-CN', 'guide:entitlements.where'), { exact: true }).waitFor();
    await shotOf(entitlements, '07-datong-entitlements-zh');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Urumqi, by address: Xinjiang's 3 working days from arrival.
    await page.goto(`${session.product.url}/guide/6501`);
    await section(page, 'migrants').waitFor();
    await expect
      .poll(() => rule(page, 'migrants', text('zh-CN', 'guide:registration.deadline')).textContent())
      .toContain(withinAfter('zh-CN', 3, 'workingDays', 'arrival'));
    await page
      .getByRole('region', { name: text('zh-CN', 'guide:summary.label') })
      .getByText(text('zh-CN', 'policy:packs.xinjiang'), { exact: true })
      .waitFor();
    await shot(page, '08-urumqi-zh');

    await page.getByRole('button', { name: text('en', 'common:language.en') }).tap();
    await page.getByRole('heading', { name: text('en', 'guide:sections.migrants'), exact: true }).waitFor();
    await page.getByRole('heading', { name: text('en', 'guide:sections.permit'), exact: true }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await expect
      .poll(() => rule(page, 'migrants', text('en', 'guide:registration.deadline')).textContent())
      .toContain(withinAfter('en', 3, 'workingDays', 'arrival'));
    await shot(page, '09-urumqi-en');
    await shotOf(section(page, 'migrants'), '10-urumqi-migrants-en');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: text('ug', 'common:language.ug') }).tap();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ug');
    await page.getByRole('heading', { name: text('ug', 'guide:sections.migrants'), exact: true }).waitFor();
    await page.getByRole('heading', { name: text('ug', 'guide:sections.permit'), exact: true }).waitFor();
    await expect
      .poll(() => rule(page, 'migrants', text('ug', 'guide:registration.deadline')).textContent())
      .toContain(withinAfter('ug', 3, 'workingDays', 'arrival'));
    // Right to left: the way back sits at the right edge, the language buttons at the left.
    const back = await page.getByRole('link', { name: text('ug', 'guide:back.signIn') }).boundingBox();
    expect(back!.x + back!.width).toBeGreaterThan(PHONE.width - 24);
    const switcher = await page.getByRole('group', { name: text('ug', 'common:language.label') }).boundingBox();
    expect(switcher!.x).toBeLessThan(24);
    // The quoted regulation stays Chinese, and left to right, inside the Uyghur page.
    const quoteUg = section(page, 'migrants').locator('blockquote p').first();
    expect(await quoteUg.evaluate((element) => [element.getAttribute('lang'), getComputedStyle(element).direction])).toEqual(['zh-CN', 'ltr']);
    await shot(page, '11-urumqi-ug');
    await page.getByRole('button', { name: new RegExp(text('ug', 'guide:picker.change')) }).tap();
    const pickerUg = page.getByRole('dialog', { name: text('ug', 'guide:picker.title') });
    await pickerUg.getByRole('button', { name: '乌鲁木齐市', exact: true }).waitFor();
    await shot(page, '11-picker-ug');
    await pickerUg.getByRole('button', { name: text('ug', 'guide:picker.cancel'), exact: true }).tap();
    await pickerUg.waitFor({ state: 'detached' });
    await shotOf(section(page, 'migrants'), '12-urumqi-migrants-ug');
    await shotOf(section(page, 'permit'), '13-urumqi-permit-ug');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityGaps(page)).toEqual([]);

    // Datong in Uyghur, to see the densest page right to left.
    await page.goto(`${session.product.url}/guide/1402`);
    await section(page, 'landlords').waitFor();
    await shotOf(section(page, 'landlords'), '14-datong-landlords-ug');
    await shotOf(section(page, 'fines'), '15-datong-fines-ug');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The picker costs only the province–city list: no areas, streets or villages, in files or in scripts.
    expect(requested.filter((url) => /areas|streets|villages/i.test(new URL(url).pathname))).toEqual([]);
    expect([...scripts].filter(([, script]) => script.hasStreets).map(([path]) => path)).toEqual([]);
    const guideChunks = [...scripts].filter(([path]) => /\/GuidePage-[^/]+\.js$/.test(path));
    expect(guideChunks).toHaveLength(1);
    const guideKB = guideChunks[0]![1].gzip / 1024;
    console.log(`guide chunk: ${guideKB.toFixed(1)} KB gzip (${guideChunks[0]![0]})`);
    expect(guideKB).toBeLessThanOrEqual(GUIDE_CHUNK_BUDGET_KB);
  });

  it('says so when a place does not exist, and retries after a failed load', async () => {
    const page = await newPage();
    await page.goto(`${session.product.url}/guide/9901`);
    await page.getByText(text('zh-CN', 'guide:error.notFoundTitle')).waitFor();
    await shot(page, '16-not-found-zh');

    await page.route('**/api/policies/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${session.product.url}/guide/1402`);
    await page.getByText(text('zh-CN', 'guide:error.title')).waitFor();
    await page.getByText(text('zh-CN', 'common:error.network')).waitFor();
    await shot(page, '17-load-failed-zh');
    await page.unroute('**/api/policies/**');
    await page.getByRole('button', { name: text('zh-CN', 'common:action.retry') }).tap();
    await section(page, 'landlords').waitFor();
  });

  it('a signed-in resident reaches the guide from the Services list and goes back to it', async () => {
    const migrant = session.product.demoAccounts.find((candidate) => candidate.role === 'migrant');
    if (!migrant?.phone) throw new Error('no demo migrant');
    const page = await newPage();
    await page.goto(`${session.product.url}/sign-in`);
    await page.getByLabel(text('zh-CN', 'errors:fields.phone'), { exact: true }).fill(migrant.phone);
    await page.getByRole('button', { name: text('zh-CN', 'auth:phone.getCode') }).click();
    await page.locator('#code-message').waitFor();
    await page.getByLabel(text('zh-CN', 'errors:fields.code'), { exact: true }).fill(await latestCode(session.product, migrant.phone));
    await page.getByRole('button', { name: text('zh-CN', 'auth:signIn.submit'), exact: true }).click();
    await page.getByRole('heading', { name: text('zh-CN', 'portal:home.servicesTitle') }).waitFor();

    await page.getByRole('link', { name: text('zh-CN', 'portal:tabs.services'), exact: true }).click();
    const title = text('zh-CN', 'portal:services.guide.title');
    await page.getByRole('link', { name: text('zh-CN', 'portal:services.open', { name: title }) }).click();
    await page.waitForURL('**/guide');
    await page.getByRole('heading', { name: text('zh-CN', 'guide:title'), exact: true }).waitFor();
    await page.getByRole('link', { name: text('zh-CN', 'guide:back.services') }).click();
    await page.waitForURL('**/services');
    await page.getByText(text('zh-CN', 'portal:services.listTitle')).waitFor();
  });
});
