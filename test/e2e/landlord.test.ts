/**
 * Landlord and tenant end to end in a real browser against the whole local product, in Chinese, at
 * phone size: a landlord registers a rental house in Datong and downloads its door poster; the
 * poster's QR code (decoded like a camera would) opens the house for a tenant in a second browser
 * context, who declares their residence there; the landlord confirms the request and the tenant's
 * declaration is registered without an officer; the landlord reports the tenant moving out and the
 * tenant's registration ends; the Datong officer sees the house, its occupancy and its tenancies'
 * history in the back office. Registering the same address again is refused with the house's code
 * and a link to it. Screenshots of every step go to test/e2e/screenshots/ (git-ignored)
 * as landlord-zh-CN-*.png.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Declaration } from '#shared/api/residence';
import { HOUSE_CODE_PATTERN, printedHouseCode } from '#shared/landlord/house';
import { call, latestCode, signInByPhone } from '#test/support/api-client';
import { accessibilityGaps, browserSession, DESKTOP, PHONE, readQrImage, SCREENSHOTS, text } from '#test/support/browser';
import { citizenId, profileBody } from '#test/support/residents';

const LANGUAGE = 'zh-CN';
/** 大同市平城区新建路街道: the Datong pack (register within 24 hours, report within 10 days). */
const STREET = '140213050';
const LANDLORD_PHONE = '13655510001';
const TENANT_PHONE = '13655510002';
const TENANT_NAME = '赵强';

const session = browserSession();
const t = (key: string, values: Record<string, string> = {}) => text(LANGUAGE, key, values);

let shots = 0;
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: `${SCREENSHOTS}landlord-${LANGUAGE}-${String(++shots).padStart(2, '0')}-${name}.png`, fullPage });

/** The main phone screens: nothing unnamed, nothing sideways. */
async function checkScreen(page: Page) {
  expect(await accessibilityGaps(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

async function signIn(page: Page, phone: string) {
  await page.goto(session.product.url);
  await page.waitForURL('**/sign-in');
  await page.getByLabel(t('errors:fields.phone'), { exact: true }).fill(phone);
  await page.getByRole('button', { name: t('auth:phone.getCode') }).click();
  await page.locator('#code-message').waitFor();
  await page.getByLabel(t('errors:fields.code'), { exact: true }).fill(await latestCode(session.product, phone));
  await page.getByRole('button', { name: t('auth:signIn.submit'), exact: true }).click();
  await page.getByRole('heading', { name: t('portal:home.servicesTitle'), exact: true }).waitFor();
}

/** Accepts an antd-mobile date picker's current value. */
async function acceptPicker(page: Page) {
  const popup = page.locator('.adm-picker').last();
  await popup.waitFor();
  await popup.getByText('确定', { exact: true }).click();
  await popup.waitFor({ state: 'hidden' });
}

/** Fills the house form from its first step to the check page; `record` takes the screenshots and checks the screens. */
async function fillHouseForm(landlord: Page, streetName: string, detail: string, record: boolean) {
  const recorded = async (name: string, check = false) => {
    if (!record) return;
    await shot(landlord, name);
    if (check) await checkScreen(landlord);
  };
  await landlord.locator('#house-division').click();
  const picker = landlord.getByRole('dialog', { name: t('landlord:form.street') });
  for (const place of ['山西省', '大同市', '平城区', streetName]) {
    const option = picker.getByRole('button', { name: place, exact: true });
    await option.scrollIntoViewIfNeeded();
    await option.click();
  }
  await landlord.locator('.adm-popup').waitFor({ state: 'detached' });
  await landlord.getByLabel(t('landlord:form.detail'), { exact: true }).fill(detail);
  await recorded('house-address');
  await landlord.getByRole('button', { name: '下一步', exact: true }).click();
  await landlord.getByLabel(t('landlord:form.buildingOptional')).fill('3');
  await landlord.getByLabel(t('landlord:form.unitOptional')).fill('2');
  await landlord.getByLabel(t('landlord:form.roomOptional')).fill('501');
  await landlord.getByRole('radio', { name: t('landlord:types.apartment') }).check();
  await landlord.getByLabel(t('landlord:form.rooms'), { exact: true }).fill('2');
  await landlord.getByLabel(t('landlord:form.maxOccupants'), { exact: true }).fill('3');
  await recorded('house-details', true);
  await landlord.getByRole('button', { name: '下一步', exact: true }).click();
  await landlord.getByRole('checkbox', { name: t('landlord:safety.smokeAlarm') }).check();
  await landlord.getByRole('checkbox', { name: t('landlord:safety.extinguisher') }).check();
  await landlord.getByRole('checkbox', { name: t('landlord:safety.escapeRoute') }).check();
  await landlord.getByRole('button', { name: '下一步', exact: true }).click();
  await landlord.getByRole('button', { name: t('landlord:form.submit') }).waitFor();
  await recorded('house-check', true);
}

describe('landlord and tenant in zh-CN', () => {
  it('house with a QR poster, the tenant scans and declares, the landlord confirms, then reports the move-out', async () => {
    const { product } = session;

    // The tenant has an account with their real-name details (the portal asks for them before any declaration).
    const tenantId = citizenId('140213', '19920202', '246');
    const tenantToken = await signInByPhone(product, TENANT_PHONE);
    const profile = await call(product, 'PUT', '/api/me/profile', {
      token: tenantToken,
      body: profileBody(tenantId, { name: TENANT_NAME, hukou: { division: '140213', detail: '新建路1号' } }),
    });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    const streets = await call<{ divisions: { code: string; name: string }[] }>(product, 'GET', '/api/divisions?parent=140213');
    const streetName = streets.body.divisions.find((d) => d.code === STREET)!.name;

    // The landlord registers a house.
    const landlord = await session.newPage(PHONE, true);
    await signIn(landlord, LANDLORD_PHONE);
    await landlord.goto(`${product.url}/houses`);
    await landlord.getByText(t('landlord:list.emptyTitle')).waitFor();
    await shot(landlord, 'houses-empty');
    await checkScreen(landlord);
    await landlord.getByRole('link', { name: t('landlord:list.register') }).first().click();
    await fillHouseForm(landlord, streetName, '新建南路88号', true);
    await landlord.getByRole('button', { name: t('landlord:form.submit') }).click();
    await landlord.locator('#ll-done-title').waitFor();
    const code = (await landlord.getByTestId('house-code').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(HOUSE_CODE_PATTERN);
    await landlord.getByTestId('house-qr').waitFor();
    await shot(landlord, 'house-registered');
    await checkScreen(landlord);

    // The poster: an A4 image whose QR code opens this house.
    const [download] = await Promise.all([
      landlord.waitForEvent('download'),
      landlord.getByRole('button', { name: t('landlord:poster.download') }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    const posterFile = `${SCREENSHOTS}landlord-${LANGUAGE}-poster.png`;
    await download.saveAs(posterFile);
    const poster = await readQrImage(landlord, `data:image/png;base64,${readFileSync(posterFile).toString('base64')}`);
    expect(poster.height / poster.width).toBeCloseTo(297 / 210, 2);
    expect(poster.width).toBeGreaterThanOrEqual(1200);
    expect(poster.text).toBe(`${product.url}/house/${code}`);

    // The same house again, its number typed in full width: refused with its code, and a link to it.
    await landlord.goto(`${product.url}/houses/new`);
    await fillHouseForm(landlord, streetName, '新建南路８８号', false);
    await landlord.getByRole('button', { name: t('landlord:form.submit') }).click();
    await landlord.getByRole('alert').getByText(t('errors:codes.house_exists', { code: printedHouseCode(code) })).waitFor();
    await shot(landlord, 'house-exists');
    await checkScreen(landlord);
    await landlord.getByRole('link', { name: t('landlord:form.openExisting') }).click();
    await landlord.waitForURL(`**/houses/${code}`);

    // The tenant scans the poster: the link opens the house, and the declaration starts there.
    const tenant = await session.newPage(PHONE, true);
    await signIn(tenant, TENANT_PHONE);
    await tenant.goto(poster.text!);
    await tenant.getByRole('link', { name: t('landlord:tenant.declareHere') }).waitFor();
    await shot(tenant, 'tenant-house');
    await checkScreen(tenant);
    await tenant.getByRole('link', { name: t('landlord:tenant.declareHere') }).click();
    await tenant.getByText('这是房东登记的房屋地址').waitFor();
    await shot(tenant, 'tenant-declare-address');
    await tenant.getByRole('button', { name: '下一步', exact: true }).click();
    await tenant.locator('#declare-moveInDate').click();
    await acceptPicker(tenant);
    await tenant.getByRole('radio', { name: '半年至1年' }).first().check();
    await tenant.locator('input[name="declare-reason"]').first().check();
    await shot(tenant, 'tenant-declare-details');
    await tenant.getByRole('button', { name: '下一步', exact: true }).click();
    // Datong asks for no proof of residence: the proof step may be passed without a file.
    const submit = tenant.getByRole('button', { name: t('residence:declare.submit') });
    await submit.or(tenant.locator('#proof-file')).first().waitFor();
    if (!(await submit.isVisible())) await tenant.getByRole('button', { name: '下一步', exact: true }).click();
    await submit.waitFor();
    await shot(tenant, 'tenant-declare-check');
    await tenant.getByRole('button', { name: t('residence:declare.submit') }).click();
    await tenant.locator('#rs-done-title').waitFor();
    await tenant.getByText(/等待房东确认/).first().waitFor();
    await shot(tenant, 'tenant-declared');
    await checkScreen(tenant);

    // Not in the officer's queue while the landlord is asked.
    const [summary] = (await call<{ items: Declaration[] }>(product, 'GET', '/api/me/declarations', { token: tenantToken })).body.items;
    const declared = (await call<Declaration>(product, 'GET', `/api/me/declarations/${summary!.id}`, { token: tenantToken })).body;
    expect(declared).toMatchObject({ status: 'submitted', houseId: code, landlordConfirmation: { state: 'requested' } });

    // The landlord sees the request on 我的房屋 and confirms it.
    await landlord.goto(`${product.url}/houses`);
    const requests = landlord.getByRole('link', { name: new RegExp(t('landlord:list.confirmations')) });
    await requests.waitFor();
    await shot(landlord, 'houses-with-request');
    await checkScreen(landlord);
    await requests.click();
    await landlord.getByRole('button', { name: `${t('landlord:confirmations.confirm')} ${TENANT_NAME}` }).click();
    await landlord.locator('.adm-dialog').getByRole('button', { name: t('landlord:confirmations.confirm') }).click();
    await landlord.getByText(new RegExp(`已确认.*${TENANT_NAME}`)).first().waitFor();
    await shot(landlord, 'confirmed');

    // The tenant's declaration is registered, without an officer.
    await tenant.goto(`${product.url}/residence/${declared!.id}`);
    await tenant.getByTestId('landlord-confirmation').getByText(t('residence:landlordConfirmation.confirmed')).waitFor();
    await shot(tenant, 'tenant-registered');
    await checkScreen(tenant);
    const registered = await call<Declaration>(product, 'GET', `/api/me/declarations/${declared!.id}`, { token: tenantToken });
    expect(registered.body).toMatchObject({ status: 'registered', landlordConfirmation: { state: 'confirmed' } });
    expect(registered.body.history.map((h) => h.event)).toEqual(['submitted', 'confirmedByLandlord']);

    // The house page: the tenant, the duties of the Datong pack and the fine range with its citation.
    await landlord.goto(`${product.url}/houses/${code}`);
    await landlord.getByRole('heading', { name: t('landlord:house.tenantsTitle') }).waitFor();
    await landlord.getByText('100').first().waitFor();
    await shot(landlord, 'house-page');
    await checkScreen(landlord);

    // The landlord reports the move-out: the tenant's registration ends and they are told.
    await landlord.getByRole('button', { name: `${t('landlord:moveOut.button')} ${TENANT_NAME}` }).click();
    await acceptPicker(landlord);
    await landlord.locator('.adm-dialog').getByRole('button', { name: t('landlord:moveOut.confirm') }).click();
    await landlord.getByText(new RegExp(`${TENANT_NAME}.*已于.*搬离`)).first().waitFor();
    await shot(landlord, 'moved-out');
    const ended = await call<Declaration>(product, 'GET', `/api/me/declarations/${declared!.id}`, { token: tenantToken });
    expect(ended.body.status).toBe('ended');
    await tenant.goto(`${product.url}/messages`);
    await tenant.getByText(/搬离/).first().waitFor();
    await shot(tenant, 'tenant-messages');

    // The station's officer sees the house in the back office and opens its record.
    const officer = product.demoAccounts.find((account) => account.role === 'officer' && account.station === 'datong-xinjianlu');
    if (!officer) throw new Error('no demo officer of the Datong station');
    const office = await session.newPage(DESKTOP, false);
    await office.goto(`${product.url}/office`);
    await office.waitForURL('**/office/sign-in');
    await office.getByLabel(t('errors:fields.username')).fill(officer.username!);
    await office.getByLabel(t('errors:fields.password'), { exact: true }).fill(officer.password!);
    await office.getByRole('button', { name: /登\s*录/ }).click();
    await office.getByRole('menuitem', { name: t('office:areas.housing.title') }).click();
    const houseRow = office.getByRole('link', { name: code, exact: true });
    await houseRow.waitFor();
    await shot(office, 'office-houses');
    await houseRow.click();
    await office.getByText(TENANT_NAME).first().waitFor();
    await shot(office, 'office-house');
    expect(await accessibilityGaps(office)).toEqual([]);
  });
});
