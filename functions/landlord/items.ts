/**
 * The stored shape of rental houses and tenancies, shared by the landlord's, the tenant's and the
 * officer's handlers. Access patterns (see infra/README.md):
 *
 * | item                 | pk                               | sk                              | indexes |
 * |----------------------|----------------------------------|---------------------------------|---------|
 * | house                | HOUSE#<code>                     | HOUSE                           | gsi1 LANDLORD#<owner>#HOUSES / <createdAt>#<code>; gsi2 STATION#<station>#HOUSES / <street>#<code>; gsi3 (only while over capacity) OVERCAP#<station> / <street>#<code> |
 * | house event          | HOUSE#<code>                     | EVENT#<at>#<id>                 | |
 * | agent                | HOUSE#<code>                     | AGENT#<hmac(phone)>             | gsi1 AGENT#<hmac(phone)>#HOUSES / <addedAt>#<code> |
 * | tenancy              | TENANCY#<id>                     | TENANCY                         | gsi1 HOUSE#<code>#TENANCIES / <moveInDate>#<id>; gsi2 TENANTID#<hmac(id number)> / <moveInDate>#<id>; gsi3 (only while unconfirmed) WATCH#<station> / <confirmBy>#<id> |
 * | tenant phone pointer | TENANTPHONE#<hmac(phone)>        | TENANCY#<id>                    | |
 * | late report          | LATE#<station>                   | <lastDay>#<tenancyId>#<report>  | |
 * | address claim        | LANDLORD#<owner>                 | ADDRESS#<sha256(address)>       | |
 *
 * A house's id is its code (`FW7KQ3M9A2`), printed on the door poster. A pending person — a tenant
 * the landlord reported who has no account yet — is the tenancy's tenant snapshot, found by the
 * hash of the ID number (gsi2) or of the phone number (pointer) when they sign in. An owner holds
 * one house per address: the claim on the address (its comparable form, hashed) names the house and
 * is written, moved and checked in the same transactions as the house.
 */
import type { DeadlineView, PlaceView } from '#shared/api/residence';
import type { HouseType, SafetyItem, TenancyActor, TenancyEvent, TenancyStatus } from '#shared/landlord/house';
import type { TenancyEventKind } from '#shared/landlord/reporting';
import type { PackId } from '#shared/policy/schema';
import type { IntendedStay, ResidenceReason } from '#shared/residence/vocabulary';

export const houseKey = (code: string) => ({ pk: `HOUSE#${code}`, sk: 'HOUSE' });
export const houseEventKey = (code: string, at: string, id: string) => ({ pk: `HOUSE#${code}`, sk: `EVENT#${at}#${id}` });
export const agentKey = (code: string, phoneHash: string) => ({ pk: `HOUSE#${code}`, sk: `AGENT#${phoneHash}` });
export const tenancyKey = (id: string) => ({ pk: `TENANCY#${id}`, sk: 'TENANCY' });
export const tenantPhonePartition = (phoneHash: string) => `TENANTPHONE#${phoneHash}`;
export const tenantPhoneKey = (phoneHash: string, tenancyId: string) => ({ pk: tenantPhonePartition(phoneHash), sk: `TENANCY#${tenancyId}` });
export const latePartition = (stationId: string) => `LATE#${stationId}`;
export const lateReportKey = (stationId: string, lastDay: string, tenancyId: string, report: TenancyEventKind) => ({
  pk: latePartition(stationId),
  sk: `${lastDay}#${tenancyId}#${report}`,
});

export const houseAddressKey = (ownerId: string, addressHash: string) => ({ pk: `LANDLORD#${ownerId}`, sk: `ADDRESS#${addressHash}` });

export const landlordHousesPartition = (accountId: string) => `LANDLORD#${accountId}#HOUSES`;
export const agentHousesPartition = (phoneHash: string) => `AGENT#${phoneHash}#HOUSES`;
export const stationHousesPartition = (stationId: string) => `STATION#${stationId}#HOUSES`;
export const overCapacityPartition = (stationId: string) => `OVERCAP#${stationId}`;
export const houseTenanciesPartition = (code: string) => `HOUSE#${code}#TENANCIES`;
export const tenantIdPartition = (citizenIdHash: string) => `TENANTID#${citizenIdHash}`;
export const watchPartition = (stationId: string) => `WATCH#${stationId}`;

export interface HouseItem {
  pk: string;
  sk: 'HOUSE';
  id: string;
  owner: { accountId: string; name: string; phoneMasked: string };
  address: PlaceView;
  building?: string;
  unit?: string;
  room?: string;
  type: HouseType;
  rooms: number;
  maxOccupants: number;
  safety: Record<SafetyItem, boolean>;
  packId: PackId;
  stationId: string;
  stationName: string;
  /** Tenancies awaiting confirmation or active: kept here so over-occupancy holds under concurrent reports. */
  occupants: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The house's index keys: the owner's list, the station's list by street, and (sparse) over capacity. */
export function houseIndexKeys(h: Pick<HouseItem, 'id' | 'owner' | 'createdAt' | 'stationId' | 'address' | 'occupants' | 'maxOccupants'>) {
  const byStreet = `${h.address.division}#${h.id}`;
  return {
    gsi1pk: landlordHousesPartition(h.owner.accountId),
    gsi1sk: `${h.createdAt}#${h.id}`,
    gsi2pk: stationHousesPartition(h.stationId),
    gsi2sk: byStreet,
    ...(h.occupants > h.maxOccupants ? { gsi3pk: overCapacityPartition(h.stationId), gsi3sk: byStreet } : {}),
  };
}

/** An owner's claim on an address: the house registered there. */
export interface HouseAddressItem {
  pk: string;
  sk: string;
  houseId: string;
}

export interface HouseEventItem {
  pk: string;
  sk: string;
  at: string;
  event: 'registered' | 'updated' | 'agentAdded' | 'agentRemoved';
  actor: 'owner' | 'agent';
  accountId: string;
  fields?: string[];
}

export interface AgentItem {
  pk: string;
  sk: string;
  /** Opaque id the owner removes the agent by. */
  id: string;
  houseId: string;
  phoneHash: string;
  phoneMasked: string;
  addedAt: string;
  gsi1pk: string;
  gsi1sk: string;
}

export interface StoredReport {
  filedAt?: string;
  filing: 'onTime' | 'late';
  deadlines: (DeadlineView & { path: string })[];
  lastDay?: string;
}

export interface TenancyHistoryItem {
  at: string;
  event: TenancyEvent;
  actor: TenancyActor;
  note?: string;
}

export interface TenancyItem {
  pk: string;
  sk: 'TENANCY';
  id: string;
  houseId: string;
  stationId: string;
  packId: PackId;
  status: TenancyStatus;
  startedBy: 'landlord' | 'tenant';
  tenant: {
    name: string;
    citizenIdHash: string;
    citizenIdMasked: string;
    /** Stored (the table is encrypted at rest) to text a pending person; never a key, never logged. */
    phone: string;
    phoneHash: string;
    phoneMasked: string;
    /** The tenant's account, once matched by ID number (at the report, or when they confirm). */
    accountId?: string;
  };
  room?: string;
  moveInDate: string;
  moveOutDate?: string;
  moveInReport: StoredReport;
  moveOutReport?: StoredReport;
  /** While unconfirmed: when the request goes to the officer (ISO instant). */
  confirmBy?: string;
  /** When a tenant's request nobody answered by `confirmBy` went to the station's officer (the hourly referral job). */
  referredAt?: string;
  /** The tenant's declaration: theirs from the start (tenant-started), or created when they confirm. */
  declarationId?: string;
  /**
   * How long the tenant means to stay and why: what they said confirming a landlord's report, or what
   * they told the officer who verified it (kept for a pending person until they confirm themselves).
   */
  stay?: { intendedStay: IntendedStay; reason: ResidenceReason; reasonDetail?: string };
  history: TenancyHistoryItem[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The tenancy's index keys: the house's list, the tenant's list by ID number, and (sparse) the station's watch while unconfirmed. */
export function tenancyIndexKeys(t: Pick<TenancyItem, 'id' | 'houseId' | 'moveInDate' | 'tenant' | 'stationId' | 'confirmBy' | 'status'>) {
  const sort = `${t.moveInDate}#${t.id}`;
  const watching = (t.status === 'awaitingTenant' || t.status === 'awaitingLandlord') && t.confirmBy;
  return {
    gsi1pk: houseTenanciesPartition(t.houseId),
    gsi1sk: sort,
    gsi2pk: tenantIdPartition(t.tenant.citizenIdHash),
    gsi2sk: sort,
    ...(watching ? { gsi3pk: watchPartition(t.stationId), gsi3sk: `${t.confirmBy}#${t.id}` } : {}),
  };
}

export interface TenantPhoneItem {
  pk: string;
  sk: string;
  tenancyId: string;
}

/** A landlord report filed after its deadline, for the station's list (kept: penalties and credit records depend on lateness). */
export interface LateReportItem {
  pk: string;
  sk: string;
  tenancyId: string;
  houseId: string;
  address: PlaceView;
  landlord: { name: string; phoneMasked: string };
  tenant: { name: string; citizenIdMasked: string };
  report: TenancyEventKind;
  lastDay: string;
  filedAt: string;
}
