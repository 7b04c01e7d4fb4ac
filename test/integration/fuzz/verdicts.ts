/**
 * What every answer and every stored item must be, whatever was sent: no server error; nothing of
 * the inside shown (stack frames, error names, file paths, untranslated message keys); a success
 * that keeps the route's contract and echoes no field the client may not set; and, after the run,
 * a table holding no hidden characters and no sentinel of a field the client tried to set.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiContract } from '#shared/api/route';
import { ApiErrorBody } from '#shared/api/errors';
import { db } from '#functions/commons/dynamo';
import { HIDDEN_CHARACTER, SENTINEL, SENTINEL_NUMBER } from './hostile-values.ts';

const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a stack frame', /\bat (?:async )?\S*\s*\(?(?:file:|node:|\/)|\n\s+at /],
  ['an error label', /Error:/],
  ['an exception name', /\b[A-Z][A-Za-z]*(?:Exception|Error)\b/],
  ['a file path', /file:\/\/|node_modules|(?:\/[\w.-]+){2,}\.[cm]?[jt]s\b|[\w-]+\.[cm]?[jt]s:\d+/],
];

/** A message that is its own i18n key (`validation.required`, `errors:codes.x`) or an unfilled placeholder was never translated. */
const UNTRANSLATED = /^(?:[a-z]+:)?[a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+$|\{\{/;

/** Texts a success carries in the caller's language (a message's title and body, a failure's message). */
function translatedTexts(value: unknown, depth = 0): string[] {
  if (depth > 6 || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'string' ? (['title', 'body', 'message'].includes(key) ? [inner] : []) : translatedTexts(inner, depth + 1),
  );
}

const isJson = (contract: ApiContract) => (contract.contentType ?? 'application/json') === 'application/json';

/** The answer's text without the field paths an error echoes (they name the client's own keys). */
function withoutEchoedPaths(text: string, parsed: unknown): string {
  const error = ApiErrorBody.safeParse(parsed);
  if (!error.success || !error.data.error.fields) return text;
  return JSON.stringify({ ...error.data.error, fields: error.data.error.fields.map((f) => f.message) });
}

/** Every problem with one answer of `contract`'s route; none is the verdict "fine". */
export function problemsWith(contract: ApiContract, status: number, text: string): string[] {
  const problems: string[] = [];
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: judged as text below
  }
  if (status >= 500) problems.push(`server error ${status}`);
  const visible = withoutEchoedPaths(text, parsed);
  for (const [what, pattern] of LEAKS) if (pattern.test(visible)) problems.push(`shows ${what}`);

  if (status >= 200 && status < 300) {
    const expected = contract.status ?? 200;
    if (status !== expected) problems.push(`success ${status}, the contract says ${expected}`);
    if (isJson(contract)) {
      const kept = contract.response.safeParse(parsed);
      if (!kept.success) problems.push(`success breaks the contract: ${kept.error.message.slice(0, 300)}`);
    }
    if (text.includes(SENTINEL)) problems.push('success echoes a field the client may not set');
    for (const shown of translatedTexts(parsed)) if (UNTRANSLATED.test(shown)) problems.push(`untranslated text ${JSON.stringify(shown)}`);
    return problems;
  }
  if (status < 400) return [...problems, `unexpected status ${status}`];
  const error = ApiErrorBody.safeParse(parsed);
  if (!error.success) return [...problems, 'refusal is not an error body'];
  const { code, message, fields = [] } = error.data.error;
  if (!/^[a-z_]+$/.test(code)) problems.push(`error code ${JSON.stringify(code)}`);
  for (const text of [message, ...fields.map((f) => f.message)]) {
    if (text.trim() === '') problems.push('empty message');
    else if (UNTRANSLATED.test(text)) problems.push(`untranslated message ${JSON.stringify(text)}`);
  }
  return problems;
}

export interface StoredFinding {
  key: string;
  attribute: string;
  what: 'hidden character' | 'sentinel';
  value: string;
}

/** Shows a stored string with its invisible characters written out, short enough for a report. */
export const visible = (value: string) =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…(${value.length})` : value).replace(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function inspect(value: unknown, attribute: string, report: (attribute: string, what: StoredFinding['what'], value: string) => void): void {
  if (typeof value === 'string') {
    if (HIDDEN_CHARACTER.test(value)) report(attribute, 'hidden character', value);
    if (value.includes(SENTINEL)) report(attribute, 'sentinel', value);
  } else if (typeof value === 'number') {
    if (value === SENTINEL_NUMBER) report(attribute, 'sentinel', String(value));
  } else if (value instanceof Set || Array.isArray(value)) {
    [...value].forEach((inner, i) => inspect(inner, `${attribute}[${i}]`, report));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes(SENTINEL) || HIDDEN_CHARACTER.test(key)) report(`${attribute}.${key}`, key.includes(SENTINEL) ? 'sentinel' : 'hidden character', key);
      inspect(inner, attribute ? `${attribute}.${key}` : key, report);
    }
  }
}

/** Every item of the table (a Scan: this is the test's own table), searched for hidden characters and sentinels. */
export async function scanTable(tableName: string): Promise<{ items: number; findings: StoredFinding[] }> {
  const findings: StoredFinding[] = [];
  let items = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) {
      items++;
      const key = `${String(item.pk)} ${String(item.sk)}`;
      inspect(item, '', (attribute, what, value) => findings.push({ key, attribute, what, value }));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, findings };
}
