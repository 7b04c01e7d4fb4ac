/**
 * The scheduled jobs, defined once like the routes: the CDK stack gives each a function and an
 * EventBridge Scheduler schedule, the local product runs the same handler on a timer.
 */
export interface DailyJob {
  /** Stable identifier, used for construct ids. */
  id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  description: string;
  /** The hour of the day it runs at, Asia/Shanghai time. */
  hourInShanghai: number;
}

/** Endorsement reminders, suspension, expiry and cancellation of residence permits; after midnight, so the day's date has changed. */
export const dailyPermitSweep: DailyJob = {
  id: 'DailySweep',
  handler: 'functions/permit/daily-sweep.ts',
  description: 'Daily permit sweep: endorsement reminders, suspension, expiry, cancellation',
  hourInShanghai: 1,
};
