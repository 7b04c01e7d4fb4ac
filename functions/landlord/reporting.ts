/**
 * The landlord's move-in report (人来登记): one or several tenants of one house, each matched to a
 * person by the keyed hash of the ID number or kept as a pending person until they sign in. Each
 * report is judged against the pack's deadlines at the moment it is filed; a late one goes on the
 * station's list. A tenant who already asked the landlord to confirm (a tenant-started request at
 * this house) is confirmed instead of being reported twice. Over-occupancy is a warning in the
 * answer, never a refusal. All tenants of one request are written in one transaction: a report
 * that fails writes nothing.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { reportDeadlines, TenantInput } from '#shared/api/landlord';
import { OCCUPYING } from '#shared/landlord/house';
import { confirmationDue, lateReportFines } from '#shared/landlord/reporting';
import { packById } from '#shared/policy/registry';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError, type FieldError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { keyedHash } from '#functions/commons/pii';
import type { TransactItem } from '#functions/commons/transactions';
import { workingCalendar } from '#functions/commons/working-calendar';
import { idempotencyPut, priorRecord } from '#functions/residence/idempotency';
import { citizenIdKey } from '#functions/residence/items';
import { houseForCaller, tenanciesOf } from './access.ts';
import { commitChange } from './changes.ts';
import { confirmRequest } from './confirming.ts';
import { tenantPhoneKey, type HouseItem, type TenancyItem, type TenantPhoneItem } from './items.ts';
import { tenantNotice, type Text } from './notices.ts';
import { lateReportPuts, newTenancy, occupancyChange, readHouse, readTenancy, storedReport, tenancyWrite, tenantSnapshot } from './records.ts';

type Tenant = z.output<typeof TenantInput>;
type DeadlineQuery = z.output<NonNullable<(typeof reportDeadlines)['query']>>;

/** DynamoDB's limit on one transaction: a report that would need more is refused as too large. */
const MAX_TRANSACTION_ITEMS = 100;

/** Before reporting: the deadlines of a report of `event` on `date` if it were filed now, and what lateness can cost. */
export async function deadlinePreview(caller: Caller, code: string, { event, date }: DeadlineQuery) {
  const { house } = await houseForCaller(caller, code);
  const { filedAt: _filedAt, ...report } = await storedReport(house.packId, event, date, currentInstant());
  return { report, fines: lateReportFines(packById(house.packId)), packId: house.packId };
}

/** The account whose 实名信息 has this ID number, if anyone's does. */
async function accountOfCitizenId(hash: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: citizenIdKey(hash), ConsistentRead: true }));
  return Item?.accountId as string | undefined;
}

/** Who a move-in report is about: the fields reported and the keyed hash of the ID number. */
export interface ReportedTenant {
  tenant: Tenant;
  citizenIdHash: string;
}

interface Prepared extends ReportedTenant {
  /** This person's unanswered request at this house: the report confirms it. */
  request?: TenancyItem;
}

/** Every field problem of the request at once; the tenants with their hashes when there is none. */
async function prepare(house: HouseItem, tenants: readonly Tenant[]): Promise<Prepared[]> {
  const today = todayInShanghai();
  const [hashes, occupying] = await Promise.all([Promise.all(tenants.map((t) => keyedHash('citizenId', t.citizenId))), tenanciesOf(house.id, OCCUPYING)]);
  const fields: FieldError[] = [];
  const prepared = tenants.map((tenant, i): Prepared => {
    const citizenIdHash = hashes[i]!;
    const present = occupying.find((t) => t.tenant.citizenIdHash === citizenIdHash);
    if (hashes.indexOf(citizenIdHash) < i) fields.push({ path: `tenants.${i}.citizenId`, key: 'validation.duplicateTenant' });
    else if (present && present.status !== 'awaitingLandlord') fields.push({ path: `tenants.${i}.citizenId`, key: 'validation.alreadyTenant' });
    if (tenant.moveInDate > today) fields.push({ path: `tenants.${i}.moveInDate`, key: 'validation.futureDate' });
    return { tenant, citizenIdHash, ...(present?.status === 'awaitingLandlord' ? { request: present } : {}) };
  });
  if (fields.length > 0) throw new ApiError(400, 'validation_failed', {}, fields);
  return prepared;
}

/**
 * A new tenancy at `house` reported on the landlord's side, waiting for the tenant to confirm, with
 * its writes (the house's occupant count apart: one write for a whole report) and texts. `note`
 * names who filed it for the landlord (an organisation's upload).
 */
export async function reportedTenancyAt(
  house: HouseItem,
  p: ReportedTenant,
  now: Date,
  note?: string,
): Promise<{ tenancy: TenancyItem; items: TransactItem[]; texts: Text[] }> {
  const at = now.toISOString();
  const pack = packById(house.packId);
  const { tenant } = p;
  const [accountId, moveInReport, calendar] = await Promise.all([
    accountOfCitizenId(p.citizenIdHash),
    storedReport(pack, 'moveIn', tenant.moveInDate, now),
    workingCalendar(),
  ]);
  const tenancy = newTenancy(house, now, {
    status: 'awaitingTenant',
    startedBy: 'landlord',
    tenant: await tenantSnapshot({ ...tenant, citizenIdHash: p.citizenIdHash, accountId }),
    ...(tenant.room ? { room: tenant.room } : {}),
    moveInDate: tenant.moveInDate,
    moveInReport,
    confirmBy: confirmationDue(pack, tenant.moveInDate, now, calendar).toISOString(),
    history: [{ at, event: 'reportedByLandlord', actor: 'landlord', ...(note ? { note } : {}) }],
  });
  const { id } = tenancy;
  const pointer: TenantPhoneItem = { ...tenantPhoneKey(tenancy.tenant.phoneHash, id), tenancyId: id };
  const notice = await tenantNotice('tenancyReported', tenancy, house, at, { id, on: tenant.moveInDate });
  return {
    tenancy,
    items: [
      tenancyWrite(tenancy),
      { Put: { TableName: tableName(), Item: pointer } },
      ...notice.items,
      ...lateReportPuts(house, tenancy, 'moveIn', moveInReport),
    ],
    texts: [notice.text],
  };
}

export interface Report {
  caller: Caller;
  code: string;
  tenants: readonly Tenant[];
  idempotency?: { key: string; fingerprint: string };
}

export interface Reported {
  tenancies: TenancyItem[];
  house: HouseItem;
}

/** The tenancies a report created or confirmed, or those of an earlier request with the same idempotency key. */
export async function reportTenants({ caller, code, tenants, idempotency }: Report): Promise<Reported> {
  const replay = async (): Promise<Reported | undefined> => {
    const prior = idempotency && (await priorRecord(caller.id, idempotency.key, idempotency.fingerprint));
    if (!prior?.tenancyIds) return undefined;
    const [house, ...tenancies] = await Promise.all([readHouse(code, true), ...prior.tenancyIds.map((id) => readTenancy(id, true))]);
    return { house: house!, tenancies: tenancies.filter((t): t is TenancyItem => t !== undefined) };
  };

  const change = await commitChange(async () => {
    const earlier = await replay();
    if (earlier) return { items: [], texts: [], ...earlier };
    const { house } = await houseForCaller(caller, code, true);
    const prepared = await prepare(house, tenants);
    const now = currentInstant();
    const parts = await Promise.all(
      prepared.map(async (p) => {
        if (!p.request) return reportedTenancyAt(house, p, now);
        return confirmRequest(p.request, house, now);
      }),
    );
    const added = prepared.filter((p) => !p.request).length;
    const occupancy = occupancyChange(house, added, now.toISOString());
    const tenancies = parts.map((p) => p.tenancy);
    const items = [
      ...parts.flatMap((p) => p.items),
      ...(occupancy ? [occupancy.write] : []),
      ...(idempotency ? [idempotencyPut(caller.id, idempotency.key, idempotency.fingerprint, { tenancyIds: tenancies.map((t) => t.id) })] : []),
    ];
    if (items.length > MAX_TRANSACTION_ITEMS) throw new ApiError(400, 'validation_failed', {}, [{ path: 'tenants', key: 'validation.tooMany' }]);
    return { items, texts: parts.flatMap((p) => p.texts), tenancies, house: occupancy?.next ?? house };
  });
  return { tenancies: change.tenancies, house: change.house };
}
