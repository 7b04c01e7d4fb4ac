/**
 * The web app under its own security headers in a real browser: the portal's sign-in, the back
 * office (signed in, antd's styles injected at run time) and the public permit check render with
 * not one Content Security Policy violation, and only the permit check may ask for the camera.
 * Screenshots go to test/e2e/screenshots/ as headers-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSession, DESKTOP, PHONE, SCREENSHOTS, text } from '#test/support/browser';

const session = browserSession();

const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}headers-${name}.png` });

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/**
 * A page watched for CSP violations from before its first script: the browser's violation events
 * and its console reports (which also name what an eval-style call was refused).
 */
async function watchedPage(viewport = PHONE, mobile = true) {
  const page = await session.newPage(viewport, mobile);
  const reported: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) reported.push(message.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations!.push(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  const violations = async () => [...reported, ...(await page.evaluate(() => window.cspViolations ?? []))];
  return { page, violations };
}

/** Whether the document's permissions policy lets it ask for the camera. */
const cameraAllowed = (page: Page) =>
  page.evaluate(() => {
    const policy = (document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } }).featurePolicy;
    if (!policy) throw new Error('this browser does not expose the permissions policy');
    return policy.allowsFeature('camera');
  });

function account(role: string) {
  const found = session.product.demoAccounts.find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no demo ${role}`);
  return found;
}

describe('the web app under its security headers', () => {
  it('the portal sign-in renders and asks for a code without a violation, and may not use the camera', async () => {
    const { page, violations } = await watchedPage();
    const response = await page.goto(session.product.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");
    await page.waitForURL('**/sign-in');
    await page.getByLabel(text('zh-CN', 'errors:fields.phone'), { exact: true }).fill(account('migrant').phone!);
    await page.getByRole('button', { name: text('zh-CN', 'auth:phone.getCode') }).click();
    await page.locator('#code-message').waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'portal-sign-in');
    expect(await violations()).toEqual([]);
    expect(await cameraAllowed(page)).toBe(false);
  });

  it("an officer signs in to the back office, styled by antd's injected styles, without a violation", async () => {
    const officer = account('officer');
    const { page, violations } = await watchedPage(DESKTOP, false);
    const response = await page.goto(`${session.product.url}/office`);
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await page.waitForURL('**/office/sign-in');
    await page.getByLabel(text('zh-CN', 'errors:fields.username')).fill(officer.username!);
    await page.getByLabel(text('zh-CN', 'errors:fields.password'), { exact: true }).fill(officer.password!);
    // antd spaces out two-character Chinese button labels ("登 录").
    const submit = page.getByRole('button', { name: /登\s*录/ });
    // antd's primary colour arrives only through the <style> elements it injects.
    expect(await submit.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(22, 119, 255)');
    await shot(page, 'office-sign-in');
    await submit.click();
    await page.getByText(text('zh-CN', 'office:workbench.title')).first().waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'office-workbench');
    expect(await violations()).toEqual([]);
    expect(await cameraAllowed(page)).toBe(false);
  });

  it('the permit check renders, loads its scanner without a violation, and may use the camera', async () => {
    const { page, violations } = await watchedPage();
    const response = await page.goto(`${session.product.url}/verify`);
    expect(response?.headers()['permissions-policy']).toMatch(/^camera=\(self\),/);
    await page.getByRole('heading', { name: text('zh-CN', 'verify:title') }).waitFor();
    expect(await cameraAllowed(page)).toBe(true);
    await page.getByRole('button', { name: text('zh-CN', 'verify:scan.start') }).click();
    // This browser has no camera: the scanner, once loaded, says so instead of showing a picture.
    await expect.poll(() => page.getByTestId('verify-scanner').getAttribute('data-state')).toMatch(/^(noCamera|denied|failed|scanning)$/);
    await page.waitForLoadState('networkidle');
    await shot(page, 'verify');
    expect(await violations()).toEqual([]);
  });
});
