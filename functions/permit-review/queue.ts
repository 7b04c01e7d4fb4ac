/** GET /api/officer/permit-applications: the station's applications by status, the nearest time limit first. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { listPermitApplications } from '#shared/api/permit';
import { httpHandler } from '#functions/commons/http/handler';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { encodeCursor } from '#functions/residence/pages';
import { stationOf } from '#functions/review/station';
import { today } from '#functions/review/declarations';
import { permitQueueQueryInput, permitQueueStartKey, type PermitQueueSelection } from './queue-page.ts';
import { permitQueueRow, type PermitQueueRowSource } from './views.ts';

export const handler = httpHandler(listPermitApplications, async ({ caller, query }) => {
  const station = await stationOf(caller);
  const selection: PermitQueueSelection = { stationId: station.id, status: query.status };
  const start = permitQueueStartKey(query.cursor, selection);
  const [page, day] = await Promise.all([
    db().send(new QueryCommand(permitQueueQueryInput(tableName(), selection, query.limit, start))),
    today(),
  ]);
  const cursor = encodeCursor(page.LastEvaluatedKey);
  return {
    items: ((page.Items ?? []) as PermitQueueRowSource[]).map((a) => permitQueueRow(a, day)),
    ...(cursor ? { cursor } : {}),
  };
});
