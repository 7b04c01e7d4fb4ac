/**
 * A row that names a registered house and a move-in or a move-out is also the landlord's report at
 * that house, filed by the organisation as the landlord's agent: a move-in starts a tenancy waiting
 * for the tenant to confirm (the same tenancy, notice and text as the landlord's own report), a
 * move-out ends the person's tenancy there (as the landlord's move-out does). The row's record and
 * the tenancy's change are written in one transaction, the record only if it is not there yet: a
 * commit resumed or repeated finds the record and starts no second tenancy. A person who already
 * lives at the house (a move-in), or who has no tenancy there (a move-out), is no error: the record
 * alone is written.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadRow } from '#shared/agency/rows';
import { OCCUPYING } from '#shared/landlord/house';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import type { TransactItem } from '#functions/commons/transactions';
import { tenanciesOf } from '#functions/landlord/access';
import { commitChange } from '#functions/landlord/changes';
import type { HouseItem, TenancyItem } from '#functions/landlord/items';
import { movedOutChange } from '#functions/landlord/moving-out';
import type { Text } from '#functions/landlord/notices';
import { occupancyChange, readHouse, readTenancy } from '#functions/landlord/records';
import { reportedTenancyAt } from '#functions/landlord/reporting';
import type { ReportItem } from './items.ts';

/** Rows committed one at a time, each with its tenancy: a move-in or a move-out at a registered house. */
export const reportsAtHouse = (row: Pick<UploadRow, 'event'>, houseCode: string | undefined) =>
  houseCode !== undefined && (row.event === 'moveIn' || row.event === 'moveOut');

/** The record, written only if no record of the row is there yet. */
const recordPut = (record: ReportItem): TransactItem => ({
  Put: { TableName: tableName(), Item: record, ConditionExpression: 'attribute_not_exists(pk)' },
});

async function readRecord(record: Pick<ReportItem, 'pk' | 'sk'>): Promise<ReportItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: { pk: record.pk, sk: record.sk }, ConsistentRead: true }));
  return Item as ReportItem | undefined;
}

interface Built {
  items: TransactItem[];
  texts: Text[];
  /** The record written, or the one found already there. */
  record: ReportItem;
  found: boolean;
}

/** The person's tenancy at the house that counts them as an occupant, if any. */
async function occupyingTenancy(house: HouseItem, citizenIdHash: string): Promise<TenancyItem | undefined> {
  const present = (await tenanciesOf(house.id, OCCUPYING)).find((t) => t.tenant.citizenIdHash === citizenIdHash);
  return present && (await readTenancy(present.id, true));
}

async function moveInWrites(record: ReportItem, row: UploadRow, house: HouseItem, now: Date, note: string): Promise<Omit<Built, 'found'>> {
  const present = await occupyingTenancy(house, record.citizenIdHash);
  if (present && OCCUPYING.includes(present.status)) {
    const linked = { ...record, tenancyId: present.id };
    return { items: [recordPut(linked)], texts: [], record: linked };
  }
  const tenant = { name: row.name, citizenId: row.citizenId, phone: row.phone, moveInDate: row.date };
  const reported = await reportedTenancyAt(house, { tenant, citizenIdHash: record.citizenIdHash }, now, note);
  const occupancy = occupancyChange(house, 1, now.toISOString());
  const linked = { ...record, tenancyId: reported.tenancy.id };
  return { items: [recordPut(linked), ...reported.items, ...(occupancy ? [occupancy.write] : [])], texts: reported.texts, record: linked };
}

async function moveOutWrites(record: ReportItem, row: UploadRow, house: HouseItem, now: Date, note: string): Promise<Omit<Built, 'found'>> {
  const present = await occupyingTenancy(house, record.citizenIdHash);
  // A move-out before the tenancy began is not its end: the record alone.
  if (!present || !OCCUPYING.includes(present.status) || row.date < present.moveInDate) return { items: [recordPut(record)], texts: [], record };
  const change = await movedOutChange(present, house, row.date, now, note);
  const linked = { ...record, tenancyId: present.id };
  return { items: [recordPut(linked), ...change.items], texts: change.texts, record: linked };
}

/**
 * Commits a row's `record` (filed at its `filedAt`) with its tenancy change, on behalf of the
 * organisation named `organisation`. The record found instead (`found`) when one was there already:
 * written by this commit before an interruption, or by another upload.
 */
export async function commitAtHouse(record: ReportItem, row: UploadRow, organisation: string): Promise<{ record: ReportItem; found: boolean }> {
  const now = new Date(record.filedAt);
  const built = await commitChange(async (): Promise<Built> => {
    // Read afresh each time: a transaction cancelled because the record is there ends here.
    const existing = await readRecord(record);
    if (existing) return { items: [], texts: [], record: existing, found: true };
    const house = record.houseCode ? await readHouse(record.houseCode, true) : undefined;
    if (!house) return { items: [recordPut(record)], texts: [], record, found: false };
    const writes = row.event === 'moveIn' ? await moveInWrites(record, row, house, now, organisation) : await moveOutWrites(record, row, house, now, organisation);
    return { ...writes, found: false };
  });
  return { record: built.record, found: built.found };
}
