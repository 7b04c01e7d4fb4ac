// Temporary click-through for the permit screens (deleted after use).
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { chromium, type Page } from 'playwright-core';
import type { TestProduct } from '#test/support/product';
import { call } from '#test/support/api-client';
import { PERMIT_STREETS, issue, overviewOf, permitHolder, registeredMigrant } from '#test/support/permits';

const url = process.env.URL ?? 'http://localhost:3107';
const product = { url, dataDir: '/tmp/permitC/data', demoAccounts: JSON.parse(readFileSync('/tmp/permitC/data/demo-accounts.json', 'utf8')) } as unknown as TestProduct;
const SHOTS = 'test/e2e/screenshots/';
const step = process.env.STEP ?? 'all';

function photoPng(): Buffer {
  const png = new PNG({ width: 120, height: 160 });
  for (let y = 0; y < 160; y++)
    for (let x = 0; x < 120; x++) {
      const i = (y * 120 + x) * 4;
      const face = (x - 60) ** 2 / 900 + (y - 70) ** 2 / 1600 < 1;
      png.data[i] = face ? 240 : 90;
      png.data[i + 1] = face ? 200 : 140;
      png.data[i + 2] = face ? 170 : 220;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}
const pdf = Buffer.from('%PDF-1.7\n% test lease\n' + 'x'.repeat(200));
writeFileSync('/tmp/permitC/photo.png', photoPng());
writeFileSync('/tmp/permitC/lease.pdf', pdf);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const errors: string[] = [];
async function pageFor(token: string | undefined, language = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await context.addInitScript(
    ([t, l]) => {
      if (t) sessionStorage.setItem('session', JSON.stringify({ token: t, expiresAt: Date.now() + 3_600_000 }));
      localStorage.setItem('language', l!);
    },
    [token, language],
  );
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname.slice(0, 80)}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console ${m.text()}`);
  });
  return page;
}
const shot = (page: Page, name: string, full = true) => page.screenshot({ path: `${SHOTS}permit-dev-${name}.png`, fullPage: full });

async function decodeQr(page: Page): Promise<string> {
  const src = await page.getByTestId('permit-qr').getAttribute('src');
  const png = PNG.sync.read(Buffer.from(src!.split(',')[1]!, 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  return code!.data;
}

import { citizenIdNumber } from '#test/integration/review/migrants';
for (let i = 0; i < (Date.now() / 1000) % 850; i++) citizenIdNumber();
try {
  const migrant = await registeredMigrant(product, PERMIT_STREETS.shenyang, '2026-04-01');
  console.log('migrant', migrant.phone);
  const page = await pageFor(migrant.token);
  await page.goto(`${url}/permit`);
  await page.getByTestId('permit-eligibility').waitFor();
  await shot(page, '01-eligible');
  await page.getByTestId('permit-terms').locator('.pm-terms > summary').click();
  await shot(page, '02-terms');

  await page.getByTestId('permit-apply').click();
  await page.getByTestId('permit-step').waitFor();
  console.log('first step', await page.getByTestId('permit-step').getAttribute('data-step'));
  await shot(page, '03-validity');
  await page.getByText('2年', { exact: true }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.locator('[data-step="photo"]').waitFor();
  await page.locator('#permit-photo-file').setInputFiles('/tmp/permitC/photo.png');
  await page.getByText('已上传', { exact: false }).first().waitFor();
  await shot(page, '04-photo');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.locator('[data-step="proofs"]').waitFor();
  await page.locator('#permit-proof-lease-file').setInputFiles('/tmp/permitC/lease.pdf');
  await page.getByText('已上传', { exact: false }).first().waitFor();
  await shot(page, '05-proofs');
  await page.getByRole('button', { name: '下一步：核对信息' }).click();
  await page.locator('[data-step="check"]').waitFor();
  await shot(page, '06-check');
  await page.getByTestId('permit-submit').click();
  await page.getByTestId('permit-applied').waitFor({ timeout: 15000 }).catch(async (e) => {
    await shot(page, '06b-submit-error');
    throw e;
  });
  await shot(page, '07-applied');
  await page.getByTestId('permit-view-application').click();
  await page.getByTestId('permit-application').waitFor();
  await shot(page, '08-application');

  const overview = await overviewOf(product, migrant);
  const application = overview.body.self.application!;
  await issue(product, PERMIT_STREETS.shenyang, application);

  await page.goto(`${url}/permit`);
  await page.getByTestId('permit-card').waitFor();
  await page.getByTestId('permit-qr').waitFor();
  await shot(page, '09-card');
  const link = await decodeQr(page);
  console.log('qr link', link);

  const checker = await pageFor(undefined);
  const requests: string[] = [];
  checker.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname} auth=${r.headers().authorization ? 'yes' : 'no'}`));
  await checker.goto(link.replace(/^https?:\/\/[^/]+/, url));
  await checker.getByTestId('verify-result').waitFor();
  console.log('verify result', await checker.getByTestId('verify-result').getAttribute('data-result'));
  await shot(checker, '10-verify-valid');
  console.log('checker api requests', requests.filter((r) => r.includes('/api/')));

  // tampered
  const token = new URL(link).searchParams.get('t')!;
  const parts = token.split('.');
  const tampered = `${parts[0]}.${parts[1]!.slice(0, -2)}AA.${parts[2]}`;
  await checker.goto(`${url}/verify?t=${tampered}`);
  await checker.getByTestId('verify-result').waitFor();
  console.log('tampered', await checker.getByTestId('verify-result').getAttribute('data-result'));
  await shot(checker, '11-verify-forged');
  await checker.goto(`${url}/verify`);
  await checker.getByTestId('verify-paste').waitFor();
  await checker.getByTestId('verify-check').click();
  await shot(checker, '12-verify-empty');
  await checker.getByTestId('verify-scan').click();
  await checker.getByTestId('verify-scanner').waitFor();
  await checker.waitForTimeout(1500);
  console.log('scanner state', await checker.getByTestId('verify-scanner').getAttribute('data-state'));
  await shot(checker, '13-verify-scan');
  await checker.getByTestId('verify-paste').fill(link);
  await checker.getByTestId('verify-check').click();
  await checker.getByTestId('verify-result').waitFor();
  console.log('pasted', await checker.getByTestId('verify-result').getAttribute('data-result'));

  // card actions (Liaoning: leaving cancels at once)
  await page.getByTestId('permit-leave').click();
  await page.getByTestId('permit-leave-form').waitFor();
  await shot(page, '14-leave');
  await page.getByTestId('permit-leave-submit').click();
  await page.getByRole('dialog').waitFor();
  await shot(page, '14b-leave-confirm', false);
  await page.getByRole('dialog').getByRole('button', { name: '确认报告离开' }).click();
  await page.getByTestId('permit-left').waitFor();
  await shot(page, '15-left');

  // A Datong holder: leaving keeps the permit for 30 days, and can be taken back.
  const datong = await permitHolder(product, PERMIT_STREETS.datong, '2026-04-01');
  const dpage = await pageFor(datong.migrant.token);
  await dpage.goto(`${url}/permit`);
  await dpage.getByTestId('permit-card').waitFor();
  await shot(dpage, '16a-datong-card');
  await dpage.getByTestId('permit-leave').click();
  await dpage.getByTestId('permit-leave-submit').click();
  await dpage.getByRole('dialog').getByRole('button', { name: '确认报告离开' }).click();
  await dpage.getByTestId('permit-left').waitFor();
  await shot(dpage, '16b-datong-left');
  await dpage.goto(`${url}/permit`);
  await dpage.getByTestId('permit-leaving').waitFor();
  await shot(dpage, '16c-card-leaving');
  await dpage.getByTestId('permit-withdraw-leaving').click();
  await dpage.getByRole('button', { name: '撤回', exact: true }).click();
  await dpage.getByText('已撤回离开报告').waitFor();
  await dpage.getByTestId('permit-replace').click();
  await dpage.locator('[data-step="photo"]').waitFor();
  await shot(dpage, '17a-replace');
  await dpage.goto(`${url}/permit`);
  await dpage.getByTestId('permit-renew').click();
  await dpage.getByTestId('permit-renew-form').waitFor();
  await shot(dpage, '17-renew');

  const ug = await pageFor(datong.migrant.token, 'ug');
  await ug.goto(`${url}/permit`);
  await ug.getByTestId('permit-card').waitFor();
  await ug.getByTestId('permit-qr').waitFor();
  await shot(ug, '18-card-ug');
  await ug.goto(link.replace(/^https?:\/\/[^/]+/, url));
  await ug.getByTestId('verify-result').waitFor();
  await shot(ug, '19-verify-ug');
  const en = await pageFor(datong.migrant.token, 'en');
  await en.goto(`${url}/permit`);
  await en.getByTestId('permit-card').waitFor();
  await shot(en, '20-card-en');
  await en.goto(`${url}/me`);
  await shot(en, '21-me-en');
} catch (error) {
  console.error(error);
  for (const [i, p] of browser.contexts().entries()) for (const pg of p.pages()) await pg.screenshot({ path: `${SHOTS}permit-dev-zz-fail-${i}.png`, fullPage: true });
} finally {
  console.log(errors.join('\n'));
  await browser.close();
}
