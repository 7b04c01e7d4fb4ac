/**
 * The JavaScript a phone downloads to show the sign-in page, measured in a real browser at a
 * phone viewport and gzip-compressed as a CDN would send it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { repoRoot } from '#infra/local/server';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function measureSignInWeight(url: string) {
  if (!existsSync(CHROMIUM)) return { skipped: `no browser at ${CHROMIUM}` };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // A phone set to Chinese: the default language, whose translation files are the ones fetched.
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) scripts.add(path);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const files = [...scripts].map((path) => {
      const bytes = readFileSync(join(repoRoot, 'web', 'dist', path));
      return { path, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
    const gzipKB = files.reduce((s, f) => s + f.gzipBytes, 0) / 1024;
    return {
      files,
      rawKB: Number((files.reduce((s, f) => s + f.bytes, 0) / 1024).toFixed(1)),
      gzipKB: Number(gzipKB.toFixed(1)),
      target: 'gzip ≤ 150 KB, no back-office chunk',
      backOfficeChunkLoaded: files.some((f) => /office/i.test(f.path)),
    };
  } finally {
    await browser.close();
  }
}
