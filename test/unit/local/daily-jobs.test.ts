/** The local product's timer for scheduled jobs: once at start, then at the job's hour, Shanghai time, or every hour, by the product's clock. */
import { afterEach, expect, it, vi } from 'vitest';
import { runScheduled, untilNextRun } from '#infra/local/daily-jobs';
import { logger } from '#functions/commons/logger';
import { parseShanghaiInstant } from '#shared/policy/civil-time';

const HOUR = 3600 * 1000;
const job = { id: 'Test', schedule: { every: 'day', hourInShanghai: 1 } } as const;
const hourly = { id: 'Hourly', schedule: { every: 'hour' } } as const;
const at = (text: string) => parseShanghaiInstant(text)!.getTime();

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

it('waits for the next 01:00 in Shanghai, whatever the machine time zone', () => {
  expect(untilNextRun(job.schedule, at('2027-03-10T00:30'))).toBe(HOUR / 2);
  expect(untilNextRun(job.schedule, at('2027-03-10T01:00'))).toBe(24 * HOUR);
  expect(untilNextRun(job.schedule, at('2027-03-10T02:00'))).toBe(23 * HOUR);
  expect(untilNextRun(job.schedule, at('2027-12-31T23:00'))).toBe(2 * HOUR);
});

it('runs at start, then daily at the hour; a failed run does not stop the next; stop waits and ends the timer', async () => {
  vi.useFakeTimers({ now: at('2027-03-10T09:00') });
  const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
  const runs: string[] = [];
  const handler = vi.fn(async () => {
    runs.push(new Date(Date.now()).toISOString());
    if (runs.length === 2) throw new Error('table unavailable');
  });
  const running = await runScheduled(job, handler);
  expect(runs).toEqual(['2027-03-10T01:00:00.000Z']);
  await vi.advanceTimersByTimeAsync(16 * HOUR - 1);
  expect(runs).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(runs.at(-1)).toBe('2027-03-10T17:00:00.000Z');
  expect(logged).toHaveBeenCalledWith('scheduled job failed', { job: 'Test', errorName: 'Error' });
  await vi.advanceTimersByTimeAsync(24 * HOUR);
  expect(runs.at(-1)).toBe('2027-03-11T17:00:00.000Z');
  await running.stop();
  await vi.advanceTimersByTimeAsync(48 * HOUR);
  expect(runs).toHaveLength(3);
  expect(handler).toHaveBeenCalledWith({});
});

it('follows the product clock that tests move', async () => {
  vi.stubEnv('CLOCK_OFFSET_MS', String(12 * HOUR));
  vi.useFakeTimers({ now: at('2027-03-10T09:00') });
  const handler = vi.fn(async () => undefined);
  const running = await runScheduled(job, handler);
  // The product's clock reads 21:00: four hours to 01:00.
  await vi.advanceTimersByTimeAsync(4 * HOUR);
  expect(handler).toHaveBeenCalledTimes(2);
  await running.stop();
});

it('an hourly job waits for the next full hour', () => {
  expect(untilNextRun(hourly.schedule, at('2027-03-10T00:30'))).toBe(HOUR / 2);
  expect(untilNextRun(hourly.schedule, at('2027-03-10T01:00'))).toBe(HOUR);
  expect(untilNextRun(hourly.schedule, at('2027-12-31T23:59') + 59_000)).toBe(1000);
});

it('runs an hourly job at start, then at the start of every hour', async () => {
  vi.useFakeTimers({ now: at('2027-03-10T09:20') });
  const runs: string[] = [];
  const running = await runScheduled(hourly, async () => {
    runs.push(new Date(Date.now()).toISOString());
  });
  await vi.advanceTimersByTimeAsync(40 * 60 * 1000);
  await vi.advanceTimersByTimeAsync(HOUR);
  await running.stop();
  expect(runs).toEqual(['2027-03-10T01:20:00.000Z', '2027-03-10T02:00:00.000Z', '2027-03-10T03:00:00.000Z']);
});
