/**
 * Which tenancies are the caller's. A landlord reports a tenant by ID number and phone: the tenancy
 * is found by the hash of the ID number of the caller's 实名信息 (gsi2 `TENANTID#…`), and by the
 * hash of the phone the caller signed in with (the `TENANTPHONE#…` pointers) — so a pending person
 * sees what was reported for them at their first sign-in, before they have a profile. Only the ID
 * number lets them confirm: the phone finds the record, the 实名信息 proves whose it is.
 */
import { readItems } from '#functions/commons/batch-read';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { queryAll } from '#functions/commons/dynamo';
import { callerPhoneHash } from '#functions/landlord/access';
import { houseKey, tenancyKey, tenantIdPartition, tenantPhonePartition, type HouseItem, type TenancyItem, type TenantPhoneItem } from '#functions/landlord/items';
import { readTenancy, tenancyNotFound } from '#functions/landlord/records';
import type { ProfileItem } from '#functions/residence/items';
import { readProfile } from '#functions/residence/profiles';
import type { Standing } from './views.ts';

/** Who the caller is to the tenancies: their profile (if any) and the hash of the phone they signed in with. */
export interface Tenant {
  profile: ProfileItem | undefined;
  phoneHash: string | undefined;
}

export async function tenantOf(caller: Caller): Promise<Tenant> {
  const [profile, phoneHash] = await Promise.all([readProfile(caller.id), callerPhoneHash(caller)]);
  return { profile, phoneHash };
}

/** A landlord's report the tenant can still confirm: unanswered, or verified by the officer before they had an account. */
const confirmable = (t: TenancyItem) => t.startedBy === 'landlord' && (t.status === 'awaitingTenant' || (t.status === 'active' && !t.declarationId));

export function standingOf(t: TenancyItem, { profile, phoneHash }: Tenant): Standing {
  const sameId = profile?.citizenIdHash === t.tenant.citizenIdHash;
  return {
    canConfirm: sameId && confirmable(t),
    needsProfile: !sameId && phoneHash === t.tenant.phoneHash && confirmable(t),
  };
}

/**
 * The tenancy if it was reported for the caller (by ID number or phone) and the caller's 实名信息
 * has its ID number: 404 when it is not theirs at all, 409 `profile_required` before they have a
 * profile, 403 `tenancy_not_yours` when their profile has another number.
 */
export async function tenancyOfCaller(caller: Caller, id: string): Promise<{ tenancy: TenancyItem; profile: ProfileItem }> {
  const [tenancy, tenant] = await Promise.all([readTenancy(id, true), tenantOf(caller)]);
  if (!tenancy) throw tenancyNotFound();
  const { profile, phoneHash } = tenant;
  const sameId = profile?.citizenIdHash === tenancy.tenant.citizenIdHash;
  if (!sameId && phoneHash !== tenancy.tenant.phoneHash) throw tenancyNotFound();
  if (!profile) throw new ApiError(409, 'profile_required');
  if (!sameId) throw new ApiError(403, 'tenancy_not_yours');
  return { tenancy, profile };
}


export interface TenancyWithHouse {
  tenancy: TenancyItem;
  house: HouseItem;
}

/** Every tenancy of the caller, reported for them or started by them, newest move-in first, with its house. */
export async function tenanciesOfCaller(tenant: Tenant): Promise<TenancyWithHouse[]> {
  const [byId, pointers] = await Promise.all([
    tenant.profile
      ? queryAll<TenancyItem>({
          TableName: tableName(),
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': tenantIdPartition(tenant.profile.citizenIdHash) },
        })
      : Promise.resolve([]),
    tenant.phoneHash
      ? queryAll<TenantPhoneItem>({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': tenantPhonePartition(tenant.phoneHash) },
        })
      : Promise.resolve([]),
  ]);
  const known = new Set(byId.map((t) => t.id));
  const byPhone = await readItems<TenancyItem>([...new Set(pointers.map((p) => p.tenancyId))].filter((id) => !known.has(id)).map(tenancyKey));
  const tenancies = [...byId, ...byPhone];
  const houses = new Map((await readItems<HouseItem>([...new Set(tenancies.map((t) => t.houseId))].map(houseKey))).map((h) => [h.id, h]));
  return tenancies
    .flatMap((tenancy) => {
      const house = houses.get(tenancy.houseId);
      return house ? [{ tenancy, house }] : [];
    })
    .sort((a, b) => b.tenancy.moveInDate.localeCompare(a.tenancy.moveInDate) || b.tenancy.id.localeCompare(a.tenancy.id));
}
