/**
 * Telling a migrant that a declaration changed: a message in the 消息 tab, written in the same
 * transaction as the change (so a change never goes unannounced), and a text message sent after it
 * commits, in the person's language.
 */
import { randomUUID } from 'node:crypto';
import { translator } from '#functions/commons/i18n';
import { logger } from '#functions/commons/logger';
import { smsSender } from '#functions/commons/sms';
import { tableName } from '#functions/commons/environment';
import { isRtl, type Language } from '#shared/i18n/languages';
import type { ReturnReason } from '#shared/residence/vocabulary';
import { messageKey, type MessageItem } from './items.ts';

export interface Notice {
  accountId: string;
  kind: MessageItem['kind'];
  declarationId: string;
  values: Record<string, string>;
  at: string;
}

/** The message item of a notice, for a TransactWriteItems `Put`. */
export function messagePut(notice: Notice) {
  const id = randomUUID();
  const item: MessageItem = {
    ...messageKey(notice.accountId, notice.at, id),
    id,
    at: notice.at,
    kind: notice.kind,
    declarationId: notice.declarationId,
    values: notice.values,
  };
  return { Put: { TableName: tableName(), Item: item } };
}

/** Return reasons as words of `language`, joined; stored as codes in `values.reasonCodes`. */
export function reasonsText(reasons: readonly ReturnReason[], note: string | undefined, language: Language): string {
  const t = translator(language);
  const words = reasons.filter((r) => r !== 'other').map((r) => t(`messages:returnReasons.${r}`));
  if (note) words.push(note);
  else if (reasons.includes('other')) words.push(t('messages:returnReasons.other'));
  return words.join(t('messages:reasonSeparator'));
}

/** Interpolation values for `language`: reason codes become words there. */
function localised(message: Pick<MessageItem, 'values'>, language: Language): Record<string, string> {
  const { reasonCodes, note, ...rest } = message.values;
  if (reasonCodes === undefined) return rest;
  return { ...rest, reasons: reasonsText(reasonCodes.split(',').filter(Boolean) as ReturnReason[], note, language) };
}

/** First-strong isolate … pop: a reference number or a Chinese address keeps its own order inside right-to-left text. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** A stored message as the reader sees it, in the reader's language. */
export function renderMessage(message: MessageItem, language: Language) {
  const t = translator(language);
  const values = localised(message, language);
  // In the app, not in a text message: phones render SMS as plain text where isolates may show as boxes.
  if (isRtl(language)) for (const name of ['id', 'address', 'on'] as const) if (values[name]) values[name] = isolate(values[name]);
  return {
    id: message.id,
    at: message.at,
    kind: message.kind,
    ...(message.declarationId ? { declarationId: message.declarationId } : {}),
    title: t(`messages:${message.kind}.title`, values),
    body: t(`messages:${message.kind}.body`, values),
  };
}

/**
 * Sends the text message of a notice after its transaction committed. A failed SMS is logged, not
 * thrown: the change and its 消息 entry are already stored, and the person sees them on sign-in.
 */
export async function sendNoticeSms(notice: Notice, phone: string, language: Language): Promise<void> {
  const t = translator(language);
  try {
    await smsSender().send(phone, t(`messages:${notice.kind}.sms`, localised(notice, language)));
  } catch (error) {
    logger.warn('text message not sent', { kind: notice.kind, errorName: (error as Error).name });
  }
}
