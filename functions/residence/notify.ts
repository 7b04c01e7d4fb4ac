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
import { DEFAULT_LANGUAGE, isRtl, type Language } from '#shared/i18n/languages';
import { getAccount } from '#functions/identity/accounts';
import { messageKey, type MessageItem } from './items.ts';
import { readProfile } from './profiles.ts';

export interface Notice {
  accountId: string;
  kind: MessageItem['kind'];
  /** What the message leads to in the portal: a declaration, or a permit application. */
  declarationId?: string;
  applicationId?: string;
  /** …or a tenancy (the tenant's confirmation page) or a house (the landlord's). */
  tenancyId?: string;
  houseId?: string;
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
    ...(notice.declarationId ? { declarationId: notice.declarationId } : {}),
    ...(notice.applicationId ? { applicationId: notice.applicationId } : {}),
    ...(notice.tenancyId ? { tenancyId: notice.tenancyId } : {}),
    ...(notice.houseId ? { houseId: notice.houseId } : {}),
    values: notice.values,
  };
  return { Put: { TableName: tableName(), Item: item } };
}

/** The code lists a message's reasons come from: a declaration's return reasons, a permit application's corrections or refusal reasons. */
export type ReasonList = 'returnReasons' | 'corrections' | 'rejectionReasons';

/** Reasons as words of `language`, joined; stored as codes in `values.reasonCodes` (and `values.reasonList`). */
export function reasonsText(
  reasons: readonly string[],
  note: string | undefined,
  language: Language,
  list: ReasonList = 'returnReasons',
): string {
  const t = translator(language);
  const words = reasons.filter((r) => r !== 'other').map((r) => t(`messages:${list}.${r}`));
  if (note) words.push(note);
  else if (reasons.includes('other')) words.push(t(`messages:${list}.other`));
  return words.join(t('messages:reasonSeparator'));
}

/** Interpolation values for `language`: reason codes become words there. */
function localised(message: Pick<MessageItem, 'values'>, language: Language): Record<string, string> {
  const { reasonCodes, reasonList, note, effect, ...rest } = message.values;
  // A permit's missed-endorsement effect is stored as the pack's code and worded in the reader's language.
  if (effect) rest.effect = translator(language)(`messages:missedEffects.${effect}`);
  if (reasonCodes === undefined) return rest;
  return { ...rest, reasons: reasonsText(reasonCodes.split(',').filter(Boolean), note, language, (reasonList as ReasonList | undefined) ?? 'returnReasons') };
}

/** First-strong isolate … pop: a reference number or a Chinese address keeps its own order inside right-to-left text. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** A stored message as the reader sees it, in the reader's language. */
export function renderMessage(message: MessageItem, language: Language) {
  const t = translator(language);
  const values = localised(message, language);
  // In the app, not in a text message: phones render SMS as plain text where isolates may show as boxes.
  if (isRtl(language)) for (const name of ['id', 'address', 'on', 'number'] as const) if (values[name]) values[name] = isolate(values[name]);
  return {
    id: message.id,
    at: message.at,
    kind: message.kind,
    ...(message.declarationId ? { declarationId: message.declarationId } : {}),
    ...(message.applicationId ? { applicationId: message.applicationId } : {}),
    ...(message.tenancyId ? { tenancyId: message.tenancyId } : {}),
    ...(message.houseId ? { houseId: message.houseId } : {}),
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

/**
 * After the commit: the notice's text message to its account, at the profile's phone in the
 * profile's language, or (an account without a profile, e.g. a landlord who never declared) at the
 * phone it signed in with, in the default language.
 */
export async function textAccount(notice: Notice): Promise<void> {
  const profile = await readProfile(notice.accountId);
  const phone = profile?.phone || (await getAccount(notice.accountId))?.phone;
  if (phone) await sendNoticeSms(notice, phone, profile?.language ?? DEFAULT_LANGUAGE);
}
