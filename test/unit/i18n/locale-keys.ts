/** Helpers for the translation checks: flatten translation files, compare languages, find t() keys. */

export type Tree = { [key: string]: unknown };

/** `{ a: { b: 'x' } }` → `a.b → 'x'`; non-string leaves are kept so they can be reported. */
export function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, leaf] of leaves(value as Tree, path)) found.set(inner, leaf);
    } else {
      found.set(path, value);
    }
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort().join(',');

/**
 * Every way one namespace differs between languages: a key one language lacks, an empty or
 * non-string value, or different {{placeholders}} for the same key.
 */
export function compareLanguages(namespace: string, byLanguage: Record<string, Tree>): string[] {
  const problems: string[] = [];
  const flat = Object.fromEntries(Object.entries(byLanguage).map(([language, tree]) => [language, leaves(tree)]));
  const allKeys = new Set(Object.values(flat).flatMap((map) => [...map.keys()]));
  for (const key of [...allKeys].sort()) {
    const values = Object.entries(flat).map(([language, map]) => [language, map.get(key)] as const);
    for (const [language, value] of values) {
      if (value === undefined) problems.push(`${language}/${namespace}.json lacks "${key}"`);
      else if (typeof value !== 'string') problems.push(`${language}/${namespace}.json: "${key}" is not a string`);
      else if (value.trim() === '') problems.push(`${language}/${namespace}.json: "${key}" is empty`);
    }
    const strings = values.filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string');
    const shapes = new Set(strings.map(([, value]) => placeholders(value)));
    if (shapes.size > 1) {
      problems.push(`${namespace}:${key} has different placeholders: ${strings.map(([l, v]) => `${l}=[${placeholders(v)}]`).join(' ')}`);
    }
  }
  return problems;
}

export interface KeyUses {
  /** Keys written out in full: `t('portal:tabs.home')`. */
  literal: string[];
  /** The fixed start of template keys: `t(\`errors:fields.${path}\`)` → `errors:fields.`. */
  templatePrefixes: string[];
  /** Calls whose key is not written in the source at all: `t(key)`. These make the scan blind. */
  opaque: string[];
}

/** Finds every t() call in a source file and what its key is. */
export function findKeyUses(source: string): KeyUses {
  const uses: KeyUses = { literal: [], templatePrefixes: [], opaque: [] };
  for (const match of source.matchAll(/\bt\(\s*([^\s)])/g)) {
    const start = match.index! + match[0].length - 1;
    const quote = source[start];
    if (quote === "'" || quote === '"') {
      const end = source.indexOf(quote, start + 1);
      uses.literal.push(source.slice(start + 1, end));
    } else if (quote === '`') {
      const end = source.indexOf('`', start + 1);
      const body = source.slice(start + 1, end);
      const dollar = body.indexOf('${');
      if (dollar === -1) uses.literal.push(body);
      else uses.templatePrefixes.push(body.slice(0, dollar));
    } else {
      const lineEnd = source.indexOf('\n', start);
      uses.opaque.push(source.slice(match.index!, lineEnd === -1 ? undefined : lineEnd).trim());
    }
  }
  return uses;
}

/** `portal:tabs.home` → ['portal', 'tabs.home']; no namespace means the default one. */
export function splitKey(key: string, defaultNamespace: string): [string, string] {
  const colon = key.indexOf(':');
  return colon === -1 ? [defaultNamespace, key] : [key.slice(0, colon), key.slice(colon + 1)];
}

/** The value at a dotted path, or undefined. */
export function lookup(tree: Tree, path: string): unknown {
  let value: unknown = tree;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Tree)[part];
  }
  return value;
}
