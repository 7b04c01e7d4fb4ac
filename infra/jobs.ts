/**
 * The scheduled jobs, defined once like the routes: the CDK stack gives each a function and an
 * EventBridge Scheduler schedule, the local product runs the same handler on a timer.
 */

/** When a job runs: every day at an hour (Asia/Shanghai time), or at the start of every hour. */
export type JobSchedule = { every: 'day'; hourInShanghai: number } | { every: 'hour' };

export interface ScheduledJob {
  /** Stable identifier, used for construct ids. */
  id: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  description: string;
  schedule: JobSchedule;
}

/** Endorsement reminders, suspension, expiry and cancellation of residence permits; after midnight, so the day's date has changed. */
export const dailyPermitSweep: ScheduledJob = {
  id: 'DailySweep',
  handler: 'functions/permit/daily-sweep.ts',
  description: 'Daily permit sweep: endorsement reminders, suspension, expiry, cancellation',
  schedule: { every: 'day', hourInShanghai: 1 },
};

/**
 * Tenants' requests no landlord answered by the pack's reporting deadline go to the station's
 * officer. Deadlines fall at any hour (Datong counts in hours), so it runs hourly: a request waits
 * at most an hour past its deadline.
 */
export const tenancyReferralSweep: ScheduledJob = {
  id: 'ReferralSweep',
  handler: 'functions/tenancy/referral-sweep.ts',
  description: "Hourly referral of tenants' requests no landlord answered by the deadline to the station's officer",
  schedule: { every: 'hour' },
};

export const scheduledJobs: readonly ScheduledJob[] = [dailyPermitSweep, tenancyReferralSweep];
