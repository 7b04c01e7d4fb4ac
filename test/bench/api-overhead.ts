/**
 * GET /api/me through the local server (token verification, event conversion, middy, one GetItem)
 * against a raw DynamoDB Local GetItem of the same item, in the same run.
 */
import { Agent, request as httpRequest } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
interface Target {
  url: string;
  tableName: string;
  dynamoEndpoint: string;
}
import { load, round, type LoadResult } from './measure.ts';

const REQUESTS = 2000;
const CONCURRENCY = 20;
const ROUNDS = 4;

export async function measureApiOverhead(product: Target, token: string, accountId: string) {
  const client = new DynamoDBClient(localClientConfig(product.dynamoEndpoint));
  const rawGet = async () => {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: product.tableName, Key: { pk: { S: `ACCOUNT#${accountId}` }, sk: { S: 'ACCOUNT' } } }),
    );
    if (!Item) throw new Error('item missing');
  };
  // node:http with keep-alive: the lightest client, so the figure is the server's cost, not the load generator's.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL('/api/me', product.url);
  const apiGet = () =>
    new Promise<void>((done, fail) => {
      const request = httpRequest(target, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.resume();
        response.once('end', () => (response.statusCode === 200 ? done() : fail(new Error(`status ${response.statusCode}`))));
      });
      request.once('error', fail);
      request.end();
    });

  // Warm both paths (JIT, connection pools, DynamoDB Local's own warm-up) before measuring.
  await load(400, CONCURRENCY, rawGet);
  await load(400, CONCURRENCY, apiGet);

  // Interleave rounds of each so drift in the machine's load hits both sides alike.
  const raw: LoadResult[] = [];
  const api: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(await load(REQUESTS / ROUNDS, CONCURRENCY, rawGet));
    api.push(await load(REQUESTS / ROUNDS, CONCURRENCY, apiGet));
  }
  client.destroy();
  agent.destroy();
  const mean = (xs: LoadResult[], key: 'medianMs' | 'p95Ms' | 'perSecond') => xs.reduce((s, x) => s + x[key], 0) / xs.length;
  const result = {
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    rawGetItem: { medianMs: round(mean(raw, 'medianMs')), p95Ms: round(mean(raw, 'p95Ms')), perSecond: round(mean(raw, 'perSecond'), 0) },
    apiMe: { medianMs: round(mean(api, 'medianMs')), p95Ms: round(mean(api, 'p95Ms')), perSecond: round(mean(api, 'perSecond'), 0) },
  };
  return {
    ...result,
    medianRatio: round(result.apiMe.medianMs / result.rawGetItem.medianMs),
    p95Ratio: round(result.apiMe.p95Ms / result.rawGetItem.p95Ms),
    target: 'ratio ≤ 1.5',
  };
}
