import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { health } from '#shared/api/system';
import { httpHandler } from '#functions/commons/http/handler';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';

export const handler = httpHandler(health, async () => {
  try {
    // One key read proves the table answers.
    await db().send(new GetCommand({ TableName: tableName(), Key: { pk: 'SYSTEM', sk: 'HEALTH' } }));
  } catch {
    throw new ApiError(503, 'service_unavailable', {}, [], { 'retry-after': '5' });
  }
  return { status: 'ok' as const };
});
