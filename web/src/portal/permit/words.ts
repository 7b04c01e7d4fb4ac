import type { TFunction } from 'i18next';
import type { Duration } from '#shared/policy/schema';
import { describeDuration } from '#shared/policy/explain';
import { translate } from '../residence/words.ts';

/** The code lists of the permit, as they are grouped in the `permit` namespace's `codes`. */
export type PermitCodeList =
  | 'applicationStatuses'
  | 'statusHelp'
  | 'events'
  | 'kinds'
  | 'corrections'
  | 'rejections'
  | 'permitStatuses'
  | 'actors'
  | 'charges';

/** A permit code in the user's language: `permitCode(t, 'permitStatuses', 'valid')` → 有效. */
export const permitCode = (t: TFunction, list: PermitCodeList, code: string): string => translate(t)(`permit:codes.${list}.${code}`);

/** A policy document's name: 本人近期相片, Proof of residence. */
export const documentName = (t: TFunction, kind: string): string => translate(t)(`policy:documents.${kind}`);

/** "3 years", "3年", as the policy words a duration. */
export const durationText = (t: TFunction, duration: Duration): string => describeDuration(duration, translate(t));

/** A validity in whole years. */
export const yearsText = (t: TFunction, years: number): string => durationText(t, { amount: years, unit: 'years' });
