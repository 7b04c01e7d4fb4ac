/**
 * The hourly referral job: a tenant's request that no landlord answered by its deadline goes to the
 * station's officer with the tenant's declaration and proof, so a declaration never stalls on a
 * silent landlord. For every station, the unconfirmed tenancies whose deadline has passed are read
 * from the station's watch index (gsi3 `WATCH#<station>` / `<confirmBy>#<id>`, sort key below now);
 * each one not yet referred gets, in one transaction at the versions read, its declaration into
 * the queue (`landlordConfirmation.state` referred), its `referredAt`, and the tenant's message.
 *
 * A referred tenancy stays in the watch index — it is the officer's "unconfirmed past deadline"
 * list until someone answers — and is filtered out of the next run, so a second run changes
 * nothing. The landlord may still answer afterwards; their answer then settles it.
 */
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { currentInstant } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { logger } from '#functions/commons/logger';
import { queryAll } from '#functions/commons/dynamo';
import { commitChange } from '#functions/landlord/changes';
import { watchPartition, type TenancyItem } from '#functions/landlord/items';
import { advancedTenancy, readTenancy, tenancyWrite } from '#functions/landlord/records';
import { readDeclaration } from '#functions/residence/declarations';
import { messagePut, textAccount, type Notice } from '#functions/residence/notify';
import { addressLine } from '#functions/residence/places';
import { advanced, guardedPut } from '#functions/review/decisions';

export interface ReferralCounts {
  /** Unanswered requests past their deadline, not yet referred, read from the stations' watch lists. */
  examined: number;
  /** Requests referred to the officer (each with a message to the tenant). */
  referred: number;
  /** Requests that could not be written (an error); still due, so the next run takes them. */
  failed: number;
}

/** The stations' ids, from the stations list the seed writes (gsi1 `STATIONS`). */
async function stationIds(): Promise<string[]> {
  const stations = await queryAll<{ gsi1sk: string }>({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'STATIONS' },
    ProjectionExpression: 'gsi1sk',
  });
  return stations.map((s) => s.gsi1sk);
}

const PAGE_SIZE = 25;

/** A station's tenants' requests past their deadline that nobody referred yet, a page at a time. */
async function* duePages(stationId: string, now: string): AsyncGenerator<Array<Pick<TenancyItem, 'id'>>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :now',
        FilterExpression: '#status = :waiting AND attribute_not_exists(referredAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': watchPartition(stationId), ':now': now, ':waiting': 'awaitingLandlord' },
        ProjectionExpression: 'id',
        Limit: PAGE_SIZE,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    start = page.LastEvaluatedKey;
    yield (page.Items ?? []) as Array<Pick<TenancyItem, 'id'>>;
  } while (start);
}

/** Refers one request, read afresh; nothing when it was answered, withdrawn or referred meanwhile. */
async function refer(id: string): Promise<boolean> {
  const change = await commitChange(async () => {
    const nothing = { items: [], texts: [], notice: undefined };
    const now = currentInstant().toISOString();
    const tenancy = await readTenancy(id, true);
    if (!tenancy || tenancy.status !== 'awaitingLandlord' || tenancy.referredAt || !tenancy.confirmBy || tenancy.confirmBy >= now) return nothing;
    const declaration = tenancy.declarationId ? await readDeclaration(tenancy.declarationId) : undefined;
    const asked = declaration?.landlordConfirmation;
    if (!declaration || asked?.state !== 'requested') return nothing;

    const entry = { at: now, event: 'referredToOffice', actor: 'system' } as const;
    const queued = advanced(declaration, declaration.status, entry, { landlordConfirmation: { ...asked, state: 'referred', at: now } });
    const notice: Notice = {
      accountId: declaration.accountId,
      kind: 'confirmationReferred',
      declarationId: declaration.id,
      tenancyId: tenancy.id,
      houseId: tenancy.houseId,
      at: now,
      values: { id: declaration.id, address: addressLine(declaration.address) },
    };
    return {
      items: [tenancyWrite(advancedTenancy(tenancy, tenancy.status, entry, { referredAt: now }), tenancy), guardedPut(queued, declaration), messagePut(notice)],
      texts: [],
      notice,
    };
  });
  if (!change.notice) return false;
  await textAccount(change.notice);
  return true;
}

/** Refers every request past its deadline at every station; one that fails is counted and left for the next run. */
export async function referUnanswered(): Promise<ReferralCounts> {
  const counts: ReferralCounts = { examined: 0, referred: 0, failed: 0 };
  const now = currentInstant().toISOString();
  for (const stationId of await stationIds()) {
    for await (const page of duePages(stationId, now)) {
      counts.examined += page.length;
      const results = await Promise.allSettled(page.map((t) => refer(t.id)));
      for (const result of results) {
        if (result.status === 'rejected') {
          counts.failed += 1;
          logger.warn('request not referred', { stationId, errorName: (result.reason as Error).name });
        } else if (result.value) counts.referred += 1;
      }
    }
  }
  return counts;
}
