/** GET /api/agency/people: the people the caller's organisation reported, newest report first, numbers masked. */
import { listPeople } from '#shared/api/agency';
import { tableName } from '#functions/commons/environment';
import { httpHandler } from '#functions/commons/http/handler';
import { queryPage } from '#functions/house-watch/records';
import { partitionQueryInput } from '#functions/review/queue-page';
import type { ReportItem } from './items.ts';
import { peoplePartition, peopleStartKey, REPORTED_PERSON_ATTRIBUTES, reportedPersonView } from './people.ts';
import { organisationOf } from './uploads.ts';

export const handler = httpHandler(listPeople, async ({ caller, query }) => {
  const orgId = organisationOf(caller);
  const page = await queryPage<ReportItem>({
    ...partitionQueryInput(tableName(), peoplePartition(orgId), REPORTED_PERSON_ATTRIBUTES, query.limit, peopleStartKey(query.cursor, orgId)),
    ScanIndexForward: false,
  });
  return { items: page.items.map(reportedPersonView), ...(page.cursor ? { cursor: page.cursor } : {}) };
});
