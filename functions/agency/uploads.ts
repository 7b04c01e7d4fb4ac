/**
 * An organisation's uploads as stored and as shown: reading one of the caller's own, its view in
 * the caller's language, and the writes that move it through its phases. Every write of a phase
 * is made at the version its worker holds (a lease): a second worker that claimed the upload
 * meanwhile makes the first one's next write fail, and the first one stops.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadView } from '#shared/api/agency';
import { UPLOAD_FAILURES, type UploadStatus } from '#shared/api/agency';
import type { Language } from '#shared/i18n/languages';
import { readableCode } from '#shared/references';
import { epochSecondsAfter, now } from '#functions/commons/clock';
import { db } from '#functions/commons/dynamo';
import { tableName } from '#functions/commons/environment';
import { ApiError } from '#functions/commons/errors';
import type { Caller } from '#functions/commons/http/caller';
import { translator } from '#functions/commons/i18n';
import { sheetTexts } from './sheet-texts.ts';
import type { OrganisationType } from '#shared/agency/organisation';
import {
  ACTIVE_IMPORTS_PARTITION,
  IMPORTS_PREFIX,
  organisationUploadsPartition,
  uploadBlobKey,
  uploadKey,
  type StoredRowError,
  type UploadCountsItem,
  type UploadItem,
} from './items.ts';

/** Uploads, their row errors and their files are kept this long (the table's TTL, the bucket's lifecycle rule). */
export const UPLOAD_RETENTION_SECONDS = 90 * 24 * 3600;
/** A phase whose worker has not saved progress for this long was interrupted: a status read sends it again. */
export const STALE_AFTER_MS = 2 * 60 * 1000;
/** The first problems an upload keeps to show; the error file has them all. */
export const FIRST_ERRORS = 20;

export type ImportPhase = 'check' | 'commit';

export const UPLOAD_ID_PATTERN = /^UP[0-9A-HJKMNP-TV-Z]{12}$/;

/** `UP` and twelve Crockford characters (60 bits): not guessable, easy to read out. */
export const newUploadId = () => `UP${readableCode(Array.from(crypto.getRandomValues(new Uint8Array(12))), 12)}`;

export const zeroCounts = (): UploadCountsItem => ({ rows: 0, valid: 0, invalid: 0, duplicates: 0, alreadyReported: 0, late: 0, written: 0 });

/**
 * A new upload waiting for its file, kept 90 days. The name's extension says how the file is
 * meant (and names the stored file); the worker reads the bytes to know what it is.
 */
export function newUploadItem(input: { orgId: string; orgType: OrganisationType; fileName: string; size: number; createdBy: UploadItem['createdBy'] }): UploadItem {
  const id = newUploadId();
  const createdAt = new Date(now()).toISOString();
  return {
    ...uploadKey(id),
    sk: 'UPLOAD',
    id,
    orgId: input.orgId,
    orgType: input.orgType,
    fileName: input.fileName,
    size: input.size,
    blobKey: uploadBlobKey(input.orgId, id, /\.csv$/i.test(input.fileName) ? 'csv' : 'xlsx'),
    status: 'awaitingFile',
    createdAt,
    createdBy: input.createdBy,
    processedRows: 0,
    counts: zeroCounts(),
    firstErrors: [],
    version: 1,
    gsi1pk: organisationUploadsPartition(input.orgId),
    gsi1sk: `${createdAt}#${id}`,
    ttl: epochSecondsAfter(UPLOAD_RETENTION_SECONDS),
  };
}

/** The upload a file key `imports/<org>/<uploadId>.<ext>` belongs to (an S3 notification names only the key). */
export function uploadIdOfBlobKey(key: string): string | undefined {
  if (!key.startsWith(IMPORTS_PREFIX)) return undefined;
  const id = /^[^/]+\/([^/.]+)\.(xlsx|csv)$/.exec(key.slice(IMPORTS_PREFIX.length))?.[1];
  return id && UPLOAD_ID_PATTERN.test(id) ? id : undefined;
}

/** The phase an upload's status is in the middle of, if any. */
export const runningPhase = (status: UploadStatus): ImportPhase | undefined =>
  status === 'checking' ? 'check' : status === 'committing' ? 'commit' : undefined;

/** The keys of an upload on the list of running imports (gsi2), which a restart or a status read revives. */
export const activeImportKeys = (id: string, heartbeatAt: string) => ({ gsi2pk: ACTIVE_IMPORTS_PARTITION as typeof ACTIVE_IMPORTS_PARTITION, gsi2sk: `${heartbeatAt}#${id}` });

export async function readUpload(id: string, consistent = false): Promise<UploadItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: uploadKey(id), ConsistentRead: consistent }));
  return Item as UploadItem | undefined;
}

export const uploadNotFound = () => new ApiError(404, 'upload_not_found');
export const noOrganisation = () => new ApiError(403, 'no_organisation');

/** The caller's organisation, or 403: only organisations' users and keys upload. */
export function organisationOf(caller: Caller): string {
  if (!caller.org) throw noOrganisation();
  return caller.org;
}

/** An upload of the caller's own organisation; another organisation's is as good as missing (404). */
export async function ownUpload(caller: Caller, id: string, consistent = false): Promise<UploadItem> {
  const upload = caller.org ? await readUpload(id, consistent) : undefined;
  if (!upload || upload.orgId !== caller.org) throw uploadNotFound();
  return upload;
}

/* ------------------------------------------- view ------------------------------------------- */

/** The attributes the view reads (list pages read only these). */
export const UPLOAD_VIEW_ATTRIBUTES = [
  'id',
  'fileName',
  'size',
  'status',
  'createdAt',
  'createdBy',
  'format',
  'encoding',
  'totalRows',
  'processedRows',
  'processedBytes',
  'counts',
  'firstErrors',
  'failure',
  'checkedAt',
  'committedAt',
] as const satisfies readonly (keyof UploadItem)[];

export type UploadViewSource = Pick<UploadItem, (typeof UPLOAD_VIEW_ATTRIBUTES)[number]>;

const percent = (done: number, of: number) => (of > 0 ? Math.min(99, Math.floor((done / of) * 100)) : 0);

function progressOf(u: UploadViewSource): UploadView['progress'] {
  const phase: ImportPhase = u.status === 'committing' || u.status === 'committed' ? 'commit' : 'check';
  const finished = u.status === 'checked' || u.status === 'committed';
  // While the check reads the file its row count is unknown: its progress is the bytes read.
  const share =
    finished ? 100
    : u.status === 'checking' ? percent(u.processedBytes ?? 0, u.size)
    : u.status === 'committing' ? percent(u.processedRows, u.totalRows ?? 0)
    : 0;
  return { phase, percent: share, processedRows: u.processedRows, ...(u.totalRows !== undefined ? { totalRows: u.totalRows } : {}) };
}

const isFailure = (code: string): code is (typeof UPLOAD_FAILURES)[number] => (UPLOAD_FAILURES as readonly string[]).includes(code);

/** The view in the caller's language: each first error's message names its column by the template's header. */
export function uploadView(u: UploadViewSource, language: Language): UploadView {
  const t = translator(language);
  const { columns } = sheetTexts(language);
  const rowError = (e: StoredRowError) => ({ row: e.row, field: e.field, message: t(e.key, { field: columns[e.field] }) });
  const failure = u.failure && isFailure(u.failure.code) ? { code: u.failure.code, message: t(`upload.${u.failure.code}`) } : undefined;
  return {
    id: u.id,
    fileName: u.fileName,
    size: u.size,
    status: u.status,
    createdAt: u.createdAt,
    createdBy: u.createdBy.name,
    ...(u.format ? { format: u.format } : {}),
    ...(u.encoding ? { encoding: u.encoding } : {}),
    progress: progressOf(u),
    counts: u.counts,
    firstErrors: u.firstErrors.map(rowError),
    ...(failure ? { failure } : {}),
    ...(u.checkedAt ? { checkedAt: u.checkedAt } : {}),
    ...(u.committedAt ? { committedAt: u.committedAt } : {}),
  };
}

/* ------------------------------------------ writes ------------------------------------------ */

/** Another worker claimed the upload (or it moved on): this one stops without writing more. */
export class LeaseLost extends Error {
  constructor(readonly uploadId: string) {
    super('upload claimed by another worker');
    this.name = 'LeaseLost';
  }
}

type Changes = Partial<Omit<UploadItem, 'pk' | 'sk' | 'id' | 'version'>>;

/**
 * `changes` (and `remove`d attributes) written only if the upload is still at the version held;
 * the upload as it now is (one version on), or LeaseLost.
 */
export async function updateUpload(
  held: UploadItem,
  changes: Changes,
  remove: readonly (keyof UploadItem)[] = [],
  condition?: { expression: string; names?: Record<string, string>; values: Record<string, unknown> },
): Promise<UploadItem> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const names: Record<string, string> = { '#version': 'version', ...condition?.names };
  const values: Record<string, unknown> = { ':held': held.version, ':next': held.version + 1, ...condition?.values };
  const sets = entries.map(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: uploadKey(held.id),
        UpdateExpression: `SET ${[...sets, '#version = :next'].join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `#version = :held${condition ? ` AND (${condition.expression})` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw new LeaseLost(held.id);
    throw error;
  }
  const next = { ...held, ...Object.fromEntries(entries), version: held.version + 1 } as UploadItem;
  for (const name of remove) delete next[name];
  return next;
}

/** Where a phase stands: what a resumed run starts from. */
export interface PhaseProgress {
  processedRows: number;
  processedBytes: number;
  counts: UploadCountsItem;
  firstErrors: StoredRowError[];
}

/** Saves a phase's progress and heartbeat (the running imports' list is ordered by it). */
export function saveProgress(held: UploadItem, progress: PhaseProgress): Promise<UploadItem> {
  const heartbeatAt = new Date(now()).toISOString();
  return updateUpload(held, { ...progress, heartbeatAt, ...activeImportKeys(held.id, heartbeatAt) });
}

/**
 * Claims an upload for a run of `phase`: a check takes an upload whose file arrived (or a check
 * that stopped), a commit one the commit route moved to committing. Undefined when there is
 * nothing to do: the phase is over, or the upload is not (or no longer) there.
 */
export async function claimUpload(id: string, phase: ImportPhase): Promise<UploadItem | undefined> {
  const claimable: readonly UploadStatus[] = phase === 'check' ? ['awaitingFile', 'checking'] : ['committing'];
  for (let attempt = 0; attempt < 3; attempt++) {
    const upload = await readUpload(id, true);
    if (!upload || !claimable.includes(upload.status)) return undefined;
    const heartbeatAt = new Date(now()).toISOString();
    try {
      return await updateUpload(upload, { status: phase === 'check' ? 'checking' : 'committing', heartbeatAt, ...activeImportKeys(id, heartbeatAt) });
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      // Someone else wrote the upload between the read and the claim: read it again.
    }
  }
  return undefined;
}

/**
 * For a status read: true when the upload's phase looks interrupted — its worker's heartbeat is
 * old, or the file arrived but no check ever started (a lost notification) — and this reader won
 * the right to send it again (the heartbeat moved, under a condition, so two readers do not both).
 */
export async function claimRevival(u: UploadItem, fileArrived: () => Promise<boolean>): Promise<ImportPhase | undefined> {
  const phase = u.status === 'awaitingFile' ? 'check' : runningPhase(u.status);
  if (!phase) return undefined;
  const at = now();
  if (u.heartbeatAt && Date.parse(u.heartbeatAt) > at - STALE_AFTER_MS) return undefined;
  if (u.status === 'awaitingFile' && !(await fileArrived())) return undefined;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: uploadKey(u.id),
        UpdateExpression: 'SET heartbeatAt = :at',
        ConditionExpression: `#status = :status AND ${u.heartbeatAt ? 'heartbeatAt = :seen' : 'attribute_not_exists(heartbeatAt)'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': new Date(at).toISOString(), ':status': u.status, ...(u.heartbeatAt ? { ':seen': u.heartbeatAt } : {}) },
      }),
    );
    return phase;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}
