// Temporary: screenshots of the back office permit screens (not part of the change).
import { it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { accessibilityGaps, browserSession, DESKTOP, SCREENSHOTS, text } from '#test/support/browser';
import { DATONG, PERMIT_STREETS, accept, newMigrant, officerCalls, placeApplication } from '../integration/permit-review/applications.ts';
import { declare } from '../integration/review/migrants.ts';
import { call } from '#test/support/api-client';

const session = browserSession();
const antdName = (label: string) => new RegExp(`(^|\\s)${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}$`);

it('looks', async () => {
  const product = session.product;
  const officer = product.demoAccounts.find((a) => a.role === 'officer' && a.station === DATONG)!;
  const { signInByPassword } = await import('#test/support/api-client');
  const token = await signInByPassword(product, officer.username!, officer.password!);
  const placed = [];
  for (let i = 0; i < 4; i++) {
    const m = await newMigrant(product, ['李娜', '王强', '阿依古丽·买买提', '赵敏'][i]);
    const d = await declare(product, m, '140213050', '2026-11-10');
    await call(product, 'POST', `/api/officer/declarations/${d.id}/decision`, { token, body: { decision: 'verify' } });
    placed.push(await placeApplication(product, m, { station: DATONG, street: PERMIT_STREETS.datong, declarationId: d.id, ...(i === 3 ? { holder: randomUUID(), holderName: '赵小宝' } : {}) }));
  }
  for (const p of placed.slice(0, 3)) await accept(product, token, p);
  const calls = officerCalls(product);
  await calls.decide(token, placed[3]!.id, { action: 'reject', reasons: ['notEligibleAge', 'other'], note: '未满16周岁，应随监护人登记', version: 1 });

  for (const language of ['ug', 'zh-CN']) {
    const t = (key: string, v: Record<string, string> = {}) => text(language, key, v);
    const page = await session.newPage(DESKTOP, false);
    await page.goto(`${product.url}/office`);
    await page.waitForURL('**/office/sign-in');
    if (language === 'ug') {
      await page.getByRole('combobox', { name: text('zh-CN', 'common:language.label') }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: text('ug', 'common:language.ug') }).click();
    }
    await page.getByLabel(t('errors:fields.username')).fill(officer.username!);
    await page.getByLabel(t('errors:fields.password'), { exact: true }).fill(officer.password!);
    await page.getByRole('button', { name: antdName(t('auth:signIn.submit')) }).click();
    await page.getByRole('menuitem', { name: t('office:areas.permitReview.title') }).click();
    await page.getByRole('heading', { name: t('permitReview:queue.title'), exact: true }).waitFor();
    await page.getByRole('tab', { name: t('permitReview:status.accepted'), exact: true }).click();
    await page.getByRole('link', { name: placed[0]!.id, exact: true }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOTS}look-${language}-01-accepted.png` });
    console.log(language, 'gaps', await accessibilityGaps(page));
    if (language === 'zh-CN') {
      for (const p of placed.slice(0, 2)) await page.locator('.ant-table-tbody tr').filter({ hasText: p.id }).locator('.ant-checkbox-input').check();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SCREENSHOTS}look-${language}-02-selected.png` });
      await page.getByRole('button', { name: antdName(t('permitReview:bulk.approve')) }).click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SCREENSHOTS}look-${language}-03-confirm.png` });
      await page.locator('.ant-popconfirm').getByRole('button', { name: antdName(t('permitReview:action.approve')) }).click();
      await page.locator('.ant-modal').waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SCREENSHOTS}look-${language}-04-results.png` });
      await page.locator('.ant-modal-footer button').click();
      await page.getByRole('tab', { name: t('permitReview:status.issued'), exact: true }).click();
      await page.getByRole('link', { name: placed[0]!.id, exact: true }).click();
      await page.getByRole('heading', { name: new RegExp(placed[0]!.id) }).waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SCREENSHOTS}look-${language}-05-issued.png`, fullPage: true });
      await page.goto(`${product.url}/office/permits/${placed[3]!.id}`);
      await page.getByRole('heading', { name: new RegExp(placed[3]!.id) }).waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${SCREENSHOTS}look-${language}-06-rejected.png`, fullPage: true });
    }
    await page.goto(`${product.url}/office/permits/${placed[2]!.id}`);
    await page.getByRole('heading', { name: new RegExp(placed[2]!.id) }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOTS}look-${language}-07-accepted-detail.png`, fullPage: true });
    console.log(language, 'detail gaps', await accessibilityGaps(page));
    await page.locator('.review-actions').getByRole('button', { name: antdName(t('permitReview:action.return')) }).click();
    await page.locator('.ant-modal').waitFor();
    await page.waitForTimeout(400);
    await page.locator('.ant-modal').getByRole('button', { name: antdName(t('permitReview:returnForm.submit')) }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}look-${language}-08-return.png` });
    await page.locator('.ant-modal').getByRole('button', { name: antdName(t('permitReview:action.cancel')) }).click();
    await page.waitForTimeout(400);
    if (language === 'ug') { await page.locator('.ant-modal').getByRole('button', { name: antdName(t('permitReview:action.cancel')) }).click().catch(() => {}); continue; }
    // Someone else decides meanwhile.
    const fresh = (await calls.detail(token, placed[2]!.id)).body;
    await calls.decide(token, placed[2]!.id, { action: 'return', corrections: ['proofMissing'], version: fresh.version });
    await page.locator('.review-actions').getByRole('button', { name: antdName(t('permitReview:action.approve')) }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: antdName(t('permitReview:action.approve')) }).click();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `${SCREENSHOTS}look-${language}-09-changed.png` });
    // Put it back for the next language.
    const again = (await calls.detail(token, placed[2]!.id)).body;
    await call(product, 'PUT', '/x', {});
    void again;
  }
}, 240_000);
