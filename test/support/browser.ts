/**
 * What every browser test shares: Debian's Chromium with the flags this network needs, the phone
 * and desktop viewports, UI strings read from the same locale files the app loads, and the
 * accessibility basics checked on every screen.
 */
import jsQR from 'jsqr';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startProduct, type TestProduct } from './product.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Where browser tests save screenshots (git-ignored) for a person to look at. */
export const SCREENSHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));

export interface BrowserSession {
  /** The whole local product, started once for the test file. */
  readonly product: TestProduct;
  /** A fresh browser context (its own storage) showing one page; closed with the session. */
  newPage(viewport?: { width: number; height: number }, mobile?: boolean): Promise<Page>;
}

/** Starts the local product and Chromium before a test file's tests, and stops both after them. */
export function browserSession(): BrowserSession {
  let product: TestProduct | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    product = await startProduct();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await product?.close();
  });

  return {
    get product() {
      if (!product) throw new Error('the product starts in beforeAll');
      return product;
    },
    async newPage(viewport = PHONE, mobile = true) {
      if (!browser) throw new Error('the browser starts in beforeAll');
      const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      return page;
    },
  };
}

const locales = new URL('../../shared/i18n/locales/', import.meta.url);

/** A UI string as the user sees it, from the same files the app loads (no copies to drift). */
export function text(language: string, key: string, values: Record<string, string> = {}): string {
  const [namespace, path] = key.split(':') as [string, string];
  const file = JSON.parse(readFileSync(new URL(`${language}/${namespace}.json`, locales), 'utf8')) as Record<string, unknown>;
  let value: unknown = file;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no text ${language} ${key}`);
  return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/**
 * Accessibility basics on the screen shown: the page has a language, every form control a label,
 * every button, link and disclosure a name. Returns what falls short, for a readable failure.
 */
export async function accessibilityGaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const gaps: string[] = [];
    if (!document.documentElement.lang) gaps.push('<html> has no lang');
    const named = (element: Element) =>
      Boolean(
        element.getAttribute('aria-label') ||
          element.getAttribute('aria-labelledby') ||
          // Text folded away in a closed <details> has no innerText yet still names its control.
          ((element as HTMLElement).innerText || element.textContent)?.trim() ||
          element.getAttribute('title'),
      );
    for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      const labelled = (control as HTMLInputElement).labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
      if (!labelled) gaps.push(`unlabelled ${control.outerHTML.slice(0, 80)}`);
    }
    for (const control of document.querySelectorAll('button, a[href], [role=button], summary')) {
      if (!named(control)) gaps.push(`nameless ${control.outerHTML.slice(0, 80)}`);
    }
    return gaps;
  });
}

/**
 * Reads an image's QR code as a phone camera would: the page draws the image (a URL or a data URL)
 * on a canvas and its pixels go through a QR decoder. The image's size and the code's text
 * (undefined when no code decodes).
 */
export async function readQrImage(page: Page, src: string): Promise<{ width: number; height: number; text?: string }> {
  const { width, height, pixels } = await page.evaluate(async (source) => {
    const image = new Image();
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let at = 0; at < data.length; at += 0x8000) binary += String.fromCharCode(...data.subarray(at, at + 0x8000));
    return { width: canvas.width, height: canvas.height, pixels: btoa(binary) };
  }, src);
  const code = jsQR(new Uint8ClampedArray(Buffer.from(pixels, 'base64')), width, height);
  return { width, height, ...(code ? { text: code.data } : {}) };
}
