/**
 * The scheduled jobs on this machine: the handler EventBridge Scheduler invokes in AWS, run once at
 * start (a day the product was off is caught up) and then every day at the job's hour, Shanghai
 * time, by the product's clock. The timer never holds the process open.
 */
import { join } from 'node:path';
import { now } from '#functions/commons/clock';
import { logger } from '#functions/commons/logger';
import { addDays, shanghaiDate, startOfDay } from '#shared/policy/civil-time';
import type { DailyJob } from '#infra/jobs';
import { repoRoot } from './server.ts';

const HOUR_MS = 3600 * 1000;

/** Milliseconds from `at` to the next time the job's hour strikes in Shanghai. */
export function untilNextRun(job: Pick<DailyJob, 'hourInShanghai'>, at = now()): number {
  const today = shanghaiDate(new Date(at));
  const todayRun = startOfDay(today).getTime() + job.hourInShanghai * HOUR_MS;
  return (todayRun > at ? todayRun : startOfDay(addDays(today, 1)).getTime() + job.hourInShanghai * HOUR_MS) - at;
}

export interface RunningJob {
  /** Cancels the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

type JobHandler = (event: unknown) => Promise<unknown>;

/** Runs `handler` now, then at the job's hour every day, until stopped. */
export async function runDaily(job: Pick<DailyJob, 'id' | 'hourInShanghai'>, handler: JobHandler): Promise<RunningJob> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const run = async () => {
    try {
      await handler({});
    } catch (error) {
      // Retried at the next run, as the scheduler's retries and the next day's run do in AWS.
      logger.error('scheduled job failed', { job: job.id, errorName: (error as Error).name });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().then(schedule);
    }, untilNextRun(job));
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
export async function startDailyJob(job: DailyJob): Promise<RunningJob> {
  const module = (await import(join(repoRoot, job.handler))) as { handler: JobHandler };
  return runDaily(job, module.handler);
}
