/**
 * The electronic permit (电子居住证) as its holder sees it: the card, what the pack's calendar says
 * is next (endorsement, renewal, a reported departure), a short-lived link to the photo (only while
 * its bytes are those attached), and a freshly signed QR token that a checker's phone opens as the
 * public verification page.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { PermitCard } from '#shared/api/permit';
import type { PermitStatus } from '#shared/permit/lifecycle';
import { nextEndorsement, renewalDeadline, sweep } from '#shared/permit/schedule';
import { QR_REFRESH_SECONDS, QR_TOKEN_SECONDS, verificationLink, type VerificationClaims } from '#shared/permit/token';
import type { IsoDate } from '#shared/policy/civil-time';
import type { WorkingCalendar } from '#shared/policy/calendar';
import { filingStatus } from '#shared/policy/deadlines';
import { packById } from '#shared/policy/registry';
import type { PolicyPack } from '#shared/policy/schema';
import { blobIntact } from '#functions/commons/blob-digest';
import { blobStore } from '#functions/commons/blob-store';
import { PROOFS_PREFIX, proofBlobKey } from '#functions/residence/items';
import { currentInstant, todayInShanghai } from '#functions/commons/clock';
import { workingCalendar } from '#functions/commons/working-calendar';
import { deadlineView } from '#functions/residence/deadlines';
import { clockOf, IN_FORCE } from './changes.ts';
import type { PermitItem } from './items.ts';
import { permitSigner } from './signer.ts';

/** A photo link is good for this long: enough to show the card or the check, too short to pass on. */
export const PHOTO_URL_SECONDS = 5 * 60;

/**
 * The status as of `today`, even before the daily job has run today: a permit whose validity ended
 * yesterday is expired now, whatever the stored status says until the job writes it.
 */
export function liveStatus(pack: PolicyPack, permit: PermitItem, today: IsoDate, calendar?: WorkingCalendar): PermitStatus {
  // Every write keeps `nextSweepOn` at the first day anything can happen: before it, the stored status is the live one.
  if (!permit.nextSweepOn || permit.nextSweepOn > today) return permit.status;
  return sweep(pack, clockOf(permit), today, calendar).clock.status;
}

/** The holder's photo as shown: a short-lived link, or no link when its bytes are not those attached to the application. */
export type PhotoView = { photoUrl: string } | { photoIntegrity: 'mismatch' };

/** The holder's photo, stored at `key`: the permit's own, or a copy of it with the same bytes. */
export async function photoView(permit: Pick<PermitItem, 'id' | 'photo'>, key = permit.photo.blobKey): Promise<PhotoView> {
  if (!(await blobIntact(key, permit.photo.sha256, { permit: permit.id }))) return { photoIntegrity: 'mismatch' };
  const extension = permit.photo.contentType === 'image/png' ? 'png' : 'jpg';
  return { photoUrl: await blobStore().presignGet(key, { contentType: permit.photo.contentType, fileName: `photo.${extension}` }, PHOTO_URL_SECONDS) };
}

/**
 * Where a checker's link to the photo points: a key that names no account. A photo uploaded while
 * keys still named their owner (`proofs/<account>/<upload>`) is served from a copy at its upload's
 * own key, which the holder's card makes (`copyOpaquePhoto`) before it hands out a QR token: a
 * checker only ever holds a token from a card view, so the public verifier never writes.
 */
export function opaquePhotoKey(photo: PermitItem['photo']): string {
  const [prefix, , uploadId, ...rest] = photo.blobKey.split('/');
  return `${prefix}/` === PROOFS_PREFIX && uploadId !== undefined && rest.length === 0 ? proofBlobKey(uploadId) : photo.blobKey;
}

/** Makes the opaque copy of an old-layout photo, once (the store never overwrites). */
async function copyOpaquePhoto(photo: PermitItem['photo']): Promise<void> {
  const opaque = opaquePhotoKey(photo);
  if (opaque !== photo.blobKey) await blobStore().copyOnce(photo.blobKey, opaque);
}

/** The photo's reference in a token: the upload's id, never the storage key (which names the account). */
const photoReference = (permit: Pick<PermitItem, 'photo'>) => permit.photo.blobKey.split('/').at(-1)!;

const firstHeader = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  Object.entries(event.headers ?? {})
    .find(([key]) => key.toLowerCase() === name)?.[1]
    ?.split(',')[0]
    ?.trim();

/**
 * The site's public origin, where the verification page is served: `SITE_ORIGIN` where the stack
 * sets it, otherwise the host the request came to (the local product serves site and API on one
 * origin; a proxy in front says which host and scheme the browser used).
 */
export function siteOrigin(event: APIGatewayProxyEventV2): string {
  const configured = process.env.SITE_ORIGIN;
  if (configured) return configured.replace(/\/+$/, '');
  const host = firstHeader(event, 'x-forwarded-host') ?? firstHeader(event, 'host') ?? event.requestContext?.domainName ?? 'localhost';
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
  const scheme = firstHeader(event, 'x-forwarded-proto') ?? (local ? 'http' : 'https');
  return `${scheme}://${host}`;
}

export interface CardContext {
  today: IsoDate;
  calendar: WorkingCalendar;
  origin: string;
}

/** The card of a stored permit, with a fresh QR token. */
export async function permitCard(permit: PermitItem, { today, calendar, origin }: CardContext): Promise<PermitCard> {
  const pack = packById(permit.packId);
  const clock = clockOf(permit);
  const status = liveStatus(pack, permit, today, calendar);
  const inForce = IN_FORCE.includes(status);
  const rule = pack.permit?.endorsement;

  // A suspended permit is endorsed late, at any time: its missed window is what it owes.
  const window = inForce ? nextEndorsement(pack, { ...clock, status: 'valid' }, calendar) : undefined;
  const renewal = inForce ? renewalDeadline(pack, clock, calendar) : undefined;
  const claims: VerificationClaims = {
    pid: permit.id,
    num: permit.number,
    st: status,
    city: permit.city.code,
    ...(permit.validUntil ? { vu: permit.validUntil } : {}),
    ph: photoReference(permit),
  };
  await copyOpaquePhoto(permit.photo);
  const [photo, qr] = await Promise.all([photoView(permit, opaquePhotoKey(permit.photo)), permitSigner().sign(claims, QR_TOKEN_SECONDS)]);

  return {
    id: permit.id,
    number: permit.number,
    status,
    holder: permit.holder,
    holderName: permit.holderName,
    ...photo,
    packId: permit.packId,
    address: permit.address,
    city: permit.city.name,
    issuedOn: permit.issuedOn,
    ...(permit.validUntil ? { validUntil: permit.validUntil } : {}),
    yearsFrom: permit.yearsFrom,
    ...(window
      ? {
          nextEndorsement: {
            anniversary: window.anniversary,
            opens: window.opens,
            closes: window.closes,
            open: status === 'suspended' || (today >= window.opens && today <= window.closes),
            citation: window.deadline.citation,
          },
        }
      : {}),
    ...(rule ? { missedEndorsement: { effect: rule.missed.effect, residenceYears: rule.missed.residenceYears, citation: rule.missed.citation } } : {}),
    endorsements: permit.endorsements,
    ...(renewal ? { renewBy: deadlineView(pack, { ...renewal, filing: filingStatus(renewal, currentInstant()) }) } : {}),
    ...(inForce && permit.cancellation ? { cancellation: permit.cancellation } : {}),
    qr: {
      token: qr.token,
      link: verificationLink(origin, qr.token),
      expiresAt: qr.expiresAt.toISOString(),
      refreshSeconds: QR_REFRESH_SECONDS,
    },
    version: permit.version,
  };
}

/** The card of a permit just changed by its holder, as the response to that change. */
export async function holderCard(permit: PermitItem, event: APIGatewayProxyEventV2): Promise<PermitCard> {
  return permitCard(permit, { today: todayInShanghai(), calendar: await workingCalendar(), origin: siteOrigin(event) });
}
