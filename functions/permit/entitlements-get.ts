/** GET /api/me/entitlements: 我的权益 of the caller and their children, with "what if" by day or by a valid permit. */
import { getEntitlements } from '#shared/api/permit';
import type { Translate } from '#shared/policy/explain';
import { todayInShanghai } from '#functions/commons/clock';
import { httpHandler } from '#functions/commons/http/handler';
import { translator } from '#functions/commons/i18n';
import { entitlementsAnswer, whatIfDay } from './entitlements.ts';
import { personRecord } from './records.ts';

export const handler = httpHandler(getEntitlements, async ({ caller, query, language }) => {
  const today = todayInShanghai();
  // Checked before anything is read: a day out of range is the question's fault, whoever asks.
  const asOf = whatIfDay(query.asOf, today);
  const record = await personRecord(caller.id);
  const t = translator(language);
  const translate: Translate = (key, values) => t(key, values ?? {});
  return entitlementsAnswer(record, { asOf, assume: query.assume }, today, translate);
});
