/**
 * Reading houses and tenancies, and the writes every tenancy change is made of: the tenancy at the
 * version seen, the house's occupant count at the version seen (so over-occupancy holds under
 * concurrent reports), and a report's timing on the table's working calendar. The landlord's, the
 * tenant's and the officer's handlers all build their transactions from these. Also the owner's
 * claim on a house's address, which keeps one house per owner and address.
 */
import { createHash, randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import { workingCalendar } from '#functions/commons/working-calendar';
import type { TransactItem } from '#functions/commons/transactions';
import { deadlineView } from '#functions/residence/deadlines';
import { maskPhone } from '#shared/identity/masking';
import { comparableHouseAddress, OCCUPYING, printedHouseCode, tenancyReference, type TenancyStatus } from '#shared/landlord/house';
import { shanghaiDate } from '#shared/policy/civil-time';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { keyedHash } from '#functions/commons/pii';
import { reportTiming, type ReportTiming, type TenancyEventKind } from '#shared/landlord/reporting';
import { packById } from '#shared/policy/registry';
import type { PolicyPack } from '#shared/policy/schema';
import {
  houseAddressKey,
  houseIndexKeys,
  houseKey,
  lateReportKey,
  tenancyIndexKeys,
  tenancyKey,
  type HouseAddressItem,
  type HouseItem,
  type LateReportItem,
  type StoredReport,
  type TenancyHistoryItem,
  type TenancyItem,
} from './items.ts';

export const houseNotFound = () => new ApiError(404, 'house_not_found');
export const tenancyNotFound = () => new ApiError(404, 'tenancy_not_found');
export const tenancyChanged = () => new ApiError(409, 'tenancy_changed');

export async function readHouse(code: string, consistent = false): Promise<HouseItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: houseKey(code), ConsistentRead: consistent }));
  return Item as HouseItem | undefined;
}

export async function readTenancy(id: string, consistent = false): Promise<TenancyItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: tenancyKey(id), ConsistentRead: consistent }));
  return Item as TenancyItem | undefined;
}

/** A landlord's report of a move-in or move-out on `date`, judged at `filedAt`, as stored. */
export async function storedReport(pack: PolicyPack | HouseItem['packId'], kind: TenancyEventKind, date: string, filedAt?: Date): Promise<StoredReport> {
  const resolved = typeof pack === 'string' ? packById(pack) : pack;
  const timing = reportTiming(resolved, kind, date, { calendar: await workingCalendar(), ...(filedAt ? { filedAt } : {}) });
  return reportRecord(resolved, timing, filedAt);
}

/** A report's timing as stored and shown: each deadline with its citation, the filing instant, the decisive last day. */
export function reportRecord(pack: PolicyPack, timing: ReportTiming, filedAt?: Date): StoredReport {
  return {
    ...(filedAt ? { filedAt: filedAt.toISOString() } : {}),
    filing: timing.filing,
    deadlines: timing.deadlines.map((d) => ({ ...deadlineView(pack, d), path: d.path })),
    ...(timing.governing ? { lastDay: timing.governing.lastDay } : {}),
  };
}

/** Whether a tenancy in `status` counts towards the house's occupants. */
export const occupies = (status: TenancyStatus) => OCCUPYING.includes(status);

/** How a change from `before` to `after` moves the occupant count: +1, -1 or 0. */
export const occupantDelta = (before: TenancyStatus | undefined, after: TenancyStatus) =>
  Number(occupies(after)) - Number(before ? occupies(before) : false);

/** A new house (`seen` undefined) or the next state of one, written only if still at the version read; its index keys follow it. */
export function houseWrite(next: HouseItem, seen?: HouseItem): TransactItem {
  const { gsi3pk: _pk, gsi3sk: _sk, ...plain } = next as HouseItem & { gsi3pk?: string; gsi3sk?: string };
  const item = { ...plain, ...houseIndexKeys(plain) };
  if (!seen) return { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  return {
    Put: { TableName: tableName(), Item: item, ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': seen.version } },
  };
}

type Located = Pick<HouseItem, 'owner' | 'address' | 'building' | 'unit' | 'room'>;

/** Where the owner's claim on an address is kept: the address in its comparable form, hashed. */
const addressClaimKey = (house: Located) =>
  houseAddressKey(house.owner.accountId, createHash('sha256').update(comparableHouseAddress(house)).digest('base64url'));

/** The house the owner holds at this address, if any (read consistently: it decides a 409). */
export async function houseAtAddress(house: Located): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: addressClaimKey(house), ConsistentRead: true }));
  return (Item as HouseAddressItem | undefined)?.houseId;
}

/** The house claims its address; the transaction fails on this item when the owner already holds another house there. */
export function claimAddress(house: Located & Pick<HouseItem, 'id'>): TransactItem {
  const item: HouseAddressItem = { ...addressClaimKey(house), houseId: house.id };
  return { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The house gives up its claim on the address it had, if the claim is still its own. */
export function releaseAddress(house: Located & Pick<HouseItem, 'id'>): TransactItem {
  return {
    Delete: { TableName: tableName(), Key: addressClaimKey(house), ConditionExpression: 'houseId = :id', ExpressionAttributeValues: { ':id': house.id } },
  };
}

/** 409: the owner already registered `houseId` at this address; the message names its code, the details carry it for a link. */
export const houseExists = (houseId: string) => new ApiError(409, 'house_exists', { code: printedHouseCode(houseId) }, [], {}, { houseId });

/**
 * The house with `delta` more occupants, written only if the house is still at the version read;
 * its over-capacity index key follows the new count. Undefined when nothing changes.
 */
export function occupancyChange(house: HouseItem, delta: number, at: string): { next: HouseItem; write: TransactItem } | undefined {
  if (delta === 0) return undefined;
  const next: HouseItem = { ...house, occupants: Math.max(0, house.occupants + delta), updatedAt: at, version: house.version + 1 };
  return { next, write: houseWrite(next, house) };
}

/** The tenancy after an event: its new status (the same for an event that moves none), the history entry, the next version. */
export const advancedTenancy = (t: TenancyItem, status: TenancyStatus, entry: TenancyHistoryItem, extra: Partial<TenancyItem> = {}): TenancyItem => ({
  ...t,
  ...extra,
  status,
  updatedAt: entry.at,
  version: t.version + 1,
  history: [...t.history, entry],
});

/** A new tenancy (`seen` undefined) or the next state of one, written only if still at the version and status read. */
export function tenancyWrite(next: TenancyItem, seen?: TenancyItem): TransactItem {
  const { gsi3pk: _pk, gsi3sk: _sk, ...plain } = next as TenancyItem & { gsi3pk?: string; gsi3sk?: string };
  const item = { ...plain, ...tenancyIndexKeys(plain) };
  if (!seen) return { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  return {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: 'version = :seen AND #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':seen': seen.version, ':status': seen.status },
    },
  };
}

/** A report filed after its deadline goes on the station's list of late reports, in the report's transaction; none when on time. */
export function lateReportPuts(house: HouseItem, tenancy: TenancyItem, kind: TenancyEventKind, report: StoredReport): TransactItem[] {
  if (report.filing !== 'late' || !report.lastDay || !report.filedAt) return [];
  const item: LateReportItem = {
    ...lateReportKey(house.stationId, report.lastDay, tenancy.id, kind),
    tenancyId: tenancy.id,
    houseId: house.id,
    address: house.address,
    landlord: { name: house.owner.name, phoneMasked: house.owner.phoneMasked },
    tenant: { name: tenancy.tenant.name, citizenIdMasked: tenancy.tenant.citizenIdMasked },
    report: kind,
    lastDay: report.lastDay,
    filedAt: report.filedAt,
  };
  return [{ Put: { TableName: tableName(), Item: item } }];
}

/** Who a tenancy is about, as it stores them: the ID number and phone hashed (for look-ups) and masked (for views). */
export async function tenantSnapshot(person: { name: string; citizenId: string; citizenIdHash: string; phone: string; accountId?: string | undefined }): Promise<TenancyItem['tenant']> {
  return {
    name: person.name,
    citizenIdHash: person.citizenIdHash,
    citizenIdMasked: maskCitizenId(person.citizenId),
    phone: person.phone,
    phoneHash: await keyedHash('phone', person.phone),
    phoneMasked: maskPhone(person.phone),
    ...(person.accountId ? { accountId: person.accountId } : {}),
  };
}

type NewTenancyFields = Omit<TenancyItem, 'pk' | 'sk' | 'id' | 'houseId' | 'stationId' | 'packId' | 'createdAt' | 'updatedAt' | 'version'>;

/** A tenancy started at `house` at `at`: a fresh reference (also its id, of the Shanghai day), the house's station and pack, version 1. */
export function newTenancy(house: HouseItem, at: Date, fields: NewTenancyFields): TenancyItem {
  const id = tenancyReference(shanghaiDate(at), Array.from({ length: 6 }, () => randomInt(32)));
  const now = at.toISOString();
  return { ...tenancyKey(id), sk: 'TENANCY', id, houseId: house.id, stationId: house.stationId, packId: house.packId, ...fields, createdAt: now, updatedAt: now, version: 1 };
}
