/**
 * The officer verifies a landlord's report the tenant has not confirmed (the station's list of
 * unconfirmed requests): the tenancy is active, with the stay the tenant told the officer at the
 * check (a landlord's report says nothing of it). A tenant with an account — matched now by the ID
 * number's hash — gets their residence registered at once with that stay, as if they had confirmed,
 * and a message; a pending person's stay is kept on the tenancy, and their registration follows when
 * they sign in and confirm (with their own answer then). The verification is audited, under the
 * tenant when they have an account, else under the landlord whose report it is.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nextTenancyStatus } from '#shared/landlord/house';
import { currentInstant } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { commitChange } from '#functions/landlord/changes';
import type { HouseItem, TenancyItem } from '#functions/landlord/items';
import { advancedTenancy, readHouse, readTenancy, tenancyChanged, tenancyNotFound, tenancyWrite } from '#functions/landlord/records';
import { declarationInProgress } from '#functions/residence/declarations';
import { citizenIdKey, type ProfileItem } from '#functions/residence/items';
import { messagePut, textAccount, type Notice } from '#functions/residence/notify';
import { readProfile } from '#functions/residence/profiles';
import { auditPut } from '#functions/review/audit';
import { coversStreet, notYourStation, type OfficerStation } from '#functions/review/station';
import { registeredTenancy } from '#functions/tenancy/confirming';
import { registrationFromTenancy, type Stay } from '#functions/tenancy/registration';
import { houseAddressLine } from '#functions/tenancy/requesting';

/** The profile of the account that holds the tenant's ID number, if one does. */
async function tenantProfile(tenancy: TenancyItem): Promise<ProfileItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: citizenIdKey(tenancy.tenant.citizenIdHash), ConsistentRead: true }));
  const accountId = (Item?.accountId as string | undefined) ?? tenancy.tenant.accountId;
  const profile = accountId ? await readProfile(accountId) : undefined;
  return profile?.citizenIdHash === tenancy.tenant.citizenIdHash ? profile : undefined;
}

/** The tenancy and its house, if the house lies in the station's area: 404 when there is no such tenancy, 403 when it is another station's. */
async function tenancyOfStation(id: string, station: OfficerStation): Promise<{ tenancy: TenancyItem; house: HouseItem }> {
  const tenancy = await readTenancy(id, true);
  const house = tenancy && (await readHouse(tenancy.houseId, true));
  if (!tenancy || !house) throw tenancyNotFound();
  if (!coversStreet(station, house.address.division)) throw notYourStation();
  return { tenancy, house };
}

export async function verifyReport(officer: Caller, station: OfficerStation, id: string, version: number, stay: Stay): Promise<TenancyItem> {
  const change = await commitChange(async () => {
    const { tenancy, house } = await tenancyOfStation(id, station);
    if (tenancy.version !== version) throw tenancyChanged();
    // A tenant's own request is a declaration in the station's queue: verified there, with its proof.
    if (tenancy.status === 'awaitingLandlord') throw new ApiError(409, 'tenancy_in_queue', { id: tenancy.declarationId ?? '' });
    const status = nextTenancyStatus(tenancy.status, 'verifiedByOfficer');
    if (!status) throw tenancyChanged();

    const now = currentInstant();
    const at = now.toISOString();
    const profile = await tenantProfile(tenancy);
    // A tenant with a declaration in review keeps it; their registration here waits for their own confirmation.
    const registering = profile && !(await declarationInProgress(profile.accountId));
    const registration = registering ? await registrationFromTenancy(tenancy, house, profile, stay, 'officer', now) : undefined;
    const next = advancedTenancy(tenancy, status, { at, event: 'verifiedByOfficer', actor: 'officer' }, registration ? registeredTenancy(tenancy, registration, stay) : { stay });
    const notice: Notice | undefined = registration && {
      accountId: registration.declaration.accountId,
      kind: 'tenancyVerified',
      declarationId: registration.declaration.id,
      tenancyId: tenancy.id,
      houseId: house.id,
      at,
      values: { id: registration.declaration.id, address: houseAddressLine(house) },
    };
    return {
      items: [
        tenancyWrite(next, tenancy),
        ...(registration?.items ?? []),
        ...(notice ? [messagePut(notice)] : []),
        auditPut({
          action: 'verifyTenancy',
          officerId: officer.id,
          stationId: station.id,
          accountId: profile?.accountId ?? house.owner.accountId,
          tenancyId: tenancy.id,
          houseId: house.id,
          ...(registration ? { declarationId: registration.declaration.id } : {}),
          at,
        }),
      ],
      tenancy: next,
      notice,
      texts: [],
    };
  });
  if (change.notice) await textAccount(change.notice);
  return change.tenancy;
}
