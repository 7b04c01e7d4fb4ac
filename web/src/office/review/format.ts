/*
 * Dates in the back office are written the same way in every language (2026-03-02, 2026-03-02 14:05,
 * Beijing time): officers compare them across records and with paper forms, and Chromium has no
 * Uyghur calendar data to format them otherwise.
 */
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant (ISO, UTC) as Beijing date and time: 2026-03-02 14:05. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (type: Intl.DateTimeFormatPartTypes) => shanghai.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** A file size in the units every language here writes with Latin letters. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The street (last named level) of a place path, and the street-and-detail line a list shows. */
export const streetOf = (path: readonly string[]) => path.at(-1) ?? '';
