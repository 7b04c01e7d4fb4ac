/**
 * A tenant's residence registered from a tenancy the landlord reported: when the tenant confirms
 * the report, or the station's officer verifies it. Both sides have then said the tenant lives at
 * the house, so the declaration is created registered, with no review of its own: the house's
 * address, the move-in the landlord reported, and the deadline judged at the landlord's report. A
 * registered residence elsewhere ends in the same transaction, as a verified change of address
 * ends the one it replaces.
 */
import { randomInt } from 'node:crypto';
import type { StayStatement } from '#shared/api/landlord';
import type { HistoryEntry } from '#shared/api/residence';
import { houseAddressDetail } from '#shared/landlord/house';
import { shanghaiDate } from '#shared/policy/civil-time';
import { packById } from '#shared/policy/registry';
import { maskCitizenId } from '#shared/residence/citizen-id';
import { referenceNumber } from '#shared/residence/declaration';
import type { IntendedStay, ResidenceReason } from '#shared/residence/vocabulary';
import { tableName } from '#functions/commons/environment';
import type { TransactItem } from '#functions/commons/transactions';
import type { HouseItem, TenancyItem } from '#functions/landlord/items';
import { registeredResidence } from '#functions/permit/records';
import { registrationDeadline } from '#functions/residence/deadlines';
import { declarationIndexKeys, declarationKey, declaringKey, type DeclarationItem, type ProfileItem } from '#functions/residence/items';
import type { Notice } from '#functions/residence/notify';
import { supersede } from '#functions/review/decisions';

/**
 * How long the tenant means to stay and why, as they said it: confirming the report themselves, or
 * to the officer at the check. A landlord's report says neither, and no one else may say it for them.
 */
export interface Stay {
  intendedStay: IntendedStay;
  reason: ResidenceReason;
  reasonDetail?: string;
}

/** The stay a request states, without an empty reason in words. */
export const stayOf = (stated: StayStatement): Stay => ({
  intendedStay: stated.intendedStay,
  reason: stated.reason,
  ...(stated.reasonDetail ? { reasonDetail: stated.reasonDetail } : {}),
});

export interface Registration {
  declaration: DeclarationItem;
  /**
   * The transaction items, in this order: the new declaration (fails only on a reference number
   * issued twice), the check that the tenant has no declaration in progress, then the end of the
   * registration it replaces and its message.
   */
  items: TransactItem[];
  /** The message about the replaced registration, if one ended. */
  superseded?: Notice;
}

/** Index of the in-progress check in `Registration.items`. */
export const IN_PROGRESS_CHECK = 1;

/**
 * The registered declaration of `profile`'s person at the tenancy's house, as `actor` (the tenant
 * confirming, or the officer verifying) makes it at `at`.
 */
export async function registrationFromTenancy(
  tenancy: TenancyItem,
  house: HouseItem,
  profile: ProfileItem,
  stay: Stay,
  actor: 'migrant' | 'officer',
  at: Date,
): Promise<Registration> {
  const now = at.toISOString();
  const reportedAt = tenancy.moveInReport.filedAt ?? tenancy.createdAt;
  const [deadline, previous] = await Promise.all([
    // Judged when the landlord reported: the tenant did not wait, the report started their registration.
    registrationDeadline(packById(tenancy.packId), 'registration.deadline', tenancy.moveInDate, new Date(reportedAt)),
    registeredResidence(profile.accountId),
  ]);
  const id = referenceNumber(shanghaiDate(at), Array.from({ length: 6 }, () => randomInt(32)));
  const history: HistoryEntry[] = [
    { at: reportedAt, event: 'reportedByLandlord', actor: 'landlord' },
    { at: now, event: actor === 'migrant' ? 'confirmedByTenant' : 'verified', actor },
  ];
  const fields: DeclarationItem = {
    ...declarationKey(id),
    sk: 'DECL',
    id,
    accountId: profile.accountId,
    status: 'registered',
    packId: tenancy.packId,
    stationId: house.stationId,
    stationName: house.stationName,
    address: { ...house.address, detail: houseAddressDetail({ ...house, room: tenancy.room ?? house.room }) },
    moveInDate: tenancy.moveInDate,
    intendedStay: stay.intendedStay,
    reason: stay.reason,
    ...(stay.reasonDetail ? { reasonDetail: stay.reasonDetail } : {}),
    housing: 'rented',
    documents: [],
    deadline,
    actBy: deadline?.lastDay ?? shanghaiDate(at),
    // The registration it replaces, ended below: a change of address.
    ...(previous && previous.id !== tenancy.declarationId ? { changeOf: previous.id } : {}),
    houseId: house.id,
    tenancyId: tenancy.id,
    landlordConfirmation: { state: 'confirmed', due: tenancy.confirmBy ?? reportedAt, at: reportedAt },
    person: { name: profile.name, citizenIdMasked: maskCitizenId(profile.citizenId) },
    submittedAt: now,
    updatedAt: now,
    registeredAt: now,
    version: 1,
    history,
  };
  const declaration = { ...fields, ...declarationIndexKeys(fields) };
  const superseding = await supersede(declaration, now, actor);
  return {
    declaration,
    items: [
      { Put: { TableName: tableName(), Item: declaration, ConditionExpression: 'attribute_not_exists(pk)' } },
      // A declaration in review is the person's to finish or withdraw first: one residence at a time.
      { ConditionCheck: { TableName: tableName(), Key: declaringKey(profile.accountId), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...superseding.items,
    ],
    ...(superseding.notice ? { superseded: superseding.notice } : {}),
  };
}
