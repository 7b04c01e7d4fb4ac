/** GET /api/officer/declarations: the station's queue, oldest deadline first. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { listQueue } from '#shared/api/review';
import { httpHandler } from '#functions/commons/http/handler';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { coversStreet, notYourStation, stationOf } from './station.ts';
import { encodeCursor } from '#functions/residence/pages';
import { queueQueryInput, queueStartKey, type QueueSelection } from './queue-page.ts';
import { today } from './declarations.ts';
import { queueRow, type QueueRowSource } from './views.ts';

export const handler = httpHandler(listQueue, async ({ caller, query }) => {
  const station = await stationOf(caller);
  if (query.street && !coversStreet(station, query.street)) throw notYourStation();
  const selection: QueueSelection = { stationId: station.id, status: query.status, ...(query.street ? { street: query.street } : {}) };
  const start = queueStartKey(query.cursor, selection);
  const [page, day] = await Promise.all([
    db().send(new QueryCommand(queueQueryInput(tableName(), selection, query.limit, start))),
    today(),
  ]);
  const cursor = encodeCursor(page.LastEvaluatedKey);
  return {
    items: ((page.Items ?? []) as QueueRowSource[]).map((d) => queueRow(d, day)),
    ...(cursor ? { cursor } : {}),
  };
});
