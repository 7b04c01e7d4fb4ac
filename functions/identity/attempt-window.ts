/** Sliding windows of recent attempts, for the limits on code requests and failed sign-ins. */
export const HOUR_MS = 3600_000;

export function recentTimes(times: readonly number[] | undefined, windowMs: number, at: number) {
  const recent = (times ?? []).filter((t) => t > at - windowMs);
  const oldest = recent.length ? Math.min(...recent) : at;
  return {
    times: recent,
    /** When the oldest attempt leaves the window, rounded up to whole minutes (at least 1). */
    minutesUntilOneExpires: Math.max(1, Math.ceil((oldest + windowMs - at) / 60_000)),
  };
}
