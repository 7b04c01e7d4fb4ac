/**
 * The stored shape of residence permits and their applications, shared by the migrant's handlers,
 * the officer's handlers and the daily job. Access patterns (see infra/README.md):
 *
 * | item                       | pk                         | sk                    | indexes |
 * |----------------------------|----------------------------|-----------------------|---------|
 * | application                | PAPP#<id>                  | PAPP                  | gsi1 PERSON#<accountId>#PAPPS / <submittedAt>#<id>; gsi2 PERMITQ#<station>#<status> / <orderKey>#<id> |
 * | holder's open application  | PERSON#<accountId>         | PAPPLYING#<holder>    | |
 * | permit                     | PERMIT#<permitId>          | PERMIT                | gsi3 SWEEP#<shard> / <nextSweepOn>#<permitId> (only while something is due) |
 * | holder's permit pointer    | PERSON#<accountId>         | PERMIT#<holder>       | |
 * | idempotency record         | IDEMPOTENCY#<accountId>#<key> | IDEMPOTENCY        | TTL 24 h (shared with declarations; `applicationId` instead of `declarationId`) |
 *
 * `holder` is `self` or the child's id. The queue's order key is the last day to issue (from
 * acceptance) for accepted applications, and the submission time for the others.
 */
import type { DeadlineView } from '#shared/api/residence';
import type { Citation, Duration, PackId } from '#shared/policy/schema';
import type { PolicyDocument } from '#shared/policy/vocabulary';
import type {
  ApplicationEvent,
  ApplicationKind,
  ApplicationStatus,
  CorrectionItem,
  RejectionReason,
} from '#shared/permit/lifecycle';
import type { PermitClock } from '#shared/permit/schedule';
import { personKey } from '#functions/residence/items';

export type HolderRef = 'self' | string;

export const applicationKey = (id: string) => ({ pk: `PAPP#${id}`, sk: 'PAPP' });
export const applyingKey = (accountId: string, holder: HolderRef) => ({ pk: personKey(accountId), sk: `PAPPLYING#${holder}` });
export const permitKey = (permitId: string) => ({ pk: `PERMIT#${permitId}`, sk: 'PERMIT' });
export const holderPermitKey = (accountId: string, holder: HolderRef) => ({ pk: personKey(accountId), sk: `PERMIT#${holder}` });

/** The sweep index is split over shards so the daily job's reads spread over partitions. */
export const SWEEP_SHARDS = 8;
export const sweepShard = (permitId: string) => {
  let h = 0;
  for (const c of permitId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % SWEEP_SHARDS;
};
export const sweepPartition = (shard: number) => `SWEEP#${shard}`;

/** The application's index keys: the owner's list and the station's queue. */
export function applicationIndexKeys(a: Pick<PermitApplicationItem, 'id' | 'accountId' | 'submittedAt' | 'stationId' | 'status' | 'issueBy'>) {
  const order = a.status === 'accepted' && a.issueBy ? a.issueBy.lastDay : a.submittedAt;
  return {
    gsi1pk: `${personKey(a.accountId)}#PAPPS`,
    gsi1sk: `${a.submittedAt}#${a.id}`,
    gsi2pk: `PERMITQ#${a.stationId}#${a.status}`,
    gsi2sk: `${order}#${a.id}`,
  };
}

/** The permit's sweep index keys, or none when nothing will ever be due. */
export function permitSweepKeys(permitId: string, nextSweepOn: string | undefined) {
  return nextSweepOn ? { gsi3pk: sweepPartition(sweepShard(permitId)), gsi3sk: `${nextSweepOn}#${permitId}` } : {};
}

export interface AttachedDocument {
  id: string;
  kind: PolicyDocument;
  fileName: string;
  contentType: string;
  size: number;
  blobKey: string;
  /** Hex SHA-256 of the file as attached; absent on documents attached before files were hashed. */
  sha256?: string;
}

export interface ApplicationHistoryItem {
  at: string;
  event: ApplicationEvent;
  actor: 'migrant' | 'officer';
  officerId?: string;
  corrections?: CorrectionItem[];
  reasons?: RejectionReason[];
  note?: string;
}

export interface PermitApplicationItem {
  pk: string;
  sk: 'PAPP';
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  accountId: string;
  holder: HolderRef;
  holderName: string;
  holderBirthDate: string;
  /** A snapshot of the applicant for the queue row (masked number only). */
  person: { name: string; citizenIdMasked: string };
  packId: PackId;
  stationId: string;
  stationName: string;
  /** The station is in a remote area: the pack's remote time limit applies. */
  remote: boolean;
  /** The registered residence the permit is for. */
  declarationId: string;
  address: { division: string; path: string[]; detail: string };
  validity?: Duration;
  documents: AttachedDocument[];
  /** Renewal and replacement: the permit renewed or replaced. */
  permitId?: string;
  submittedAt: string;
  acceptedAt?: string;
  issueBy?: DeadlineView;
  corrections?: CorrectionItem[];
  rejection?: { reasons: RejectionReason[]; note?: string; citations: Citation[] };
  permitNumber?: string;
  updatedAt: string;
  version: number;
  history: ApplicationHistoryItem[];
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

export interface PermitItem extends PermitClock {
  pk: string;
  sk: 'PERMIT';
  id: string;
  number: string;
  accountId: string;
  holder: HolderRef;
  holderName: string;
  packId: PackId;
  stationId: string;
  declarationId: string;
  address: { division: string; path: string[]; detail: string };
  /** The city's 4-digit division code and name, shown to a checker. */
  city: { code: string; name: string };
  /** The application's photo; `sha256` as attached, absent on photos attached before files were hashed. */
  photo: { blobKey: string; contentType: string; sha256?: string };
  /** The application that issued (or last renewed or replaced) it. */
  applicationId: string;
  endorsements: { on: string; anniversary: string; late: boolean }[];
  /** Where the pack restarts residence years after a late endorsement: the restart date. */
  yearsRestartedOn?: string;
  nextSweepOn?: string;
  /** How many times it was verified; the checker is never recorded. */
  verifications?: number;
  issuedAt: string;
  updatedAt: string;
  version: number;
  gsi3pk?: string;
  gsi3sk?: string;
}

export interface PermitPointerItem {
  pk: string;
  sk: string;
  permitId: string;
}

export interface ApplyingItem {
  pk: string;
  sk: string;
  applicationId: string;
}
