/**
 * The import worker's queue messages: S3's notification of a new file (its key URL-encoded, the
 * upload's id in the file name), a phase of one upload, S3's test event; anything else fails its
 * record alone (partial batch response), so SQS redelivers only that one and, in the end, parks it
 * in the dead-letter queue.
 */
import { describe, expect, it } from 'vitest';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { handler, messagesOf } from '#functions/agency/import-worker';

const ID = 'UP0123456789AB';

const s3Notification = (...keys: string[]) =>
  JSON.stringify({ Records: keys.map((key) => ({ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'uploads' }, object: { key, size: 10 } } })) });

describe('messagesOf', () => {
  it('reads a check from each new file under imports/, decoding the key', () => {
    expect(messagesOf(s3Notification(`imports/org-abc/${ID}.xlsx`, 'imports/org-abc/UP0123456789AC.csv'))).toEqual([
      { uploadId: ID, phase: 'check' },
      { uploadId: 'UP0123456789AC', phase: 'check' },
    ]);
    expect(messagesOf(s3Notification(`imports%2Forg-abc%2F${ID}.csv`))).toEqual([{ uploadId: ID, phase: 'check' }]);
  });

  it('ignores files that are no upload and S3 test events', () => {
    expect(messagesOf(s3Notification('proofs/acc/1234', `imports/org-abc/${ID}.pdf`, 'imports/org-abc/not-an-id.csv'))).toEqual([]);
    expect(messagesOf(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'uploads' }))).toEqual([]);
  });

  it('reads a phase of one upload', () => {
    expect(messagesOf(JSON.stringify({ uploadId: ID, phase: 'commit' }))).toEqual([{ uploadId: ID, phase: 'commit' }]);
  });

  it('refuses anything else', () => {
    for (const body of ['not json', '{}', JSON.stringify({ uploadId: 'UP1', phase: 'check' }), JSON.stringify({ uploadId: ID, phase: 'delete' })]) {
      expect(() => messagesOf(body), body).toThrow();
    }
  });
});

it('reports only the records it could not handle', async () => {
  const record = (messageId: string, body: string) => ({ messageId, body, receiptHandle: messageId, attributes: {}, messageAttributes: {} }) as unknown as SQSRecord;
  const event: SQSEvent = { Records: [record('good', JSON.stringify({ Event: 's3:TestEvent' })), record('bad', 'not json')] };
  const context = { getRemainingTimeInMillis: () => 900_000 } as unknown as Context;
  expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
});
