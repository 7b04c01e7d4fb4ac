/** Filling a table for a benchmark: parallel 25-item BatchWriteItem calls, retrying what is left unprocessed. */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const BATCH = 25;
const WRITERS = 12;

/** Writes `itemOf(n)` for every n in [from, to); the seconds it took. Items are made as they are written, never all held. */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  from: number,
  to: number,
  itemOf: (n: number) => Record<string, unknown>,
): Promise<number> {
  const started = performance.now();
  let next = from;
  const writer = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + BATCH);
      let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = [];
      for (let n = start; n < Math.min(to, start + BATCH); n++) requests.push({ PutRequest: { Item: itemOf(n) } });
      for (let attempt = 0; requests?.length; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * attempt));
        const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = UnprocessedItems?.[table] as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  return (performance.now() - started) / 1000;
}
