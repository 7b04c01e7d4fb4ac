/**
 * The stored shape of residence registration, shared by the migrant's and the officer's handlers.
 * Access patterns (see infra/README.md):
 *
 * | item                     | pk                              | sk                     | indexes |
 * |--------------------------|---------------------------------|------------------------|---------|
 * | profile                  | PERSON#<accountId>              | PROFILE                | |
 * | citizen-ID look-up       | CITIZENID#<hmac(id number)>     | CITIZENID              | |
 * | child                    | PERSON#<accountId>              | CHILD#<childId>        | |
 * | message                  | PERSON#<accountId>              | MSG#<at>#<id>          | |
 * | audit event (subject)    | PERSON#<accountId>              | AUDIT#<at>#<id>        | gsi1 OFFICER#<officerId>#AUDIT / <at> |
 * | in-progress pointer      | PERSON#<accountId>              | DECLARING              | |
 * | declaration              | DECL#<id>                       | DECL                   | gsi1 PERSON#<accountId>#DECLS / <submittedAt>#<id>; gsi2 QUEUE#<station>#<status> / <actBy>#<id>; gsi3 QUEUE#<station>#<status>#<street> / <actBy>#<id> |
 * | idempotency record       | IDEMPOTENCY#<accountId>#<key>   | IDEMPOTENCY            | TTL 24 h |
 * | upload                   | UPLOAD#<uploadId>               | UPLOAD                 | TTL 24 h until attached |
 * | station of a county      | DIVISION#<6-digit code>         | STATION                | |
 */
import type { DeadlineView, HistoryEntry, MessageKind, UploadPurpose } from '#shared/api/residence';
import type { DeclarationStatus } from '#shared/residence/declaration';
import type { EducationLevel, EmploymentStatus, Ethnicity, HousingType, IntendedStay, ProofContentType, ResidenceReason, SchoolStatus } from '#shared/residence/vocabulary';
import type { PackId } from '#shared/policy/schema';
import type { Language } from '#shared/i18n/languages';
import type { Sex } from '#shared/residence/citizen-id';

export const personKey = (accountId: string) => `PERSON#${accountId}`;
export const profileKey = (accountId: string) => ({ pk: personKey(accountId), sk: 'PROFILE' });
export const citizenIdKey = (hash: string) => ({ pk: `CITIZENID#${hash}`, sk: 'CITIZENID' });
export const childKey = (accountId: string, childId: string) => ({ pk: personKey(accountId), sk: `CHILD#${childId}` });
export const messageKey = (accountId: string, at: string, id: string) => ({ pk: personKey(accountId), sk: `MSG#${at}#${id}` });
export const auditKey = (accountId: string, at: string, id: string) => ({ pk: personKey(accountId), sk: `AUDIT#${at}#${id}` });
export const declaringKey = (accountId: string) => ({ pk: personKey(accountId), sk: 'DECLARING' });
export const declarationKey = (id: string) => ({ pk: `DECL#${id}`, sk: 'DECL' });
export const idempotencyKey = (accountId: string, key: string) => ({ pk: `IDEMPOTENCY#${accountId}#${key}`, sk: 'IDEMPOTENCY' });
export const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });

/** Where residents' files are stored. */
export const PROOFS_PREFIX = 'proofs/';
/** A resident's file is stored under its upload's id alone: its owner is on the UPLOAD item, never in a key a link shows. */
export const proofBlobKey = (uploadId: string) => `${PROOFS_PREFIX}${uploadId}`;

export const stationOfCountyKey = (county: string) => ({ pk: `DIVISION#${county}`, sk: 'STATION' });

/**
 * The declaration's index keys for a status: the owner's list, the station queue, the street queue.
 * While a landlord is asked to confirm it, it is in no officer's queue: it joins the queue when the
 * landlord declines or the request falls due.
 */
export function declarationIndexKeys(
  d: Pick<DeclarationItem, 'id' | 'accountId' | 'submittedAt' | 'stationId' | 'status' | 'actBy' | 'address' | 'landlordConfirmation'>,
): { gsi1pk: string; gsi1sk: string; gsi2pk?: string; gsi2sk?: string; gsi3pk?: string; gsi3sk?: string } {
  const queueSort = `${d.actBy}#${d.id}`;
  const owner = { gsi1pk: `${personKey(d.accountId)}#DECLS`, gsi1sk: `${d.submittedAt}#${d.id}` };
  if (d.landlordConfirmation?.state === 'requested') return owner;
  return {
    ...owner,
    gsi2pk: `QUEUE#${d.stationId}#${d.status}`,
    gsi2sk: queueSort,
    gsi3pk: `QUEUE#${d.stationId}#${d.status}#${d.address.division}`,
    gsi3sk: queueSort,
  };
}

export interface ProfileItem {
  pk: string;
  sk: 'PROFILE';
  accountId: string;
  name: string;
  /** Stored whole (the table is encrypted at rest) for the officer's audited "show"; never a key, never logged. */
  citizenId: string;
  citizenIdHash: string;
  birthDate: string;
  sex: Sex;
  ethnicity: Ethnicity;
  phone: string;
  hukou: { division: string; path: string[]; detail: string };
  education: EducationLevel;
  employment: EmploymentStatus;
  employer?: string;
  /** The language of the person's last profile save or submission: messages and SMS use it. */
  language: Language;
  /** How many children are listed: kept here so the limit holds under concurrent additions. */
  childCount?: number;
  version: number;
  updatedAt: string;
}

export interface ChildItem {
  pk: string;
  sk: string;
  id: string;
  name: string;
  citizenId?: string;
  birthDate: string;
  sex?: Sex;
  schoolStatus: SchoolStatus;
  addedAt: string;
}

export interface DocumentRef {
  id: string;
  kind: 'residenceProof';
  fileName: string;
  contentType: ProofContentType;
  size: number;
  blobKey: string;
  /** Hex SHA-256 of the file as attached; absent on documents attached before files were hashed. */
  sha256?: string;
}

export interface DeclarationItem {
  pk: string;
  sk: 'DECL';
  id: string;
  accountId: string;
  status: DeclarationStatus;
  packId: PackId;
  stationId: string;
  stationName: string;
  address: { division: string; path: string[]; detail: string };
  moveInDate: string;
  intendedStay: IntendedStay;
  reason: ResidenceReason;
  reasonDetail?: string;
  housing: HousingType;
  landlordPhone?: string;
  documents: DocumentRef[];
  deadline: DeadlineView | null;
  /** Queue order: the deadline's last day, or the submission date when the pack sets no deadline. */
  actBy: string;
  changeOf?: string;
  houseId?: string;
  tenancyId?: string;
  landlordConfirmation?: { state: 'requested' | 'confirmed' | 'declined' | 'referred'; due: string; at?: string; reason?: string };
  movedOut?: { on: string; deadline: DeadlineView | null };
  /** A snapshot of who declared, for the queue row (masked number only). */
  person: { name: string; citizenIdMasked: string };
  submittedAt: string;
  updatedAt: string;
  registeredAt?: string;
  version: number;
  history: HistoryEntry[];
}

export interface MessageItem {
  pk: string;
  sk: string;
  id: string;
  at: string;
  kind: MessageKind;
  declarationId?: string;
  applicationId?: string;
  tenancyId?: string;
  houseId?: string;
  /** Interpolation values of the message texts (`messages:<kind>.title|body`); rendered in the reader's language. */
  values: Record<string, string>;
}

export interface AuditItem {
  pk: string;
  sk: string;
  id: string;
  at: string;
  action:
    | 'viewDeclaration'
    | 'revealCitizenId'
    | 'decideDeclaration'
    | 'viewPermitApplication'
    | 'decidePermitApplication'
    | 'viewHouse'
    | 'verifyTenancy';
  officerId: string;
  stationId: string;
  /** The record the officer read or decided: a declaration or a permit application. */
  declarationId?: string;
  applicationId?: string;
  houseId?: string;
  tenancyId?: string;
  purpose?: string;
  gsi1pk: string;
  gsi1sk: string;
}

/** A file the person asked to upload; its TTL is removed when a declaration or a permit application attaches it. */
export interface UploadItem {
  pk: string;
  sk: 'UPLOAD';
  id: string;
  accountId: string;
  purpose: UploadPurpose;
  blobKey: string;
  fileName: string;
  contentType: ProofContentType;
  size: number;
  createdAt: string;
  /** Hex SHA-256 of the stored file, recorded when it is attached. */
  sha256?: string;
  ttl?: number;
}

/** Points at the person's one declaration in progress (submitted or returned). */
export interface DeclaringItem {
  pk: string;
  sk: 'DECLARING';
  declarationId: string;
}

/** A submission made with an Idempotency-Key, so a retry gets the first answer. */
export interface IdempotencyItem {
  pk: string;
  sk: 'IDEMPOTENCY';
  /** Hash of the normalised request body: the same key with another body is refused. */
  fingerprint: string;
  /** What the first request created: a declaration, a permit application, a house or a report's tenancies. */
  declarationId?: string;
  applicationId?: string;
  houseId?: string;
  tenancyIds?: string[];
  ttl: number;
}
