/**
 * The import queue: an upload's check or commit, for the import worker. In AWS a message on SQS
 * (`IMPORT_QUEUE=sqs`, `IMPORT_QUEUE_URL`), which S3's notifications of new files also reach; on
 * the local product the same worker runs in this process (`IMPORT_QUEUE=local`): one run at a time
 * per upload, tried again a few times after an error, as SQS would redeliver.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ACTIVE_IMPORTS_PARTITION, type UploadItem } from '#functions/agency/items';
import { runningPhase, type ImportPhase } from '#functions/agency/uploads';
import { db } from './dynamo.ts';
import { requiredEnv, tableName } from './environment.ts';
import { logger } from './logger.ts';

export interface ImportMessage {
  uploadId: string;
  phase: ImportPhase;
}

export interface ImportRunOptions {
  /** Asked between batches: true when the run should save its progress and stop (time out, shutdown). */
  shouldStop(): boolean;
}

/** The worker's entry point, as the local queue calls it: a run, and whatever follows it (sending it again). */
export type ImportRunner = (message: ImportMessage, options: ImportRunOptions) => Promise<void>;

/* ----------------------------------------- local -------------------------------------------- */

const LOCAL_RETRIES = 3;

let localRunner: ImportRunner | undefined;
let stopping = false;
/** The runs of each upload, chained: a message for an upload waits for the one before it. */
const running = new Map<string, Promise<void>>();

/** The local product's worker (set where the product starts, so functions deployed to Lambda do not bundle it). */
export function setLocalImportRunner(runner: ImportRunner): void {
  localRunner = runner;
  stopping = false;
}

/** Messages sent with a delay, not yet due. */
const delayed = new Set<NodeJS.Timeout>();

/** Asks every local run to save its progress and stop, and waits for them; a later start resumes them. */
export async function stopLocalImports(): Promise<void> {
  stopping = true;
  for (const timer of delayed) clearTimeout(timer);
  delayed.clear();
  while (running.size > 0) await Promise.allSettled([...running.values()]);
}

async function runWithRetries(runner: ImportRunner, message: ImportMessage): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (stopping) return;
    try {
      await runner(message, { shouldStop: () => stopping });
      return;
    } catch (error) {
      // The upload id and the error's name only: a message could quote a cell.
      logger.warn('import run failed', { uploadId: message.uploadId, phase: message.phase, attempt, errorName: (error as Error).name });
      if (attempt >= LOCAL_RETRIES) return;
      await sleep(200 * 2 ** attempt);
    }
  }
}

function runLocally(message: ImportMessage): void {
  const runner = localRunner;
  if (!runner) throw new Error('IMPORT_QUEUE=local, but no local import runner is set');
  if (stopping) return;
  const previous = running.get(message.uploadId) ?? Promise.resolve();
  const run = previous.then(() => runWithRetries(runner, message));
  running.set(message.uploadId, run);
  void run.finally(() => {
    if (running.get(message.uploadId) === run) running.delete(message.uploadId);
  });
}

/* ------------------------------------------- SQS -------------------------------------------- */

let sqs: SQSClient | undefined;
const sqsClient = () => (sqs ??= new SQSClient({}));

/**
 * Sends an upload's phase to the worker, at once or after `delaySeconds` (at most 900, SQS's
 * limit); locally it runs in this process and this returns at once.
 */
export async function sendImport(message: ImportMessage, options: { delaySeconds?: number } = {}): Promise<void> {
  const adapter = process.env.IMPORT_QUEUE ?? 'sqs';
  const delaySeconds = Math.min(900, options.delaySeconds ?? 0);
  if (adapter === 'local') {
    if (delaySeconds === 0) return runLocally(message);
    if (stopping) return;
    const timer = setTimeout(() => {
      delayed.delete(timer);
      runLocally(message);
    }, delaySeconds * 1000);
    delayed.add(timer);
    return;
  }
  if (adapter !== 'sqs') throw new Error(`unknown IMPORT_QUEUE ${adapter}`);
  await sqsClient().send(
    new SendMessageCommand({ QueueUrl: requiredEnv('IMPORT_QUEUE_URL'), MessageBody: JSON.stringify(message), ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}) }),
  );
}

/** Sends again every upload left checking or committing (the product stopped while it ran); how many. */
export async function resumeImports(): Promise<number> {
  let start: Record<string, unknown> | undefined;
  let sent = 0;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': ACTIVE_IMPORTS_PARTITION },
        ProjectionExpression: 'id, #status',
        ExpressionAttributeNames: { '#status': 'status' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of (page.Items ?? []) as Pick<UploadItem, 'id' | 'status'>[]) {
      const phase = runningPhase(item.status);
      if (!phase) continue;
      await sendImport({ uploadId: item.id, phase });
      sent++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return sent;
}
