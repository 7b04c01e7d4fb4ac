import { shanghaiDate, type IsoDate } from '#shared/policy/civil-time';

/**
 * The time every rule reads. `CLOCK_OFFSET_MS` shifts it for the local product and tests that
 * must move through deadlines; in AWS it is unset and this is the system clock.
 */
export function now(): number {
  const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}

export const currentInstant = (): Date => new Date(now());

/** Today's date in Asia/Shanghai, the date every legal period counts in. */
export const todayInShanghai = (): IsoDate => shanghaiDate(currentInstant());

/** Epoch seconds `seconds` from now: a TTL attribute or a signed URL's expiry. */
export const epochSecondsAfter = (seconds: number): number => Math.floor(now() / 1000) + seconds;
