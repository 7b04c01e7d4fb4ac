/**
 * Residence registration end to end in a real browser against the whole local product, once in
 * Chinese and once in right-to-left Uyghur: a migrant fills the real-name profile, adds a child and
 * declares a residence in Urumqi (seeing Xinjiang's 3-working-day deadline and uploading the proof it
 * requires); the Urumqi officer returns it for correction; the migrant corrects and resubmits; the
 * officer verifies it; the migrant sees it registered, opens the certificate and reads the messages.
 * Screenshots of every step go to test/e2e/screenshots/ (git-ignored) as residence-<lang>-*.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { checkCharacter, maskCitizenId } from '#shared/residence/citizen-id';
import { latestCode } from '#test/support/api-client';
import { accessibilityGaps, browserSession, DESKTOP, PHONE, SCREENSHOTS, text } from '#test/support/browser';

/** A 1×1 PNG: the smallest real image a proof of residence can be. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const URUMQI_STATION = 'urumqi-hepinglu';
const URUMQI_PATH = ['新疆维吾尔自治区', '乌鲁木齐市', '天山区', '和平路街道'];
const REFERENCE = /^JD\d{8}-[0-9A-Z]{6}$/;

const citizenId = (first17: string) => `${first17}${checkCharacter(first17)}`;

interface Journey {
  language: 'zh-CN' | 'ug';
  phone: string;
  name: string;
  /** County code + birth date + sequence: the 17 digits before the check character. */
  first17: string;
  birthYear: string;
  sex: 'male' | 'female';
  /** What the first six digits pre-fill as the hukou county. */
  hukouCounty: string;
  ethnicity: string;
  child: string;
  detail: string;
  correctedDetail: string;
  note: string;
}

const JOURNEYS: Journey[] = [
  {
    language: 'zh-CN',
    phone: '13900000101',
    name: '李建国',
    first17: '51010419900101123',
    birthYear: '1990',
    sex: 'male',
    hukouCounty: '四川省 成都市 锦江区',
    ethnicity: '01',
    child: '李小雨',
    detail: '和平南路88号',
    correctedDetail: '和平南路88号3栋2单元501室',
    note: '请补充楼栋、单元和门牌号',
  },
  {
    language: 'ug',
    phone: '13900000102',
    name: 'گۈلنۇر ئەخمەت',
    first17: '65310119920315246',
    birthYear: '1992',
    sex: 'female',
    hukouCounty: '新疆维吾尔自治区 喀什地区 喀什市',
    ethnicity: '05',
    child: 'ئايگۈل',
    detail: '和平南路66号',
    correctedDetail: '和平南路66号5栋1单元302室',
    note: 'بىنا، ئىشىك ۋە ئۆي نومۇرىنى تولۇقلاڭ',
  },
];

const session = browserSession();
const { newPage } = session;

/** Nothing sticks out sideways: a phone page that scrolls horizontally hides part of every line. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * An antd button's name: antd spaces out a two-character Chinese label ("退 回"), and the name
 * starts with its icon's own label when it has one.
 */
const antdName = (label: string) => new RegExp(`${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);

/** "within 3 working days of arrival", as the policy explainer words an `after` rule. */
/** Whether the rendered text of `value` (digits and asterisks, no strong direction) runs left to right on screen. */
const typedOrder = (page: Page, value: string) =>
  page.evaluate((value) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(value) ?? -1;
      if (at < 0) continue;
      const box = (offset: number) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect().left;
      };
      return box(at) < box(at + value.length - 1);
    }
    throw new Error(`${value} is not on the page`);
  }, value);

/** antd's success notice about one declaration, told apart from an earlier one still fading out by its wording. */
const successNotice = (page: Page, reference: string, wording: string) =>
  page.locator('.ant-message-success').filter({ hasText: reference }).filter({ hasText: wording.trim() });

function withinAfter(language: string, amount: number, unit: string, event: string): string {
  return text(language, 'policy:timeRules.after', {
    duration: text(language, `policy:units.${unit}_${amount === 1 ? 'one' : 'other'}`, { count: String(amount) }),
    event: text(language, `policy:events.${event}`),
  });
}

/** Waits out antd's fade (a loading table, a pop-over opening) so a screenshot shows what stays. */
async function settled(locator: Locator) {
  await expect
    .poll(() => locator.evaluate((element) => element.getAnimations({ subtree: true }).length + Number(getComputedStyle(element).opacity !== '1')))
    .toBe(0);
}

/** Chooses one entry of an antd-mobile wheel (Picker, DatePicker) by tapping it, then confirms. */
async function pickOnWheel(page: Page, column: number, label: string, confirm: string) {
  const popup = page.locator('.adm-picker').last();
  await popup.waitFor();
  const item = popup.locator('.adm-picker-view-column').nth(column).locator('.adm-picker-view-column-item', { hasText: new RegExp(`^${label}$`) });
  // A tap while the sheet is still sliding in can be lost on a busy machine: tap again until the wheel holds it.
  await expect
    .poll(async () => {
      await item.dispatchEvent('click');
      return item.getAttribute('data-selected');
    })
    .toBe('true');
  await popup.getByText(confirm, { exact: true }).click();
  await popup.waitFor({ state: 'hidden' });
}

describe.each(JOURNEYS)('residence registration in $language', (journey) => {
  it('declare, returned for correction, resubmit, verified, certificate and messages', async () => {
    const { language: lang } = journey;
    const t = (key: string, values: Record<string, string> = {}) => text(lang, key, values);
    let step = 0;
    const shot = (page: Page, what: string) =>
      page.screenshot({ path: `${SCREENSHOTS}residence-${lang}-${String(++step).padStart(2, '0')}-${what}.png` });
    /** The main migrant screens: nothing unnamed, nothing sideways, and right to left in Uyghur. */
    async function checkScreen(page: Page) {
      expect(await accessibilityGaps(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await page.evaluate(() => document.dir)).toBe(lang === 'ug' ? 'rtl' : 'ltr');
    }
    const toast = (page: Page, message: string) => page.locator('.adm-toast-main').getByText(message).waitFor();
    const tab = (page: Page, key: string) =>
      page.getByRole('navigation', { name: t('portal:tabs.label') }).getByRole('link', { name: t(key), exact: true });

    // ---- 1. The migrant signs in by phone (Uyghur chosen with the sign-in page's switcher).
    const phone = await newPage(PHONE, true);
    await phone.goto(session.product.url);
    await phone.waitForURL('**/sign-in');
    if (lang === 'ug') {
      await phone.getByRole('button', { name: text('ug', 'common:language.ug') }).click();
      await expect.poll(() => phone.evaluate(() => document.documentElement.dir)).toBe('rtl');
    }
    await phone.getByLabel(t('errors:fields.phone'), { exact: true }).fill(journey.phone);
    await phone.getByRole('button', { name: t('auth:phone.getCode') }).click();
    await phone.locator('#code-message').waitFor();
    await phone.getByLabel(t('errors:fields.code'), { exact: true }).fill(await latestCode(session.product, journey.phone));
    await phone.getByRole('button', { name: t('auth:signIn.submit'), exact: true }).click();
    await phone.getByRole('heading', { name: t('portal:home.servicesTitle'), exact: true }).waitFor();
    await shot(phone, 'home');

    // ---- 2. The real-name profile.
    await tab(phone, 'portal:tabs.me').click();
    await phone.getByRole('link', { name: t('portal:pages.profile') }).click();
    await phone.getByRole('heading', { name: t('portal:pages.profile'), exact: true }).waitFor();
    await phone.getByLabel(t('residence:profile.name'), { exact: true }).waitFor();
    await shot(phone, 'profile-empty');
    await checkScreen(phone);

    await phone.getByLabel(t('residence:profile.name'), { exact: true }).fill(journey.name);
    await phone.getByLabel(t('residence:profile.citizenId'), { exact: true }).fill(citizenId(journey.first17));
    const derived = phone.locator('.rs-derived');
    await derived.waitFor();
    await expect.poll(() => derived.textContent()).toContain(journey.birthYear);
    if (lang === 'zh-CN') expect(await derived.textContent()).toContain('1990年1月1日');
    expect(await derived.textContent()).toContain(t(`residence:codes.sexes.${journey.sex}`));
    // The hukou county comes from the ID number's first six digits.
    const hukou = phone.locator('#profile-hukou-division');
    await expect.poll(() => hukou.textContent()).toBe(journey.hukouCounty);
    await phone.getByText(t('residence:profile.hukouFromId')).waitFor();

    await phone.locator('#profile-ethnicity').click();
    await pickOnWheel(phone, 0, t(`residence:codes.ethnicities.${journey.ethnicity}`), t('residence:form.confirm'));
    await expect.poll(() => phone.locator('#profile-ethnicity').textContent()).toBe(t(`residence:codes.ethnicities.${journey.ethnicity}`));
    await shot(phone, 'profile-id-read');

    await phone.getByLabel(t('residence:profile.hukouDetail'), { exact: true }).fill('幸福街12号');
    await phone.locator('#profile-education').click();
    await pickOnWheel(phone, 0, t('residence:codes.education.seniorSecondary'), t('residence:form.confirm'));
    await phone.locator('#profile-employment').click();
    await pickOnWheel(phone, 0, t('residence:codes.employment.employed'), t('residence:form.confirm'));
    await phone.getByLabel(t('residence:profile.employer'), { exact: true }).fill('乌鲁木齐市天山区和平建筑有限公司');
    await phone.getByRole('button', { name: t('residence:profile.save') }).scrollIntoViewIfNeeded();
    await shot(phone, 'profile-filled');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:profile.save') }).click();
    await toast(phone, t('residence:profile.saved'));
    await phone.waitForURL('**/me');
    await shot(phone, 'profile-saved');

    // ---- 3. An accompanying child without an ID number yet, by birth date.
    await phone.getByRole('link', { name: t('portal:pages.children') }).click();
    await phone.getByText(t('residence:children.emptyTitle')).waitFor();
    await shot(phone, 'children-empty');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:children.add') }).click();
    await phone.getByLabel(t('residence:children.name'), { exact: true }).fill(journey.child);
    await phone.getByRole('radio', { name: t('residence:children.noId') }).check();
    await phone.locator('#child-birthDate').click();
    await pickOnWheel(phone, 0, '2018', t('residence:form.confirm'));
    await expect.poll(() => phone.locator('#child-birthDate').textContent()).toContain('2018');
    await phone.getByRole('radio', { name: t(`residence:codes.sexes.${journey.sex}`) }).check();
    await phone.locator('#child-schoolStatus').click();
    await pickOnWheel(phone, 0, t('residence:codes.schoolStatuses.primary'), t('residence:form.confirm'));
    await shot(phone, 'child-form');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:children.save'), exact: true }).click();
    await toast(phone, t('residence:children.added'));
    const children = phone.getByRole('list', { name: t('residence:children.listLabel') });
    await children.getByRole('heading', { name: journey.child }).waitFor();
    expect(await children.textContent()).toContain(t('residence:codes.schoolStatuses.primary'));
    await shot(phone, 'children-listed');
    await checkScreen(phone);

    // ---- 4. The declaration, step by step, from the Services tab.
    await tab(phone, 'portal:tabs.services').click();
    await phone
      .getByRole('link', { name: t('portal:services.open', { name: t('portal:services.residence.title') }) })
      .click();
    await phone.getByText(t('residence:list.emptyTitle')).waitFor();
    await shot(phone, 'residence-empty');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:list.declare') }).click();
    await phone.getByRole('heading', { name: t('residence:declare.steps.address'), exact: true }).waitFor();

    await phone.locator('#declare-division').click();
    const picker = phone.getByRole('dialog', { name: t('residence:declare.street') });
    await picker.waitFor();
    for (const place of URUMQI_PATH) {
      const option = picker.getByRole('button', { name: place, exact: true });
      await option.scrollIntoViewIfNeeded();
      if (place === URUMQI_PATH.at(-1)) await shot(phone, 'street-picker');
      await option.click();
    }
    await picker.waitFor({ state: 'detached' });
    await phone.locator('.adm-popup').waitFor({ state: 'detached' });
    await expect.poll(() => phone.locator('#declare-division').textContent()).toBe(URUMQI_PATH.join(' '));
    await phone.getByLabel(t('residence:declare.detail'), { exact: true }).fill(journey.detail);
    await shot(phone, 'declare-address');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();

    await phone.getByRole('heading', { name: t('residence:declare.steps.details'), exact: true }).waitFor();
    // The move-in date offered first is today, the latest allowed.
    await phone.locator('#declare-moveInDate').click();
    const datePicker = phone.locator('.adm-picker').last();
    await datePicker.waitFor();
    await datePicker.getByText(t('residence:form.confirm'), { exact: true }).click();
    await datePicker.waitFor({ state: 'hidden' });
    // Xinjiang: within 3 working days of arrival, and declaring now is on time.
    const deadline = phone.locator('.rs-preview .rs-deadline');
    await deadline.waitFor();
    const threeWorkingDays = withinAfter(lang, 3, 'workingDays', 'arrival');
    expect(threeWorkingDays).toContain(t('policy:units.workingDays_other', { count: '3' }));
    await expect.poll(() => deadline.locator('.rs-deadline-rule').textContent()).toContain(threeWorkingDays);
    expect(await deadline.locator('.rs-deadline-filing').textContent()).toContain(t('residence:codes.filing.onTime'));
    expect(await deadline.locator('.rs-deadline-filing').textContent()).toContain(t('residence:deadline.onTimePreview'));
    await shot(phone, 'declare-deadline');
    await phone.getByRole('radio', { name: t('residence:codes.intendedStays.from6Months') }).check();
    await phone.getByRole('radio', { name: t('residence:codes.reasons.work') }).check();
    await phone.getByRole('radio', { name: t('residence:codes.housing.rented') }).check();
    await phone.getByLabel(t('residence:declare.landlordPhone'), { exact: true }).fill('13800138000');
    await shot(phone, 'declare-details');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();

    await phone.getByRole('heading', { name: t('residence:declare.steps.proof'), exact: true }).waitFor();
    await phone.getByText(t('residence:declare.proofRequiredLead')).waitFor();
    // What Xinjiang asks to bring, listed the way the language lists names.
    const documents = [t('policy:documents.citizenId'), t('policy:documents.residenceProof')].join(t('common:list.separator'));
    await phone.getByText(t('residence:declare.documents', { documents }), { exact: true }).waitFor();
    const folder = mkdtempSync(join(tmpdir(), 'proof-'));
    const proofFile = join(folder, '租房合同.png');
    writeFileSync(proofFile, PNG);
    await phone.locator('#proof-file').setInputFiles(proofFile);
    await phone.locator('.rs-upload-file').getByText(t('residence:upload.uploaded'), { exact: false }).waitFor();
    rmSync(folder, { recursive: true, force: true });
    await shot(phone, 'declare-proof');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();

    await phone.getByRole('heading', { name: t('residence:declare.steps.check'), exact: true }).waitFor();
    await phone.getByText(journey.detail, { exact: true }).waitFor();
    await phone.getByText('租房合同.png').waitFor();
    await shot(phone, 'declare-check');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.submit'), exact: true }).click();

    await expect.poll(() => phone.locator('#rs-done-title').textContent()).toBe(t('residence:declared.title'));
    const reference = (await phone.locator('.rs-done-reference').textContent())!.trim();
    expect(reference).toMatch(REFERENCE);
    await shot(phone, 'declared');
    await checkScreen(phone);

    // ---- 5. The Urumqi officer returns it for correction.
    const officer = session.product.demoAccounts.find((account) => account.role === 'officer' && account.station === URUMQI_STATION);
    if (!officer) throw new Error(`no demo officer of ${URUMQI_STATION}`);
    const office = await newPage(DESKTOP, false);
    await office.goto(`${session.product.url}/office`);
    await office.waitForURL('**/office/sign-in');
    if (lang === 'ug') {
      await office.getByRole('combobox', { name: text('zh-CN', 'common:language.label') }).click();
      await office.locator('.ant-select-item-option').filter({ hasText: text('ug', 'common:language.ug') }).click();
      await expect.poll(() => office.evaluate(() => document.documentElement.dir)).toBe('rtl');
    }
    await office.getByLabel(t('errors:fields.username')).fill(officer.username!);
    await office.getByLabel(t('errors:fields.password'), { exact: true }).fill(officer.password!);
    await office.getByRole('button', { name: antdName(t('auth:signIn.submit')) }).click();
    await office.getByRole('menuitem', { name: t('office:areas.residenceReview.title') }).click();
    await office.getByRole('heading', { name: t('review:queue.title'), exact: true }).waitFor();
    const row = office.getByRole('link', { name: reference, exact: true });
    await row.waitFor();
    await settled(office.locator('.review-table .ant-spin-container'));
    await shot(office, 'office-queue');
    // The masked ID number reads in typed order in both directions: its first digit stands left of its last.
    expect(await typedOrder(office, maskCitizenId(citizenId(journey.first17)))).toBe(true);
    await row.click();
    await office.getByRole('heading', { name: new RegExp(reference) }).waitFor();
    await office.getByText(journey.name).first().waitFor();
    await shot(office, 'office-detail');

    await office.getByRole('button', { name: antdName(t('review:action.return')) }).click();
    const returnForm = office.getByRole('dialog', { name: t('review:returnForm.title') });
    await returnForm.waitFor();
    await returnForm.getByRole('checkbox', { name: t('residence:codes.returnReasons.addressIncomplete') }).check();
    await returnForm.getByLabel(t('review:returnForm.note')).fill(journey.note);
    await shot(office, 'office-return');
    await returnForm.getByRole('button', { name: antdName(t('review:returnForm.submit')) }).click();
    await successNotice(office, reference, t('review:decision.returned', { id: '' })).waitFor();
    await shot(office, 'office-returned');

    // ---- 6. The migrant reads why in 消息 and on the declaration, corrects and resubmits.
    await tab(phone, 'portal:tabs.messages').click();
    const messages = phone.getByRole('list', { name: t('portal:messages.listLabel') });
    const returnedMessage = messages.getByRole('link').filter({ hasText: t('messages:declarationReturned.title') });
    await returnedMessage.waitFor();
    expect(await returnedMessage.textContent()).toContain(reference);
    await shot(phone, 'messages-returned');
    await checkScreen(phone);
    await returnedMessage.click();

    const summary = phone.locator('.rs-summary');
    await expect.poll(() => summary.locator('.rs-status').textContent()).toBe(t('residence:codes.statuses.returned'));
    const banner = phone.locator('.rs-banner-warning');
    await banner.getByText(t('residence:codes.returnReasons.addressIncomplete')).waitFor();
    await banner.getByText(journey.note).waitFor();
    await shot(phone, 'detail-returned');
    await checkScreen(phone);
    await banner.getByRole('link', { name: t('residence:detail.correct') }).click();

    await phone.getByRole('heading', { name: t('residence:declare.steps.address'), exact: true }).waitFor();
    await phone.getByText(t('residence:declare.returnedTitle')).waitFor();
    const detail = phone.getByLabel(t('residence:declare.detail'), { exact: true });
    expect(await detail.inputValue()).toBe(journey.detail);
    await detail.fill(journey.correctedDetail);
    await shot(phone, 'correct-address');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();
    await phone.getByRole('heading', { name: t('residence:declare.steps.details'), exact: true }).waitFor();
    await phone.locator('.rs-preview .rs-deadline').waitFor();
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();
    await phone.getByRole('heading', { name: t('residence:declare.steps.proof'), exact: true }).waitFor();
    await phone.locator('.rs-upload-file').getByText('租房合同.png').waitFor();
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();
    await phone.getByRole('heading', { name: t('residence:declare.steps.check'), exact: true }).waitFor();
    await phone.getByText(journey.correctedDetail, { exact: true }).waitFor();
    await shot(phone, 'correct-check');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.resubmit'), exact: true }).click();
    await expect.poll(() => phone.locator('#rs-done-title').textContent()).toBe(t('residence:declared.resubmittedTitle'));
    expect((await phone.locator('.rs-done-reference').textContent())!.trim()).toBe(reference);
    await shot(phone, 'resubmitted');
    await checkScreen(phone);

    // ---- 7. The officer verifies it.
    await office.getByRole('button', { name: antdName(t('review:queue.refresh')) }).click();
    await row.waitFor();
    await row.click();
    await office.getByRole('heading', { name: new RegExp(reference) }).waitFor();
    await office.getByText(journey.correctedDetail).first().waitFor();
    await office.getByRole('button', { name: antdName(t('review:action.verify')) }).click();
    const confirm = office.locator('.ant-popconfirm');
    await confirm.getByText(t('review:decision.verifyConfirmTitle')).waitFor();
    await settled(office.locator('.ant-popover'));
    await shot(office, 'office-verify-confirm');
    await confirm.getByRole('button', { name: antdName(t('review:action.verify')) }).click();
    // The notice of the return may still be showing: wait for the one that says verified.
    await successNotice(office, reference, t('review:decision.verified', { id: '' })).waitFor();
    await shot(office, 'office-verified');

    // ---- 8. Registered: the certificate, and the message that says so.
    await phone.getByRole('link', { name: t('residence:declared.view') }).click();
    await expect.poll(() => summary.locator('.rs-status').textContent()).toBe(t('residence:codes.statuses.registered'));
    await shot(phone, 'detail-registered');
    await checkScreen(phone);
    await phone.getByRole('link', { name: t('residence:detail.certificate') }).click();
    const certificate = phone.getByRole('article', { name: t('residence:certificate.title') });
    await certificate.waitFor();
    expect(await certificate.textContent()).toContain(journey.name);
    expect(await certificate.textContent()).toContain(reference);
    expect(await certificate.textContent()).toContain(journey.correctedDetail);
    await shot(phone, 'certificate');
    await checkScreen(phone);

    await tab(phone, 'portal:tabs.messages').click();
    const verifiedMessage = messages.getByRole('link').filter({ hasText: t('messages:declarationVerified.title') });
    await verifiedMessage.waitFor();
    expect(await verifiedMessage.textContent()).toContain(reference);
    await shot(phone, 'messages-verified');
    await checkScreen(phone);
  });
});
