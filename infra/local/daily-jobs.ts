/**
 * The scheduled jobs on this machine: the handler EventBridge Scheduler invokes in AWS, run once at
 * start (a day or an hour the product was off is caught up) and then on the job's schedule — every
 * day at its hour, Shanghai time, or at the start of every hour — by the product's clock. The timer
 * never holds the process open.
 */
import { join } from 'node:path';
import { now } from '#functions/commons/clock';
import { logger } from '#functions/commons/logger';
import { addDays, shanghaiDate, startOfDay } from '#shared/policy/civil-time';
import type { JobSchedule, ScheduledJob } from '#infra/jobs';
import { repoRoot } from './server.ts';

const HOUR_MS = 3600 * 1000;

/** Milliseconds from `at` to the next run: the job's hour in Shanghai, or the next full hour (Shanghai is a whole number of hours from UTC). */
export function untilNextRun(schedule: JobSchedule, at = now()): number {
  if (schedule.every === 'hour') return HOUR_MS - (at % HOUR_MS);
  const today = shanghaiDate(new Date(at));
  const todayRun = startOfDay(today).getTime() + schedule.hourInShanghai * HOUR_MS;
  return (todayRun > at ? todayRun : startOfDay(addDays(today, 1)).getTime() + schedule.hourInShanghai * HOUR_MS) - at;
}

export interface RunningJob {
  /** Cancels the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

type JobHandler = (event: unknown) => Promise<unknown>;

/** Runs `handler` now, then on the job's schedule, until stopped. */
export async function runScheduled(job: Pick<ScheduledJob, 'id' | 'schedule'>, handler: JobHandler): Promise<RunningJob> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const run = async () => {
    try {
      await handler({});
    } catch (error) {
      // Retried at the next run, as the scheduler's retries and the next scheduled run do in AWS.
      logger.error('scheduled job failed', { job: job.id, errorName: (error as Error).name });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().then(schedule);
    }, untilNextRun(job.schedule));
    timer.unref();
  };

  running = run();
  await running;
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The job's own handler module, as Lambda runs it. */
export async function startJob(job: ScheduledJob): Promise<RunningJob> {
  const module = (await import(join(repoRoot, job.handler))) as { handler: JobHandler };
  return runScheduled(job, module.handler);
}
