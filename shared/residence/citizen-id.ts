/**
 * Citizen ID numbers (公民身份号码) as GB 11643-1999 defines them: six digits of the division where
 * the number was issued, the birth date (YYYYMMDD), a three-digit sequence whose last digit is odd
 * for men and even for women, and a check character computed by ISO 7064 MOD 11-2 (0–9 or X).
 */
import { isIsoDate, type IsoDate } from '#shared/policy/civil-time';

export type Sex = 'male' | 'female';

export interface CitizenIdFacts {
  /** Normalised: upper-case X. */
  number: string;
  /** The division code of the first six digits (where the number was first issued). */
  issuingDivision: string;
  birthDate: IsoDate;
  sex: Sex;
}

/** Why a string is not a valid citizen ID number; each is an `errors:validation.*` key. */
export type CitizenIdProblem = 'citizenIdFormat' | 'citizenIdBirthDate' | 'citizenIdChecksum';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export const normaliseCitizenId = (value: string) => value.trim().toUpperCase();

/**
 * The facts an ID number carries, or the first problem with it. `today` bounds the birth date: a
 * number cannot belong to someone born in the future, nor before 1900.
 */
export function readCitizenId(value: string, today: IsoDate): { ok: true; facts: CitizenIdFacts } | { ok: false; problem: CitizenIdProblem } {
  const number = normaliseCitizenId(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(number)) return { ok: false, problem: 'citizenIdFormat' };
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) return { ok: false, problem: 'citizenIdBirthDate' };
  if (checkCharacter(number.slice(0, 17)) !== number[17]) return { ok: false, problem: 'citizenIdChecksum' };
  return {
    ok: true,
    facts: {
      number,
      issuingDivision: number.slice(0, 6),
      birthDate,
      sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** `110101199003071234` → `110101********1234`: the division and the last four, as lists show it. */
export function maskCitizenId(number: string): string {
  if (number.length !== 18) return '*'.repeat(number.length);
  return `${number.slice(0, 6)}${'*'.repeat(8)}${number.slice(14)}`;
}
