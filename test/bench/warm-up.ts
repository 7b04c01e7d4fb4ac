/**
 * DynamoDB Local runs on the JVM, whose JIT compiles its hot paths during the first tens of
 * thousands of requests: a figure measured on a cold database reads faster or slower than the same
 * figure measured warm (the /api/me ratio: 1.04–1.62 first, 1.7–1.8 warm). Every figure that uses
 * the database waits for this first; it runs once per database process.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { ensureTable } from '#infra/local/table-bootstrap';
import { batchWrite } from './batch-write.ts';
import { load } from './measure.ts';

const WRITES = 20_000;
const READS = 4_000;
const warmed = new Map<string, Promise<void>>();

async function warm(endpoint: string) {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(endpoint)));
  const table = `bench-warm-up-${randomUUID().slice(0, 8)}`;
  try {
    await ensureTable(endpoint, table);
    await batchWrite(documents, table, 0, WRITES, (n) => ({ pk: `WARM#${n % 100}`, sk: String(n), padding: 'x'.repeat(400) }));
    let n = 0;
    await load(READS, 20, async () => {
      const i = n++;
      if (i % 2) await documents.send(new GetCommand({ TableName: table, Key: { pk: `WARM#${i % 100}`, sk: String(i) } }));
      else await documents.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `WARM#${i % 100}` }, Limit: 20 }));
    });
  } finally {
    documents.destroy();
  }
}

/** Resolves once the database at `endpoint` has been warmed up (the first call does it). */
export function warmDynamoDbLocal(endpoint: string): Promise<void> {
  let warming = warmed.get(endpoint);
  if (!warming) {
    warming = warm(endpoint);
    warmed.set(endpoint, warming);
  }
  return warming;
}
