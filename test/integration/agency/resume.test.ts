/**
 * A commit killed part-way and run again ends with exactly one record per valid row: the commit
 * runs in a process of its own, which is killed (SIGKILL: no chance to save anything) once it has
 * saved some progress; the same run in this process then resumes from the saved row, finds the
 * records the killed run wrote after it, and counts each valid row once. And a Lambda about to run
 * out of time saves its progress and sends its message again; when that message is lost as well, a
 * status read finds the old heartbeat and sends the phase again, which goes on from the saved row.
 */
import { spawn } from 'node:child_process';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '#functions/commons/dynamo';
import { handler, runImport } from '#functions/agency/import-worker';
import { startCommit } from '#functions/agency/committing';
import { readUpload } from '#functions/agency/uploads';
import { uploadKey } from '#functions/agency/items';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { repoRoot } from '#infra/local/server';
import { csvOf, newOrganisation, uploadSheet, uploadUnannounced, waitForUpload, type TestOrganisation, type TestRow } from '#test/support/agency';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId } from '#test/support/residents';

const ROWS = 5000;
/** Every 100th row repeats the row before it; every other 50th is invalid (a phone of 5 digits). */
const REPEATED = ROWS / 100;
const INVALID = ROWS / 50 - REPEATED;

let product: TestProduct;
let org: TestOrganisation;

beforeAll(async () => {
  product = await startProduct();
  org = await newOrganisation(product, 'employer');
});

afterAll(async () => {
  await product?.close();
});

function rows(): TestRow[] {
  const hire = sheetTexts('zh-CN').events.hire;
  const out: TestRow[] = [];
  for (let n = 1; n <= ROWS; n++) {
    if (n % 100 === 0) {
      out.push({ ...out[out.length - 1]! });
      continue;
    }
    const id = citizenId('440304', `1990${String(1 + (n % 12)).padStart(2, '0')}15`, String(n % 1000).padStart(3, '0'));
    out.push({ name: '赵六', citizenId: id, phone: n % 50 === 0 ? '12345' : `1380000${String(n).padStart(4, '0')}`, event: hire, date: `2025-${String(1 + Math.floor(n / 1000)).padStart(2, '0')}-01`, workplace: '工地' });
  }
  return out;
}

const recordCount = async () => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: product.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ORG#${org.id}#REPORTS` },
        Select: 'COUNT',
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
};

it('a commit killed part-way resumes and writes each valid row exactly once', async () => {
  const id = await uploadSheet(product, org.token, 'big.csv', csvOf(rows()));
  const checked = await waitForUpload(product, org.token, id, ['checked', 'failed'], { timeoutMs: 60_000 });
  const valid = ROWS - INVALID - REPEATED;
  expect(checked.counts).toMatchObject({ rows: ROWS, valid, invalid: INVALID, duplicates: REPEATED, alreadyReported: 0 });

  // As the commit route does, without sending the message: the run is the child's.
  await startCommit((await readUpload(id, true))!);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/import-process.ts', id, 'commit', '2'], {
    cwd: repoRoot,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_, signal) => done(signal)));
  let savedRows = 0;
  for (const deadline = Date.now() + 60_000; savedRows === 0; ) {
    if (child.exitCode !== null) throw new Error(`the commit ended (${child.exitCode}) before it could be killed`);
    if (Date.now() > deadline) throw new Error('the commit saved no progress within a minute');
    savedRows = (await readUpload(id, true))?.processedRows ?? 0;
    if (savedRows === 0) await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const killed = (await readUpload(id, true))!;
  expect(killed.status).toBe('committing');
  expect(killed.processedRows).toBeLessThan(ROWS);
  const writtenBeforeResume = await recordCount();
  expect(writtenBeforeResume).toBeGreaterThan(0);
  expect(writtenBeforeResume).toBeLessThan(valid);

  expect(await runImport({ uploadId: id, phase: 'commit' })).toBe('finished');
  const committed = (await readUpload(id, true))!;
  expect(committed.status).toBe('committed');
  expect(committed.counts).toMatchObject({ rows: ROWS, valid, invalid: INVALID, duplicates: REPEATED, alreadyReported: 0, written: valid });
  expect(committed.processedRows).toBe(ROWS);
  expect(await recordCount()).toBe(valid);
  // No longer on the list of running imports.
  expect(committed.gsi2pk).toBeUndefined();
}, 180_000);

it('a Lambda about to run out of time saves its progress and sends its message again', async () => {
  const other = await newOrganisation(product, 'employer');
  const id = await uploadUnannounced(product, other.token, 'slow.csv', csvOf(rows().slice(0, 1000)));
  const sqs = mockClient(SQSClient);
  sqs.on(SendMessageCommand).resolves({});
  const queue = { IMPORT_QUEUE: process.env.IMPORT_QUEUE, IMPORT_QUEUE_URL: process.env.IMPORT_QUEUE_URL };
  Object.assign(process.env, { IMPORT_QUEUE: 'sqs', IMPORT_QUEUE_URL: 'https://sqs.local/000000000000/imports' });
  try {
    // Plenty of time for three chunks of rows, then less than a minute left.
    let asked = 0;
    const context = { getRemainingTimeInMillis: () => (++asked > 3 ? 59_000 : 900_000) } as unknown as Context;
    const body = JSON.stringify({ uploadId: id, phase: 'check' });
    const record = { messageId: 'm1', body, receiptHandle: 'r1', attributes: {}, messageAttributes: {} } as unknown as SQSRecord;
    expect(await handler({ Records: [record] }, context)).toEqual({ batchItemFailures: [] });
    const sent = sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([{ QueueUrl: 'https://sqs.local/000000000000/imports', MessageBody: body }]);
  } finally {
    Object.assign(process.env, queue);
    sqs.restore();
  }
  const stopped = (await readUpload(id, true))!;
  expect(stopped.status).toBe('checking');
  expect(stopped.processedRows).toBe(400);
  expect(stopped.counts.rows).toBe(400);

  // The message sent again is lost too, and the worker's heartbeat grows old: a status read sends the check again.
  await db().send(
    new UpdateCommand({ TableName: product.tableName, Key: uploadKey(id), UpdateExpression: 'SET heartbeatAt = :old', ExpressionAttributeValues: { ':old': new Date(Date.now() - 3 * 60_000).toISOString() } }),
  );
  const checked = await waitForUpload(product, other.token, id, ['checked', 'failed']);
  expect(checked.counts).toMatchObject({ rows: 1000, valid: 1000 - 10 - 10, invalid: 10, duplicates: 10 });
});
