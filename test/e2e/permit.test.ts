/**
 * The residence permit end to end in a real browser against the whole local product, in Chinese:
 * a migrant whose residence in Shenzhen (national pack) has been registered for seven months signs
 * in on a phone, sees that they may apply, applies with a photo and two proofs, and gets a
 * reference; the Futian officer accepts and approves it in the back office; the phone shows the
 * electronic permit with a QR code that refreshes itself; a checker without an account opens the
 * code's link and sees "valid". A year later, with the endorsement missed, the daily job suspends
 * the permit: the card and the checker both say so. Screenshots of every step go to
 * test/e2e/screenshots/ (git-ignored) as permit-zh-CN-*.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { todayInShanghai } from '#functions/commons/clock';
import { handler as dailySweep } from '#functions/permit/daily-sweep';
import type { PermitCard } from '#shared/api/permit';
import { addDays, addMonths, addYears, startOfDay } from '#shared/policy/civil-time';
import { latestCode } from '#test/support/api-client';
import { accessibilityGaps, browserSession, DESKTOP, PHONE, readQrImage, SCREENSHOTS, text } from '#test/support/browser';
import { overviewOf, PERMIT_STREETS, registeredMigrant } from '#test/support/permits';

const LANGUAGE = 'zh-CN';
const SHENZHEN_STATION = 'shenzhen-futian';
const REFERENCE = /^JZ\d{8}-[0-9A-Z]{6}$/;
const PERMIT_NUMBER = /^4403-\d{4}-[0-9A-Z]{6}$/;

const session = browserSession();
const { newPage } = session;

const t = (key: string, values: Record<string, string> = {}) => text(LANGUAGE, key, values);

/** Nothing sticks out sideways: a phone page that scrolls horizontally hides part of every line. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The main phone screens: nothing unnamed, nothing sideways. */
async function checkScreen(page: Page) {
  expect(await accessibilityGaps(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
}

/**
 * An antd button's whole name: antd spaces out a two-character Chinese label ("受 理"), and the name
 * may start with its icon's label. Anchored so that 受理 does not also match 不予受理.
 */
const antdName = (label: string) => new RegExp(`(^|\\s)${[...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}$`);

/** An image drawn by the phone's own canvas: a head-and-shoulders portrait (JPEG) or a page of a document (PNG). */
function drawn(page: Page, what: 'portrait' | 'document'): Promise<Buffer> {
  return page
    .evaluate((what) => {
      const canvas = document.createElement('canvas');
      const g = canvas.getContext('2d')!;
      if (what === 'portrait') {
        canvas.width = 240;
        canvas.height = 320;
        g.fillStyle = '#dbe7f3';
        g.fillRect(0, 0, 240, 320);
        g.fillStyle = '#2f3b4c';
        g.beginPath();
        g.ellipse(120, 340, 120, 100, 0, 0, 2 * Math.PI);
        g.fill();
        g.fillStyle = '#f1c9a5';
        g.beginPath();
        g.ellipse(120, 150, 60, 76, 0, 0, 2 * Math.PI);
        g.fill();
        g.fillStyle = '#1f1f1f';
        g.beginPath();
        g.ellipse(120, 104, 64, 44, 0, Math.PI, 2 * Math.PI);
        g.fill();
        return canvas.toDataURL('image/jpeg', 0.85);
      }
      canvas.width = 300;
      canvas.height = 420;
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, 300, 420);
      g.fillStyle = '#333333';
      g.font = '20px sans-serif';
      g.fillText('房屋租赁合同', 90, 40);
      for (let y = 80; y < 400; y += 22) g.fillRect(24, y, y % 3 ? 252 : 180, 3);
      return canvas.toDataURL('image/png');
    }, what)
    .then((url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/** Reads the permit's QR code as a checker's camera would. */
async function scanQr(page: Page): Promise<string> {
  const src = await page.getByTestId('permit-qr').evaluate((element) => (element as HTMLImageElement).src);
  const { text: link } = await readQrImage(page, src);
  if (!link) throw new Error('the permit QR code does not decode');
  return link;
}

/** Scrolls an element to the middle of the screen, clear of the fixed title and tab bars, for a screenshot. */
const centre = (locator: Locator) => locator.evaluate((element) => element.scrollIntoView({ block: 'center' }));

/** Whether the photo on the page has loaded: an image with a size (a broken link shows a silhouette instead). */
const loaded = (page: Page, selector: string) =>
  page.locator(selector).evaluate((image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0);

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

describe('residence permit in zh-CN', () => {
  it('apply, accepted and approved, card with a refreshing QR, verified valid, suspended a year later', async () => {
    const { product } = session;
    let step = 0;
    const shot = (page: Page, what: string) =>
      page.screenshot({ path: `${SCREENSHOTS}permit-${LANGUAGE}-${String(++step).padStart(2, '0')}-${what}.png` });
    const tab = (page: Page, key: string) =>
      page.getByRole('navigation', { name: t('portal:tabs.label') }).getByRole('link', { name: t(key), exact: true });

    // ---- 1. By API: a migrant with a real-name profile and a residence in Futian, Shenzhen,
    // registered (declared and verified) since seven months ago, so the engine says eligible.
    const migrant = await registeredMigrant(product, PERMIT_STREETS.shenzhen, addMonths(todayInShanghai(), -7));

    // ---- 2. The migrant signs in on the phone and opens 居住证 from 我的.
    const phone = await newPage(PHONE, true);
    // The page's clock runs as usual, and can be moved on to the QR code's refresh without waiting for it.
    await phone.clock.install();
    await phone.goto(product.url);
    await phone.waitForURL('**/sign-in');
    await phone.getByLabel(t('errors:fields.phone'), { exact: true }).fill(migrant.phone);
    await phone.getByRole('button', { name: t('auth:phone.getCode') }).click();
    await phone.locator('#code-message').waitFor();
    await phone.getByLabel(t('errors:fields.code'), { exact: true }).fill(await latestCode(product, migrant.phone));
    await phone.getByRole('button', { name: t('auth:signIn.submit'), exact: true }).click();
    await phone.getByRole('heading', { name: t('portal:home.servicesTitle'), exact: true }).waitFor();
    await tab(phone, 'portal:tabs.me').click();
    await phone.getByRole('link', { name: t('portal:pages.permit'), exact: true }).click();

    const eligibility = phone.getByTestId('permit-eligibility');
    await eligibility.waitFor();
    expect(await eligibility.getAttribute('data-status')).toBe('eligible');
    expect(await eligibility.textContent()).toContain(t('permit:eligibility.eligible'));
    await shot(phone, 'eligible');
    // What the pack asks for, folded under 申领须知.
    await phone.getByTestId('permit-terms').locator('summary').first().click();
    await phone.getByTestId('permit-terms').getByText(t('permit:terms.documents')).waitFor();
    await phone.getByTestId('permit-terms').scrollIntoViewIfNeeded();
    await shot(phone, 'terms');
    await checkScreen(phone);

    // ---- 3. Apply: the national pack offers no validity choice, so photo, proofs, check.
    await phone.getByTestId('permit-apply').click();
    const stepTitle = phone.getByTestId('permit-step');
    await expect.poll(() => stepTitle.getAttribute('data-step')).toBe('photo');
    await phone.locator('#permit-photo-file').setInputFiles({ name: '证件照.jpg', mimeType: 'image/jpeg', buffer: await drawn(phone, 'portrait') });
    await phone.locator('.rs-upload-file').getByText(t('residence:upload.uploaded'), { exact: false }).waitFor();
    await shot(phone, 'apply-photo');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('residence:declare.next'), exact: true }).click();

    await expect.poll(() => stepTitle.getAttribute('data-step')).toBe('proofs');
    // National: proof of residence, of a job or of study; at least one. This migrant has a home and a job.
    const documentPng = await drawn(phone, 'document');
    // One after the other, as a person picks them.
    const proofs = [
      ['residenceProof', '租房合同.png'],
      ['employmentProof', '劳动合同.png'],
    ] as const;
    for (const [kind, name] of proofs) {
      await phone.locator(`#permit-proof-${kind}-file`).setInputFiles({ name, mimeType: 'image/png', buffer: documentPng });
      await phone.getByTestId(`permit-proof-${kind}`).locator('.rs-upload-file').getByText(t('residence:upload.uploaded'), { exact: false }).waitFor();
    }
    expect(await phone.locator('.rs-upload-file').filter({ hasText: t('residence:upload.uploaded') }).count()).toBe(2);
    await shot(phone, 'apply-proofs');
    await checkScreen(phone);
    await phone.getByRole('button', { name: t('permit:apply.toCheck'), exact: true }).click();

    await expect.poll(() => stepTitle.getAttribute('data-step')).toBe('check');
    for (const file of ['证件照.jpg', '租房合同.png', '劳动合同.png']) await phone.getByText(file).waitFor();
    await shot(phone, 'apply-check');
    await checkScreen(phone);
    await phone.getByTestId('permit-submit').click();

    await phone.getByTestId('permit-applied').waitFor();
    const reference = (await phone.getByTestId('permit-reference').textContent())!.trim();
    expect(reference).toMatch(REFERENCE);
    await shot(phone, 'applied');
    await checkScreen(phone);

    // ---- 4. The Futian officer accepts, then approves, in the back office.
    const officer = product.demoAccounts.find((account) => account.role === 'officer' && account.station === SHENZHEN_STATION);
    if (!officer) throw new Error(`no demo officer of ${SHENZHEN_STATION}`);
    const office = await newPage(DESKTOP, false);
    await office.goto(`${product.url}/office`);
    await office.waitForURL('**/office/sign-in');
    await office.getByLabel(t('errors:fields.username')).fill(officer.username!);
    await office.getByLabel(t('errors:fields.password'), { exact: true }).fill(officer.password!);
    await office.getByRole('button', { name: antdName(t('auth:signIn.submit')) }).click();
    await office.getByRole('menuitem', { name: t('office:areas.permitReview.title') }).click();
    await office.getByRole('heading', { name: t('permitReview:queue.title'), exact: true }).waitFor();
    const row = office.getByRole('link', { name: reference, exact: true });
    await row.waitFor();
    await shot(office, 'office-queue');
    await row.click();

    /** Takes the decision step forward (受理, then 审批发证) through its confirmation. */
    async function decide(action: 'accept' | 'approve', done: string) {
      await office.getByRole('heading', { name: new RegExp(reference) }).waitFor();
      const label = t(`permitReview:action.${action}`);
      await office.locator('.review-actions').getByRole('button', { name: antdName(label) }).click();
      const confirm = office.locator('.ant-popconfirm');
      await confirm.getByText(t(`permitReview:decision.${action}ConfirmTitle`)).waitFor();
      await shot(office, `office-${action}-confirm`);
      await confirm.getByRole('button', { name: antdName(label) }).click();
      // The notice of this decision (the previous one may still be fading out).
      await office.locator('.ant-message-success').filter({ hasText: reference }).filter({ hasText: done }).waitFor();
    }
    await decide('accept', t('permitReview:decision.accepted', { id: '' }).trim());
    const queueTitle = office.getByRole('heading', { name: t('permitReview:queue.title'), exact: true });
    await queueTitle.waitFor();
    await shot(office, 'office-accepted');
    await office.getByRole('tab', { name: t('permitReview:status.accepted'), exact: true }).click();
    await row.click();
    await decide('approve', t('permitReview:decision.approved', { id: '', number: '' }).trim().split(/\s/)[0]!);
    await queueTitle.waitFor();
    await shot(office, 'office-approved');

    // ---- 5. The phone: the card, valid, with a QR code that counts down and refreshes itself.
    await phone.getByRole('link', { name: t('permit:backToPermit'), exact: true }).click();
    const card = phone.getByTestId('permit-card');
    await card.waitFor();
    const status = card.getByTestId('permit-status');
    expect(await status.getAttribute('data-status')).toBe('valid');
    expect(await status.textContent()).toBe(t('permit:codes.permitStatuses.valid'));
    expect(await card.textContent()).toContain(migrant.name);
    const number = (await card.locator('.pm-card-facts .rs-reference').textContent())!.trim();
    expect(number).toMatch(PERMIT_NUMBER);
    const qr = phone.getByTestId('permit-qr');
    await qr.waitFor();
    await expect.poll(() => loaded(phone, '.pm-card-photo')).toBe(true);
    const countdown = phone.getByTestId('permit-qr-countdown');
    const firstCount = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(firstCount);
    await shot(phone, 'card-valid');
    await checkScreen(phone);
    await centre(phone.getByTestId('permit-qr-block'));
    await shot(phone, 'card-qr');

    const firstImage = await qr.getAttribute('src');
    const firstLink = await scanQr(phone);
    expect(firstLink).toMatch(new RegExp(`^${product.url}/verify\\?t=`));
    // A minute on: the countdown reaches zero and the phone fetches a new code by itself.
    const refetched = phone.waitForResponse((response) => new URL(response.url()).pathname === '/api/me/permit' && response.ok());
    await phone.clock.fastForward('01:00');
    await refetched;
    await expect.poll(() => qr.getAttribute('src')).not.toBe(firstImage);
    const link = await scanQr(phone);
    expect(link).not.toBe(firstLink);
    await shot(phone, 'card-refreshed');

    // ---- 6. A checker without an account opens the link: valid, with the masked name and the photo.
    const checker = await newPage(PHONE, true);
    await checker.goto(link);
    const verdict = checker.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('valid');
    expect(await checker.locator('#verify-headline').textContent()).toBe(t('verify:result.valid'));
    expect((await checker.getByTestId('verify-name').textContent())!.trim()).toBe(`${[...migrant.name][0]}*`);
    expect(await verdict.textContent()).not.toContain(migrant.name);
    expect(await verdict.textContent()).toContain(number);
    await expect.poll(() => loaded(checker, '.verify-photo')).toBe(true);
    await shot(checker, 'verify-valid');
    await checkScreen(checker);

    // ---- 7. A year later the endorsement was never done: the day after its window closed, the
    // daily job (run here in-process, as the scheduler would) suspends the permit.
    const overview = await overviewOf(product, migrant);
    const issued = overview.body.self.permit as PermitCard;
    expect(issued.nextEndorsement?.closes).toBe(addYears(issued.issuedOn, 1));
    const dayAfter = addDays(issued.nextEndorsement!.closes, 1);
    // 02:00 in Shanghai that day, an hour after the scheduled run.
    process.env.CLOCK_OFFSET_MS = String(startOfDay(dayAfter).getTime() + 2 * 3600 * 1000 - Date.now());
    const counts = await dailySweep({});
    expect(counts.failed).toBe(0);
    expect(counts.changed).toBeGreaterThanOrEqual(1);

    await phone.reload();
    await card.waitFor();
    expect(await status.getAttribute('data-status')).toBe('suspended');
    expect(await status.textContent()).toBe(t('permit:codes.permitStatuses.suspended'));
    await phone.getByTestId('permit-status-explanation').getByText(t('permit:statusExplanation.suspended')).waitFor();
    await qr.waitFor();
    await expect.poll(() => loaded(phone, '.pm-card-photo')).toBe(true);
    await shot(phone, 'card-suspended');
    await checkScreen(phone);
    await centre(phone.getByTestId('permit-status-explanation'));
    await shot(phone, 'card-suspended-why');

    const suspendedLink = await scanQr(phone);
    await checker.goto(suspendedLink);
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-result')).toBe('suspended');
    expect(await checker.locator('#verify-headline').textContent()).toBe(t('verify:result.suspended'));
    expect(await checker.getByText(t('verify:explain.suspended')).count()).toBe(1);
    await expect.poll(() => loaded(checker, '.verify-photo')).toBe(true);
    await shot(checker, 'verify-suspended');
    await checkScreen(checker);
  });
});
