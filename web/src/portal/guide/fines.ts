import type { TFunction } from 'i18next';
import type { FineRule } from '#shared/policy/schema';
import { isolateLtr } from '../../i18n/bidi.ts';

/** Amounts keep their left-to-right order inside Uyghur sentences. */
export const money = (range: { min: number; max: number }) => isolateLtr(`${range.min}–${range.max}`);

/**
 * A fine as the pack states it, one fact a line: the range in yuan (or that there is no fine), the
 * range for serious cases, whether it counts per person, whether it waits for an order to correct,
 * and a credit record. Only what the pack says: nothing is worked out or rounded.
 */
export function fineFacts(fine: FineRule, t: TFunction): string[] {
  const facts: string[] = [];
  if (fine.amount) facts.push(t('guide:fines.amount', { range: money(fine.amount) }));
  else facts.push(fine.creditRecord ? t('guide:fines.noFine') : t('guide:fines.orderOnly'));
  if (fine.serious) facts.push(t('guide:fines.serious', { range: money(fine.serious) }));
  if (fine.perPerson) facts.push(t('guide:fines.perPerson'));
  if (fine.afterOrderToCorrect) facts.push(t('guide:fines.afterOrderToCorrect'));
  if (fine.creditRecord) facts.push(t('guide:fines.creditRecord'));
  return facts;
}
