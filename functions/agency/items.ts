/**
 * The stored shape of organisations, their API keys, uploads and the people they report. Access
 * patterns (see infra/README.md):
 *
 * | item               | pk                          | sk                                   | indexes |
 * |--------------------|-----------------------------|--------------------------------------|---------|
 * | organisation       | ORG#<id>                    | ORG                                  | gsi1 ORGS / <createdAt>#<id> |
 * | credit code        | ORGCODE#<code>              | ORGCODE                              | |
 * | organisation user  | ORG#<id>                    | USER#<accountId>                     | |
 * | API key            | ORG#<id>                    | APIKEY#<keyId>                       | |
 * | API key look-up    | APIKEYHASH#<sha256(secret)> | APIKEY                               | |
 * | upload             | UPLOAD#<id>                 | UPLOAD                               | gsi1 ORG#<org>#UPLOADS / <createdAt>#<id>; gsi2 (only while checking or committing) IMPORTS / <heartbeatAt>#<id> |
 * | row error          | UPLOAD#<id>                 | ERROR#<row, 7 digits>                | |
 * | commit lock        | ORG#<id>                    | COMMITS                              | |
 * | reported person    | ORG#<org>#REPORTS           | <hmac(id number)>#<event>#<date>     | gsi1 ORG#<org>#PEOPLE / <filedAt>#<sk>; gsi2 STATIONREPORTS#<station> / <date>#<org>#<sk> |
 *
 * A reported person's key is the organisation, the person, the event and its date: the same row
 * uploaded twice, or a commit resumed after an interruption, finds the record already there and
 * writes nothing new. An organisation's commits run one at a time (the commit lock), so what a
 * commit found is still so when it writes.
 */
import type { PlaceView } from '#shared/api/residence';
import type { UploadStatus } from '#shared/api/agency';
import type { OrganisationType, RowEvent } from '#shared/agency/organisation';
import type { RowColumn } from '#shared/agency/rows';
import type { PackId } from '#shared/policy/schema';
import type { StoredReport } from '#functions/landlord/items';

export const organisationKey = (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' });
export const creditCodeKey = (code: string) => ({ pk: `ORGCODE#${code}`, sk: 'ORGCODE' });
export const organisationUserKey = (orgId: string, accountId: string) => ({ pk: `ORG#${orgId}`, sk: `USER#${accountId}` });
export const apiKeyKey = (orgId: string, keyId: string) => ({ pk: `ORG#${orgId}`, sk: `APIKEY#${keyId}` });
export const apiKeyLookupKey = (secretHash: string) => ({ pk: `APIKEYHASH#${secretHash}`, sk: 'APIKEY' });
export const uploadKey = (id: string) => ({ pk: `UPLOAD#${id}`, sk: 'UPLOAD' });
export const rowErrorKey = (uploadId: string, row: number) => ({ pk: `UPLOAD#${uploadId}`, sk: `ERROR#${String(row).padStart(7, '0')}` });
export const commitLockKey = (orgId: string) => ({ pk: `ORG#${orgId}`, sk: 'COMMITS' });
export const reportsPartition = (orgId: string) => `ORG#${orgId}#REPORTS`;
export const reportKey = (orgId: string, identity: string) => ({ pk: reportsPartition(orgId), sk: identity });

export const ORGANISATIONS_PARTITION = 'ORGS';
export const organisationUploadsPartition = (orgId: string) => `ORG#${orgId}#UPLOADS`;
export const organisationPeoplePartition = (orgId: string) => `ORG#${orgId}#PEOPLE`;
export const stationReportsPartition = (stationId: string) => `STATIONREPORTS#${stationId}`;
/** Uploads being worked on: a start of the product (or a status read) finds one a stopped worker left. */
export const ACTIVE_IMPORTS_PARTITION = 'IMPORTS';

/** Where an upload's file is kept in the blob store; the queue's notification is filtered on this prefix. */
export const IMPORTS_PREFIX = 'imports/';
export const uploadBlobKey = (orgId: string, uploadId: string, format: 'xlsx' | 'csv') => `${IMPORTS_PREFIX}${orgId}/${uploadId}.${format}`;

export interface OrganisationItem {
  pk: string;
  sk: 'ORG';
  id: string;
  type: OrganisationType;
  name: string;
  creditCode: string;
  address: PlaceView;
  /** The station of the organisation's own address, for rows that give no other. */
  stationId?: string;
  createdAt: string;
  createdBy: string;
  users: number;
  gsi1pk: typeof ORGANISATIONS_PARTITION;
  gsi1sk: string;
}

export interface OrganisationUserItem {
  pk: string;
  sk: string;
  accountId: string;
  username: string;
  displayName: string;
  phone?: string;
  orgAdmin: boolean;
  createdAt: string;
}

export interface ApiKeyItem {
  pk: string;
  sk: string;
  id: string;
  orgId: string;
  name: string;
  prefix: string;
  secretHash: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt?: string;
}

export interface ApiKeyLookupItem {
  pk: string;
  sk: 'APIKEY';
  orgId: string;
  keyId: string;
  name: string;
}

export interface UploadCountsItem {
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  alreadyReported: number;
  late: number;
  written: number;
}

export interface StoredRowError {
  row: number;
  field: RowColumn;
  /** An `errors:validation.*` key, translated when read. */
  key: string;
}

export interface UploadItem {
  pk: string;
  sk: 'UPLOAD';
  id: string;
  orgId: string;
  orgType: OrganisationType;
  fileName: string;
  size: number;
  blobKey: string;
  /** Hex SHA-256 of the file, recorded when its check begins: the commit writes only the rows of the file checked. */
  sha256?: string;
  status: UploadStatus;
  createdAt: string;
  createdBy: { id: string; name: string };
  format?: 'xlsx' | 'csv';
  encoding?: string;
  /** Rows read by the check, once it has finished; the commit's progress is measured against it. */
  totalRows?: number;
  /** Rows (data rows, by sheet order) the current phase has finished with; a resumed phase skips them. */
  processedRows: number;
  /** Bytes of the file the check has read, for its progress while the row count is unknown. */
  processedBytes?: number;
  counts: UploadCountsItem;
  firstErrors: StoredRowError[];
  failure?: { code: string };
  checkedAt?: string;
  committedAt?: string;
  /** When a worker last saved progress; a phase whose heartbeat is old was interrupted and is sent again. */
  heartbeatAt?: string;
  /**
   * What the check knew of the organisation's records: the commits ended when it began, and
   * whether none was running then and none of its rows was reported. When still so at the commit,
   * the commit writes without looking each record up.
   */
  checkBasis?: { finishedCommits: number; clean: boolean };
  /** Runs of the commit so far: a later run looks up what an earlier one wrote. */
  commitRuns?: number;
  version: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk?: typeof ACTIVE_IMPORTS_PARTITION;
  gsi2sk?: string;
  /** Epoch seconds, the table's TTL attribute: uploads, their errors and their files are kept for 90 days. */
  ttl: number;
}

/** One commit of an organisation's records at a time: the upload committing, and how many commits have ended. */
export interface CommitLockItem {
  pk: string;
  sk: 'COMMITS';
  /** The upload whose commit holds the lock; absent while none runs. */
  holder?: string;
  /** Commits ended (or taken over from a stopped worker): a check tells by it whether records changed since it began. */
  finished: number;
}

export interface RowErrorItem {
  pk: string;
  sk: string;
  row: number;
  /** The row's cells as read (each cut to MAX_CELL_CHARS), to write back into the error file. */
  cells: Partial<Record<RowColumn, string>>;
  problems: { field: RowColumn; key: string }[];
  /** The upload's TTL: the errors go with it. */
  ttl: number;
}

export interface ReportItem {
  pk: string;
  sk: string;
  orgId: string;
  orgType: OrganisationType;
  name: string;
  citizenIdHash: string;
  citizenIdMasked: string;
  phoneHash: string;
  phoneMasked: string;
  event: RowEvent;
  date: string;
  place?: PlaceView;
  houseCode?: string;
  workplace?: string;
  packId: PackId;
  stationId?: string;
  /** The pack's deadlines, judged at `filedAt`. */
  report: StoredReport;
  filedAt: string;
  uploadId: string;
  row: number;
  /** The tenancy this row reported, when it named a house (the same report as a landlord's). */
  tenancyId?: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk?: string;
  gsi2sk?: string;
}
