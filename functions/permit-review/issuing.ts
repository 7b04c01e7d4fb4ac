/**
 * Issuing the electronic permit (电子居住证) on approval, as items of the approval's own
 * transaction: a permit is never issued without its approval, nor approved without its permit.
 *
 * - first: a new permit with a new number, its clock from today and the chosen validity, and the
 *   holder's pointer to it (only where the holder holds no valid or suspended permit);
 * - renewal: the same permit and number, valid again until the renewed end of validity;
 * - replacement (补领): the same permit and clock with a new number, so the lost card's QR codes
 *   no longer verify as the holder's permit.
 *
 * Single approvals and bulk approvals both come here.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { shanghaiDate, type IsoDate } from '#shared/policy/civil-time';
import type { WorkingCalendar } from '#shared/policy/calendar';
import { packById } from '#shared/policy/registry';
import type { PolicyPack } from '#shared/policy/schema';
import { placeNames } from '#shared/divisions/place-names';
import { permitNumber, type PermitStatus } from '#shared/permit/lifecycle';
import { issuedClock, nextSweepDay, renewedUntil } from '#shared/permit/schedule';
import { ApiError } from '#functions/commons/errors';
import { tableName } from '#functions/commons/environment';
import { workingCalendar } from '#functions/commons/working-calendar';
import type { TransactItem } from '#functions/commons/transactions';
import { clockOf, IN_FORCE, permitUpdate } from '#functions/permit/changes';
import { holderPermit, readPermit } from '#functions/permit/records';
import {
  holderPermitKey,
  permitKey,
  permitSweepKeys,
  type PermitApplicationItem,
  type PermitItem,
  type PermitPointerItem,
} from '#functions/permit/items';
import { decisionNotAllowed } from './applications.ts';

export interface Issued {
  permitId: string;
  number: string;
  /** The permit's writes, for the approval's transaction. */
  items: TransactItem[];
}

/** The holder already holds a valid or suspended permit: a first permit cannot be issued beside it. */
export const permitAlreadyHeld = () => new ApiError(409, 'permit_already_held');
/** A permit shows the holder's photo: an application without one is returned for correction, not approved. */
export const photoMissing = () => new ApiError(422, 'permit_photo_missing');

/** The city a permit is issued in: the address's 4-digit division code and its name (the province's for a municipality). */
export function cityOf(address: PermitApplicationItem['address']): PermitItem['city'] {
  const [province = '', city] = address.path;
  return { code: address.division.slice(0, 4), name: (city && placeNames([city])[0]) || province };
}

const newNumber = (a: PermitApplicationItem, today: IsoDate) =>
  permitNumber(a.address.division.slice(0, 4), today, Array.from({ length: 6 }, () => randomInt(32)));

const photoOf = (a: PermitApplicationItem): PermitItem['photo'] | undefined => {
  const photo = a.documents.find((d) => d.kind === 'photo');
  return photo && { blobKey: photo.blobKey, contentType: photo.contentType, ...(photo.sha256 ? { sha256: photo.sha256 } : {}) };
};

interface Context {
  pack: PolicyPack;
  today: IsoDate;
  at: string;
  calendar: WorkingCalendar;
}

async function first(a: PermitApplicationItem, { pack, today, at, calendar }: Context): Promise<Issued> {
  const photo = photoOf(a);
  if (!photo) throw photoMissing();
  const held = await holderPermit(a.accountId, a.holder);
  if (held && IN_FORCE.includes(held.status)) throw permitAlreadyHeld();
  const id = randomUUID();
  const number = newNumber(a, today);
  const clock = issuedClock(today, a.validity);
  const nextSweepOn = nextSweepDay(pack, clock, today, calendar);
  const permit: PermitItem = {
    ...permitKey(id),
    sk: 'PERMIT',
    id,
    number,
    accountId: a.accountId,
    holder: a.holder,
    holderName: a.holderName,
    packId: a.packId,
    stationId: a.stationId,
    declarationId: a.declarationId,
    address: a.address,
    city: cityOf(a.address),
    photo,
    applicationId: a.id,
    endorsements: [],
    ...clock,
    ...(nextSweepOn ? { nextSweepOn } : {}),
    ...permitSweepKeys(id, nextSweepOn),
    issuedAt: at,
    updatedAt: at,
    version: 1,
  };
  const pointer: PermitPointerItem = { ...holderPermitKey(a.accountId, a.holder), permitId: id };
  return {
    permitId: id,
    number,
    items: [
      { Put: { TableName: tableName(), Item: permit, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: tableName(),
          Item: pointer,
          // Replaces only the pointer read: to no permit, or to an expired or cancelled one.
          ...(held
            ? { ConditionExpression: 'permitId = :old', ExpressionAttributeValues: { ':old': held.id } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
    ],
  };
}

/** The permit a renewal or replacement is for: the holder's own. */
async function existing(a: PermitApplicationItem, statuses: readonly PermitStatus[]): Promise<PermitItem> {
  const permit = a.permitId ? await readPermit(a.permitId) : undefined;
  if (!permit || permit.accountId !== a.accountId || permit.holder !== a.holder || !statuses.includes(permit.status)) throw decisionNotAllowed();
  return permit;
}

async function renewal(a: PermitApplicationItem, { pack, today, at, calendar }: Context): Promise<Issued> {
  // An expired permit is renewed from today; a cancelled one is over.
  const permit = await existing(a, [...IN_FORCE, 'expired']);
  const validity = a.validity ?? pack.permit?.validity?.choices[0];
  if (!validity) throw decisionNotAllowed();
  const clock = { ...clockOf(permit), status: 'valid' as const, validUntil: renewedUntil(permit, validity, today) };
  const { update } = permitUpdate(permit, { clock, extra: { photo: photoOf(a) ?? permit.photo, applicationId: a.id }, pack, today, calendar, at });
  return { permitId: permit.id, number: permit.number, items: [update] };
}

async function replacement(a: PermitApplicationItem, { pack, today, at, calendar }: Context): Promise<Issued> {
  const permit = await existing(a, IN_FORCE);
  const number = newNumber(a, today);
  const extra = { number, photo: photoOf(a) ?? permit.photo, applicationId: a.id };
  const { update } = permitUpdate(permit, { clock: clockOf(permit), extra, pack, today, calendar, at });
  return { permitId: permit.id, number, items: [update] };
}

/** The permit an approval at `at` issues (or renews, or replaces) for the application. */
export async function issuePermit(application: PermitApplicationItem, at: string): Promise<Issued> {
  const context: Context = { pack: packById(application.packId), today: shanghaiDate(new Date(at)), at, calendar: await workingCalendar() };
  switch (application.kind) {
    case 'first':
      return first(application, context);
    case 'renewal':
      return renewal(application, context);
    case 'replacement':
      return replacement(application, context);
  }
}
