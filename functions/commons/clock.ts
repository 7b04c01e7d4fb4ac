/**
 * The time every rule reads. `CLOCK_OFFSET_MS` shifts it for the local product and tests that
 * must move through deadlines; in AWS it is unset and this is the system clock.
 */
export function now(): number {
  const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}
