/**
 * The import worker: an upload's check or commit, from the import queue. In AWS it is the queue's
 * Lambda (S3's notification of a new file under `imports/`, or a `{ uploadId, phase }` message),
 * reporting failed records one by one so SQS redelivers only those; on the local product the same
 * `runImport` runs in the server's process. A run close to the Lambda's time limit saves its
 * progress and sends itself again, so a file of any length is read to the end; a commit that finds
 * another commit of its organisation running sends itself again a little later.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { blobIntact, blobSha256 } from '#functions/commons/blob-digest';
import { logger } from '#functions/commons/logger';
import { sendImport, type ImportMessage, type ImportRunner, type ImportRunOptions } from '#functions/commons/import-queue';
import { failUpload, finishCheck } from './checking.ts';
import { acquireCommitLock, commitsSoFar, releaseCommitLock } from './commit-lock.ts';
import { finishCommit } from './committing.ts';
import { runPass, type Lease, type PassOptions, type PassPlan } from './import-pass.ts';
import { SheetError } from './sheet-reader.ts';
import { claimUpload, LeaseLost, updateUpload, UPLOAD_ID_PATTERN, uploadIdOfBlobKey } from './uploads.ts';

export type ImportOutcome = 'finished' | 'stopped' | 'waiting' | 'nothing';

/**
 * Runs (or resumes) an upload's phase: `finished` (checked, committed or failed), `stopped` (asked
 * to stop: progress saved, to be sent again), `waiting` (another commit of the organisation is
 * running: to be sent again a little later), `nothing` (nothing to do, or another run took over).
 */
export async function runImport(message: ImportMessage, options: PassOptions = { shouldStop: () => false }): Promise<ImportOutcome> {
  const claimed = await claimUpload(message.uploadId, message.phase);
  if (!claimed) return 'nothing';
  const lease: Lease = { upload: claimed };
  const { orgId } = claimed;
  let holdsLock = false;
  try {
    let plan: PassPlan = { phase: 'check', lookUp: true };
    if (message.phase === 'check' && !claimed.checkBasis) {
      // Noted when the check begins (not when it resumes): what the commit will compare with, the file's hash included.
      const [{ finishedCommits, running }, sha256] = await Promise.all([commitsSoFar(orgId), blobSha256(claimed.blobKey)]);
      lease.upload = await updateUpload(lease.upload, { checkBasis: { finishedCommits, clean: !running }, sha256 });
    }
    if (message.phase === 'commit') {
      const lock = await acquireCommitLock(orgId, claimed.id);
      if (!lock) return 'waiting';
      holdsLock = true;
      // The rows committed are those of the file checked, or none.
      if (!(await blobIntact(claimed.blobKey, claimed.sha256, { upload: claimed.id }))) throw new SheetError('fileChanged');
      const basis = claimed.checkBasis;
      // Nothing can be there yet: the first run of a commit, nothing reported of its rows, no commit since the check began.
      const allNew = (claimed.commitRuns ?? 0) === 0 && basis?.clean === true && basis.finishedCommits === lock.finishedCommits;
      lease.upload = await updateUpload(lease.upload, { commitRuns: (claimed.commitRuns ?? 0) + 1 });
      plan = { phase: 'commit', lookUp: !allNew };
    }
    const result = await runPass(lease, plan, options);
    if (result.outcome === 'stopped') return 'stopped';
    await (message.phase === 'check' ? finishCheck(lease, result) : finishCommit(lease, result));
    logger.info('import finished', { uploadId: message.uploadId, phase: message.phase, rows: result.progress.counts.rows });
    if (holdsLock) await releaseCommitLock(orgId, claimed.id);
    return 'finished';
  } catch (error) {
    if (error instanceof LeaseLost) {
      logger.info('import taken over by another run', { uploadId: message.uploadId, phase: message.phase });
      return 'nothing';
    }
    if (error instanceof SheetError) {
      await failUpload(lease, error.code);
      logger.info('import failed', { uploadId: message.uploadId, phase: message.phase, failure: error.code });
      if (holdsLock) await releaseCommitLock(orgId, claimed.id);
      return 'finished';
    }
    throw error;
  }
}

/** A commit waiting for another one of its organisation is tried again after this long. */
const WAIT_FOR_COMMIT_SECONDS = 5;

/** What follows a run: a stopped one goes on in a new run, a waiting one tries again a little later. */
export async function followUp(message: ImportMessage, outcome: ImportOutcome): Promise<void> {
  if (outcome === 'stopped') await sendImport(message);
  else if (outcome === 'waiting') await sendImport(message, { delaySeconds: WAIT_FOR_COMMIT_SECONDS });
}

/** The local queue's worker: a run and what follows it, as the Lambda does. */
export const runLocalImport: ImportRunner = async (message, options) => followUp(message, await runImport(message, options));

const Message = z.object({ uploadId: z.string().regex(UPLOAD_ID_PATTERN), phase: z.enum(['check', 'commit']) }).strict();
const S3Notification = z.object({ Records: z.array(z.object({ s3: z.object({ object: z.object({ key: z.string() }) }) })) });
/** S3 sends this once when a notification is set up; it names no file. */
const S3TestEvent = z.object({ Event: z.literal('s3:TestEvent') });

/** The runs a queue message asks for: S3's notification of new files (each a check), or one phase of one upload. */
export function messagesOf(body: string): ImportMessage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error('the import message is not JSON');
  }
  const message = Message.safeParse(parsed);
  if (message.success) return [message.data];
  if (S3TestEvent.safeParse(parsed).success) return [];
  const notification = S3Notification.safeParse(parsed);
  if (!notification.success) throw new Error('the import message is neither a phase nor an S3 notification');
  return notification.data.Records.flatMap(({ s3 }) => {
    // S3 URL-encodes the key in notifications, spaces as '+'.
    const uploadId = uploadIdOfBlobKey(decodeURIComponent(s3.object.key.replace(/\+/g, ' ')));
    return uploadId ? [{ uploadId, phase: 'check' as const }] : [];
  });
}

/** Leave this much of the Lambda's time to save progress and send the message again. */
const TIME_TO_STOP_MS = 60_000;

async function handleRecord(record: SQSRecord, context: Context): Promise<void> {
  const options: ImportRunOptions = { shouldStop: () => context.getRemainingTimeInMillis() < TIME_TO_STOP_MS };
  for (const message of messagesOf(record.body)) await followUp(message, await runImport(message, options));
}

const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, (record: SQSRecord) => handleRecord(record, context), processor, { context });
