/**
 * The translation files agree across zh-CN, en and ug, and every key the web app asks for exists in
 * all three. The app's t() keys are always written out (`t('portal:tabs.home')`), so a text scan of
 * web/src finds them; a call whose key is a variable fails here rather than hiding a missing text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '#shared/i18n/languages';
import { compareLanguages, findKeyUses, lookup, splitKey, type Tree } from './locale-keys.ts';

const localesDir = new URL('../../../shared/i18n/locales/', import.meta.url);
const webSource = new URL('../../../web/src/', import.meta.url);
const DEFAULT_NAMESPACE = 'common';

const namespaceFiles = (language: string) =>
  readdirSync(new URL(`${language}/`, localesDir))
    .filter((file) => file.endsWith('.json'))
    .sort();

const load = (language: string, namespace: string) =>
  JSON.parse(readFileSync(new URL(`${language}/${namespace}.json`, localesDir), 'utf8')) as Tree;

function sourceFiles(dir: URL): URL[] {
  return readdirSync(dir).flatMap((name) => {
    const entry = new URL(name, dir);
    if (statSync(entry).isDirectory()) return sourceFiles(new URL(`${name}/`, dir));
    return /\.(ts|tsx)$/.test(name) ? [entry] : [];
  });
}

const namespaces = namespaceFiles(LANGUAGES[0]).map((file) => file.replace(/\.json$/, ''));
const sources = sourceFiles(webSource).map((url) => ({
  file: url.pathname.slice(webSource.pathname.length),
  uses: findKeyUses(readFileSync(url, 'utf8')),
}));

describe('translation files', () => {
  it('zh-CN addresses the person as 您 throughout, never 你', () => {
    const informal = namespaceFiles('zh-CN').filter((file) => readFileSync(new URL(`zh-CN/${file}`, localesDir), 'utf8').includes('你'));
    expect(informal).toEqual([]);
  });

  it('every language has the same namespace files', () => {
    for (const language of LANGUAGES) expect(namespaceFiles(language), language).toEqual(namespaceFiles(LANGUAGES[0]));
  });

  it.each(namespaces)('%s: same keys and placeholders in every language, no empty texts', (namespace) => {
    const byLanguage = Object.fromEntries(LANGUAGES.map((language) => [language, load(language, namespace)]));
    expect(compareLanguages(namespace, byLanguage)).toEqual([]);
  });
});

describe('keys used by the web app', () => {
  it('finds the app t() calls (the scan is not blind)', () => {
    expect(sources.reduce((sum, source) => sum + source.uses.literal.length, 0)).toBeGreaterThan(100);
  });

  it('every key is written out, so this scan can check it', () => {
    expect(sources.flatMap(({ file, uses }) => uses.opaque.map((call) => `${file}: ${call}`))).toEqual([]);
  });

  it('every key exists in every language', () => {
    const missing: string[] = [];
    for (const { file, uses } of sources) {
      for (const key of uses.literal) {
        const [namespace, path] = splitKey(key, DEFAULT_NAMESPACE);
        for (const language of LANGUAGES) {
          if (!namespaces.includes(namespace)) missing.push(`${file}: ${key} (no namespace ${namespace})`);
          else if (typeof lookup(load(language, namespace), path) !== 'string') missing.push(`${file}: ${key} in ${language}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every key built at run time starts with a group of keys that exists in every language', () => {
    const missing: string[] = [];
    for (const { file, uses } of sources) {
      for (const prefix of uses.templatePrefixes) {
        const [namespace, path] = splitKey(prefix, DEFAULT_NAMESPACE);
        const group = path.replace(/\.$/, '');
        for (const language of LANGUAGES) {
          const target = group === '' ? load(language, namespace) : lookup(load(language, namespace), group);
          if (!namespaces.includes(namespace) || target === null || typeof target !== 'object') {
            missing.push(`${file}: ${prefix}… in ${language}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the app loads every namespace it uses', () => {
    const i18nModule = readFileSync(new URL('i18n/i18n.ts', webSource), 'utf8');
    const loaded = /locales\/\*\/\{([^}]+)\}\.json/.exec(i18nModule)?.[1]?.split(',') ?? [];
    const used = new Set(
      sources.flatMap(({ uses }) => [...uses.literal, ...uses.templatePrefixes].map((key) => splitKey(key, DEFAULT_NAMESPACE)[0])),
    );
    expect([...used].filter((namespace) => !loaded.includes(namespace))).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('report a key that one language lacks, an empty text and mismatched placeholders', () => {
    const problems = compareLanguages('demo', {
      'zh-CN': { a: { b: '你好 {{name}}', c: '再见' } },
      en: { a: { b: 'Hello {{name}}', c: '' } },
      ug: { a: { b: 'ياخشىمۇسىز {{who}}' } },
    });
    expect(problems.sort()).toEqual([
      'demo:a.b has different placeholders: zh-CN=[name] en=[name] ug=[who]',
      'en/demo.json: "a.c" is empty',
      'ug/demo.json lacks "a.c"',
    ]);
  });

  it('tell written-out keys, template keys and opaque keys apart', () => {
    const uses = findKeyUses(
      "t('portal:tabs.home'); i18n.t(\"auth:signIn.submit\", { x }); t(`errors:fields.${path}`); t(key); format(list)",
    );
    expect(uses).toEqual({
      literal: ['portal:tabs.home', 'auth:signIn.submit'],
      templatePrefixes: ['errors:fields.'],
      opaque: ['t(key); format(list)'],
    });
  });
});
