/**
 * The hourly referral job's entry point: EventBridge Scheduler invokes it every hour (the local
 * product on a timer). Tenants' requests no landlord answered by their deadline go to the station's
 * officer. It takes no input; only counts are logged.
 */
import * as z from 'zod';
import { logger } from '#functions/commons/logger';
import { referUnanswered, type ReferralCounts } from './referring.ts';

export const ReferralSweepInput = z.object({}).strict();

export async function handler(event: unknown): Promise<ReferralCounts> {
  const input = ReferralSweepInput.safeParse(event ?? {});
  if (!input.success) throw new Error(`invalid input: ${input.error.issues.map((i) => `${i.path.join('.') || '(event)'} ${i.message}`).join('; ')}`);
  const counts = await referUnanswered();
  logger.info('unanswered requests referred', { ...counts });
  // An error the next run repairs, but one an operator should hear of (the function's error alarm).
  if (counts.failed > 0) throw new Error(`${counts.failed} requests not referred`);
  return counts;
}
