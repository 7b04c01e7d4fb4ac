/**
 * The `errors:fields.*` key that names a request field in messages. Nested paths are joined with
 * `_` (i18next reads `.` as nesting, and `address` must name the whole address as well as be the
 * parent of `address.division`); list indices are dropped; a wrapper object such as the
 * `declaration` of a resubmission is not part of the field's name.
 */
const WRAPPERS = new Set(['declaration']);

export function fieldKey(path: string): string {
  const segments = path.split('.').filter((s) => s !== '' && !/^\d+$/.test(s));
  while (segments.length > 1 && WRAPPERS.has(segments[0]!)) segments.shift();
  return segments.join('_') || 'body';
}
