/**
 * Pagination cursors: DynamoDB's LastEvaluatedKey as opaque base64url JSON. A cursor comes back
 * from the client, so it is checked to be exactly a key of the caller's own partition before it is
 * used: a crafted cursor must not start a query somewhere else.
 */
import { invalidField } from '#functions/commons/errors';

type Key = Record<string, string>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * The start key a cursor encodes, when it has exactly `attributes` (all strings) and `belongs` accepts
 * it; otherwise a 400 on the field `cursor`.
 */
export function decodeCursor(cursor: string | undefined, attributes: readonly string[], belongs: (key: Key) => boolean): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => invalidField('cursor', 'validation.invalid');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const names = entries.map(([name]) => name).sort();
  if (names.join() !== [...attributes].sort().join() || entries.some(([, value]) => typeof value !== 'string')) throw invalid();
  const key = parsed as Key;
  if (!belongs(key)) throw invalid();
  return key;
}
