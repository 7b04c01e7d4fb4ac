/**
 * The residence permit at scale, each figure against a raw DynamoDB Local baseline in the same run:
 *
 * - Verification: GET /api/verify/{token} through the product's server (signature check, one
 *   UpdateItem that counts the check and returns the permit, a presigned photo link) against raw
 *   GetItem of the same permit, both at concurrency 50.
 * - The daily job over 100,000 permits (and their holders' profiles) in a table of its own: a
 *   realistic day, when about a tenth is due, and the worst day, when every permit is due and each
 *   gets a change, a message and a text message. Wall time and peak memory against a raw paginated
 *   query of the same due items from the same index, run just before the job.
 */
import { Agent, request as httpRequest } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { logger } from '#functions/commons/logger';
import { chineseWorkingCalendar } from '#shared/policy/calendar';
import { addDays, startOfDay, type IsoDate } from '#shared/policy/civil-time';
import type { Duration } from '#shared/policy/schema';
import { sweepPartition, SWEEP_SHARDS, type PermitItem } from '#functions/permit/items';
import type { ProfileItem } from '#functions/residence/items';
import { profileKey } from '#functions/residence/items';
import { loadOrCreateLocalSecrets } from '#infra/local/secrets';
import { ensureTable } from '#infra/local/table-bootstrap';
import { permitItemOf, type PermitSpec } from '#test/support/permit-items';
import { batchWrite } from './batch-write.ts';
import { load, round, type LoadResult } from './measure.ts';

/** Runs `work` with these settings in this process's environment (which the handlers read), then puts it back. */
async function withEnv<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  const level = logger.getLevelName();
  // The benchmark prints figures, not the job's own log lines.
  logger.setLogLevel('WARN');
  Object.assign(process.env, settings);
  try {
    return await work();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    logger.setLogLevel(level);
  }
}

/* ---------------------------------------- verification --------------------------------------- */

interface Server {
  url: string;
  tableName: string;
  dataDir: string;
  dynamoEndpoint: string;
}

const VERIFY_REQUESTS = 4000;
const VERIFY_CONCURRENCY = 50;
const VERIFY_ROUNDS = 4;

/** The server's table and keys, so a token made here verifies there. */
async function serverSettings(server: Server): Promise<Record<string, string>> {
  const secrets = await loadOrCreateLocalSecrets(server.dataDir);
  return {
    TABLE_NAME: server.tableName,
    DYNAMODB_ENDPOINT: server.dynamoEndpoint,
    PERMIT_SIGNER: 'local',
    PERMIT_SIGNING_JWK: JSON.stringify(secrets.permitSigningKey),
    PERMIT_VERIFICATION_JWK: JSON.stringify(secrets.permitVerificationKey),
    BLOB_STORE: 'local',
    BLOB_DIR: join(server.dataDir, 'blobs'),
    BLOB_SIGNING_KEY: secrets.blobSigningKey,
  };
}

export async function measurePermitVerification(server: Server) {
  return withEnv(await serverSettings(server), () => verificationFigures(server));
}

async function verificationFigures(server: Server) {
  // The card module reads its settings when first used: after they are set above.
  const { permitCard } = await import('#functions/permit/card');
  const { todayInShanghai } = await import('#functions/commons/clock');
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(server.dynamoEndpoint)));
  const permit = permitItemOf({ accountId: `bench-${randomUUID()}`, holderName: '王小明', packId: 'datong', issuedOn: todayInShanghai(), validity: { amount: 5, unit: 'years' }, serial: 1 });
  await documents.send(new PutCommand({ TableName: server.tableName, Item: permit }));
  /** A fresh QR token, as the holder's card shows it; each lives 120 s, so every round gets its own. */
  const freshToken = async () => (await permitCard(permit, { today: todayInShanghai(), calendar: chineseWorkingCalendar, origin: server.url })).qr.token;

  const client = new DynamoDBClient(localClientConfig(server.dynamoEndpoint));
  const rawGet = async () => {
    const { Item } = await client.send(new GetItemCommand({ TableName: server.tableName, Key: { pk: { S: permit.pk }, sk: { S: permit.sk } } }));
    if (!Item) throw new Error('permit missing');
  };
  const agent = new Agent({ keepAlive: true, maxSockets: VERIFY_CONCURRENCY });
  const apiVerify = (token: string) => () =>
    new Promise<void>((done, fail) => {
      const request = httpRequest(new URL(`/api/verify/${token}`, server.url), { agent }, (response) => {
        response.resume();
        response.once('end', () => (response.statusCode === 200 ? done() : fail(new Error(`verify answered ${response.statusCode}`))));
      });
      request.once('error', fail);
      request.end();
    });

  const probe = await fetch(`${server.url}/api/verify/${await freshToken()}`);
  if (probe.status !== 200) {
    client.destroy();
    agent.destroy();
    documents.destroy();
    return { skipped: `GET /api/verify/{token} answered ${probe.status}: measure again once the route verifies` };
  }

  await load(400, VERIFY_CONCURRENCY, rawGet);
  await load(400, VERIFY_CONCURRENCY, apiVerify(await freshToken()));
  const raw: LoadResult[] = [];
  const api: LoadResult[] = [];
  for (let i = 0; i < VERIFY_ROUNDS; i++) {
    raw.push(await load(VERIFY_REQUESTS / VERIFY_ROUNDS, VERIFY_CONCURRENCY, rawGet));
    api.push(await load(VERIFY_REQUESTS / VERIFY_ROUNDS, VERIFY_CONCURRENCY, apiVerify(await freshToken())));
  }
  client.destroy();
  agent.destroy();
  documents.destroy();
  const mean = (xs: LoadResult[], key: 'medianMs' | 'p95Ms' | 'perSecond') => xs.reduce((s, x) => s + x[key], 0) / xs.length;
  const side = (xs: LoadResult[]) => ({ perSecond: round(mean(xs, 'perSecond'), 0), medianMs: round(mean(xs, 'medianMs')), p95Ms: round(mean(xs, 'p95Ms')) });
  const rawGetItem = side(raw);
  const apiVerifyFigures = side(api);
  return {
    requests: VERIFY_REQUESTS,
    concurrency: VERIFY_CONCURRENCY,
    rawGetItem,
    apiVerify: apiVerifyFigures,
    throughputRatio: round(apiVerifyFigures.perSecond / rawGetItem.perSecond),
    target: 'verify/raw requests per second ≥ 0.6',
  };
}

/* ----------------------------------------- daily job ----------------------------------------- */

const PERMITS = 100_000;
/** Issue dates spread over one year, so the anniversaries (and the windows) spread over the next. */
const FIRST_ISSUE: IsoDate = '2025-06-01';
/** Before any anniversary: some twenty days of windows open at once (about 5% of the permits), nothing suspended or expired yet. */
const REALISTIC_DAY: IsoDate = '2026-05-20';
/** Every permit is due: each window has closed (suspension) or each 1-year permit has ended (expiry). */
const WORST_DAY: IsoDate = '2027-06-30';
const PAGE_SIZE = 100;
const LANGUAGES = ['zh-CN', 'en', 'ug'] as const;
const years = (amount: number): Duration => ({ amount, unit: 'years' });

/** Permit n: national, Liaoning (1, 2 or 3 years) or Datong, issued on one of 365 days. */
function benchPermit(n: number): PermitItem {
  const packs: Array<Pick<PermitSpec, 'packId' | 'validity'>> = [
    { packId: 'national' },
    { packId: 'liaoning', validity: years(1 + (Math.floor(n / 3) % 3)) },
    { packId: 'datong', validity: years(5) },
  ];
  const { packId, validity } = packs[n % 3]!;
  // n / 3 spreads each pack's permits over the year's issue days.
  return permitItemOf({
    id: `bench-${String(n).padStart(6, '0')}`,
    accountId: `bench-${n}`,
    holderName: '王小明',
    packId,
    ...(validity ? { validity } : {}),
    issuedOn: addDays(FIRST_ISSUE, Math.floor(n / 3) % 365),
    serial: n,
  });
}

function benchProfile(n: number): ProfileItem {
  return {
    ...profileKey(`bench-${n}`),
    sk: 'PROFILE',
    accountId: `bench-${n}`,
    name: '王小明',
    citizenId: '110101199003070000',
    citizenIdHash: `bench-${n}`,
    birthDate: '1990-03-07',
    sex: 'male',
    ethnicity: '01',
    phone: `139${String(n).padStart(8, '0')}`,
    hukou: { division: '110101', path: ['北京市', '东城区'], detail: '南池子大街 1 号' },
    education: 'bachelor',
    employment: 'employed',
    language: LANGUAGES[n % LANGUAGES.length]!,
    version: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** Garbage collection on demand, so each side starts from the same heap. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

interface Measured<T> {
  value: T;
  seconds: number;
  /** The largest heap and resident set seen while it ran, sampled every 10 ms, in MB: they include garbage not yet collected. */
  peakHeapMB: number;
  peakRssMB: number;
  /** The largest heap right after a full collection, every 250 ms: what the work really held at once, in MB. */
  peakLiveHeapMB: number;
}

const MB = 1024 * 1024;

async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  collectGarbage();
  let peakHeap = process.memoryUsage().heapUsed;
  let peakLive = peakHeap;
  let peakRss = process.memoryUsage().rss;
  const sample = () => {
    const { heapUsed, rss } = process.memoryUsage();
    peakHeap = Math.max(peakHeap, heapUsed);
    peakRss = Math.max(peakRss, rss);
  };
  const sampleLive = () => {
    collectGarbage();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const liveSampler = setInterval(sampleLive, 250);
  const started = performance.now();
  try {
    const value = await work();
    const seconds = round((performance.now() - started) / 1000);
    sample();
    return { value, seconds, peakHeapMB: round(peakHeap / MB, 1), peakRssMB: round(peakRss / MB, 1), peakLiveHeapMB: round(peakLive / MB, 1) };
  } finally {
    clearInterval(sampler);
    clearInterval(liveSampler);
  }
}

/** The baseline: every due index item, page by page (the job's page size), all shards at once; only counted. */
async function rawDueQuery(documents: DynamoDBDocumentClient, table: string, today: IsoDate): Promise<number> {
  const counts = await Promise.all(
    Array.from({ length: SWEEP_SHARDS }, async (_, shard) => {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'gsi3',
            KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :upTo',
            ExpressionAttributeValues: { ':pk': sweepPartition(shard), ':upTo': `${today}#\uffff` },
            Limit: PAGE_SIZE,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        count += page.Items?.length ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

export async function measureDailyJob(dynamoEndpoint: string, permits = PERMITS) {
  const table = `permit-sweep-bench-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamoEndpoint, table);
  // The job reads these at first use, as it does in Lambda; the outbox stands for the SMS provider.
  const settings = { TABLE_NAME: table, DYNAMODB_ENDPOINT: dynamoEndpoint, PII_HASH_KEY: randomBytes(32).toString('base64'), SMS_ADAPTER: 'outbox', SMS_OUTBOX_ECHO: '0' };
  return withEnv(settings, () => dailyJobFigures(dynamoEndpoint, table, permits));
}

async function dailyJobFigures(dynamoEndpoint: string, table: string, permits: number) {
  const { handler } = await import('#functions/permit/daily-sweep');
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamoEndpoint)), { marshallOptions: { removeUndefinedValues: true } });
  try {
    // Even n: permit n/2; odd n: its holder's profile.
    const loadSeconds = await batchWrite(documents, table, 0, 2 * permits, (n) =>
      (n % 2 === 0 ? benchPermit(n / 2) : benchProfile((n - 1) / 2)) as unknown as Record<string, unknown>,
    );

    const day = async (today: IsoDate) => {
      const raw = await measured(() => rawDueQuery(documents, table, today));
      process.env.CLOCK_OFFSET_MS = String(startOfDay(today).getTime() + 3600 * 1000 - Date.now());
      const job = await measured(() => handler({}));
      delete process.env.CLOCK_OFFSET_MS;
      if (job.value.examined !== raw.value) throw new Error(`the job examined ${job.value.examined} permits, the index held ${raw.value} due`);
      const memory = ({ peakHeapMB, peakRssMB, peakLiveHeapMB }: Measured<unknown>) => ({ peakHeapMB, peakRssMB, peakLiveHeapMB });
      return {
        today,
        due: raw.value,
        job: { ...job.value, seconds: job.seconds, permitsPerSecond: round(raw.value / job.seconds, 0), ...memory(job) },
        rawQuery: { seconds: raw.seconds, itemsPerSecond: round(raw.value / raw.seconds, 0), ...memory(raw) },
        timeRatio: round(job.seconds / raw.seconds),
        peakLiveHeapRatio: round(job.peakLiveHeapMB / raw.peakLiveHeapMB),
        peakHeapRatio: round(job.peakHeapMB / raw.peakHeapMB),
        peakRssRatio: round(job.peakRssMB / raw.peakRssMB),
      };
    };
    const realisticDay = await day(REALISTIC_DAY);
    const worstDay = await day(WORST_DAY);
    return {
      permits,
      loadSeconds: round(loadSeconds, 1),
      pageSize: PAGE_SIZE,
      realisticDay,
      worstDay,
      note: 'The raw query only reads the due index items; the job also writes one transaction (permit + messages) and sends one text message per changed permit, so its time ratio is the cost of those writes. Its live heap stays flat however many permits are due; the peak heap without a collection only shows how lazily V8 collects.',
    };
  } finally {
    documents.destroy();
  }
}
