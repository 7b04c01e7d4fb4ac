/**
 * The local SMS outbox: the messages the local product "sent" to a phone, one-time codes included.
 * Only a caller on this machine may read it, or anyone who reaches the server could sign in as anyone.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { outbox } from '#shared/api/identity';
import { httpHandler } from '#functions/commons/http/handler';
import { assertLoopbackCaller } from '#functions/commons/http/loopback';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { outboxKey } from '#functions/commons/sms';

export const handler = httpHandler(outbox, async ({ query, event }) => {
  assertLoopbackCaller(event);
  const { Items = [] } = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': await outboxKey(query.phone) },
      ScanIndexForward: false,
      Limit: 20,
    }),
  );
  return { messages: Items.map((m) => ({ phone: String(m.phone), text: String(m.text), sentAt: String(m.sentAt) })) };
});
