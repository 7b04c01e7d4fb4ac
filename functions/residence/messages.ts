/** The person's 消息 messages, newest first (their sort key begins with the time). */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '#shared/i18n/languages';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { personKey, type MessageItem } from './items.ts';
import { renderMessage } from './notify.ts';
import { decodeCursor, encodeCursor } from './pages.ts';

export async function listMessages(accountId: string, cursor: string | undefined, limit: number, language: Language) {
  const partition = personKey(accountId);
  const start = decodeCursor(cursor, ['pk', 'sk'], (key) => key.pk === partition && key.sk!.startsWith('MSG#'));
  const { Items = [], LastEvaluatedKey } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': partition, ':msg': 'MSG#' },
      ScanIndexForward: false,
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const next = encodeCursor(LastEvaluatedKey);
  return { items: (Items as MessageItem[]).map((m) => renderMessage(m, language)), ...(next ? { cursor: next } : {}) };
}
