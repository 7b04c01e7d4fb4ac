/**
 * The daily permit job's entry point: EventBridge Scheduler invokes it at 01:00 Shanghai time
 * (the local product on a timer). `{ "today": "YYYY-MM-DD" }` re-runs a day that was missed; without
 * it, today is the Shanghai date of the clock. Only counts are logged.
 */
import * as z from 'zod';
import { todayInShanghai } from '#functions/commons/clock';
import { logger } from '#functions/commons/logger';
import { isIsoDate } from '#shared/policy/civil-time';
import { sweepPermits, type SweepCounts } from './sweeping.ts';

export const DailySweepInput = z
  .object({ today: z.string().refine(isIsoDate, 'validation.isoDate').optional() })
  .strict();

export async function handler(event: unknown): Promise<SweepCounts> {
  const input = DailySweepInput.safeParse(event ?? {});
  if (!input.success) throw new Error(`invalid input: ${input.error.issues.map((i) => `${i.path.join('.') || '(event)'} ${i.message}`).join('; ')}`);
  const current = todayInShanghai();
  const today = input.data.today ?? current;
  // A day not yet come would suspend and expire permits early.
  if (today > current) throw new Error(`invalid input: ${today} is after today (${current})`);

  const counts = await sweepPermits(today);
  logger.info('permits swept', { today, ...counts });
  // An error the next run repairs, but one an operator should hear of (the function's error alarm).
  if (counts.failed > 0) throw new Error(`${counts.failed} permits not swept`);
  return counts;
}
