/**
 * The words of an upload sheet in each of the portal's languages (the `sheet` namespace): the
 * column headers, the event words, the error column. A template is written in the caller's
 * language, but a file is read in any of them: a Uyghur-speaking clerk may fill in a Chinese
 * template, and a company's own system may write the column keys themselves (`citizenId`).
 */
import { LANGUAGES, type Language } from '#shared/i18n/languages';
import { ROW_EVENTS, type RowEvent } from '#shared/agency/organisation';
import { ROW_COLUMNS, type RowColumn } from '#shared/agency/rows';
import { translator } from '#functions/commons/i18n';

export interface SheetTexts {
  /** The header word of each column, in template order. */
  columns: Record<RowColumn, string>;
  /** The word a sheet uses for each event. */
  events: Record<RowEvent, string>;
  /** The header of the error file's last column. */
  errorsColumn: string;
  /** Between two problems of one row in the error file. */
  errorSeparator: string;
}

export function sheetTexts(language: Language): SheetTexts {
  const t = translator(language);
  return {
    columns: Object.fromEntries(ROW_COLUMNS.map((column) => [column, t(`sheet:columns.${column}`)])) as Record<RowColumn, string>,
    events: Object.fromEntries(ROW_EVENTS.map((event) => [event, t(`sheet:events.${event}`)])) as Record<RowEvent, string>,
    errorsColumn: t('sheet:errorsColumn'),
    errorSeparator: t('sheet:errorSeparator'),
  };
}

/**
 * How header and event words are compared: NFKC (full-width letters and Arabic presentation forms
 * become their plain forms), lower case, without spaces or the asterisks people add to mark a
 * required column (`姓名*`, `ID  Number`).
 */
export const normaliseWord = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*]+/g, '');

/** Every word (the key itself, then each language's word and its `|`-separated aliases) → its key. */
function wordsOf<K extends string>(keys: readonly K[], words: string, aliases: string): Map<string, K> {
  const found = new Map<string, K>();
  const add = (word: string, key: K) => {
    const normalised = normaliseWord(word);
    // The first meaning wins: an alias never takes over another key's own word.
    if (normalised && !found.has(normalised)) found.set(normalised, key);
  };
  for (const key of keys) add(key, key);
  for (const language of LANGUAGES) {
    const t = translator(language);
    for (const key of keys) add(t(`sheet:${words}.${String(key)}`), key);
  }
  for (const language of LANGUAGES) {
    const t = translator(language);
    for (const key of keys) for (const alias of t(`sheet:${aliases}.${String(key)}`).split('|')) add(alias, key);
  }
  return found;
}

let headerWords: Map<string, RowColumn> | undefined;
let eventWords: Map<string, RowEvent> | undefined;

/** The column a header cell names, in any language, or undefined for a column uploads do not have. */
export const columnOfHeader = (text: string): RowColumn | undefined =>
  (headerWords ??= wordsOf(ROW_COLUMNS, 'columns', 'columnAliases')).get(normaliseWord(text));

/** The event an event cell names, in any language, or undefined for a word that is no event. */
export const eventOfWord = (text: string): RowEvent | undefined =>
  (eventWords ??= wordsOf(ROW_EVENTS, 'events', 'eventAliases')).get(normaliseWord(text));
