/**
 * What every browser test shares: Debian's Chromium with the flags this network needs, the phone
 * and desktop viewports, UI strings read from the same locale files the app loads, and the
 * accessibility basics checked on every screen.
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

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
          (element as HTMLElement).innerText?.trim() ||
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
