/**
 * The officer's queue at scale: pages of GET /api/officer/declarations through the product's server
 * against a raw DynamoDB Local Query of exactly the same page (same index, key condition,
 * projection, limit and start key), at 10,000 and at 100,000 declarations across the five seeded
 * stations. A key-ordered index query reads one page whatever the table holds, so the page time
 * should not grow with the table; the figures show whether it does.
 */
import { Agent, request as httpRequest } from 'node:http';
import { DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { divisionChildren, divisionPath } from '#functions/policy/divisions';
import { declarationIndexKeys, declarationKey, type DeclarationItem } from '#functions/residence/items';
import { queueQueryInput, type QueueSelection, type StartKey } from '#functions/review/queue-page';
import { STATIONS } from '#infra/seed/reference-data';
import type { DeadlineView } from '#shared/api/residence';
import { deadlineFor } from '#shared/policy/deadlines';
import { addDays, startOfDay, type IsoDate } from '#shared/policy/civil-time';
import { packForDivision } from '#shared/policy/registry';
import { maskCitizenId, checkCharacter } from '#shared/residence/citizen-id';
import { referenceNumber, type DeclarationStatus } from '#shared/residence/declaration';
import { signInByPassword } from '#test/support/api-client';
import type { DemoAccount } from '#infra/seed/seed';
import { batchWrite } from './batch-write.ts';
import { load, round, type LoadResult } from './measure.ts';

interface Target {
  url: string;
  tableName: string;
  dynamoEndpoint: string;
  demoAccounts: DemoAccount[];
}

const SMALL = 10_000;
const LARGE = 100_000;
const PAGE_LIMIT = 20;
/** How deep the "later page" is: the cursor followed this many pages from the first. */
const LATER_PAGE = 10;
const REQUESTS = 400;
const CONCURRENCY = 8;
const ROUNDS = 4;

/* ------------------------------------------- data ------------------------------------------- */

/** Status mix of a station's declarations over time: most are registered, a fifth wait in the queue. */
const STATUS_CYCLE: readonly DeclarationStatus[] = ['registered', 'registered', 'submitted', 'registered', 'returned', 'registered', 'ended', 'registered', 'submitted', 'registered'];

interface StationPlaces {
  id: string;
  name: string;
  streets: Array<{ division: string; path: string[] }>;
}

async function placesOf(): Promise<StationPlaces[]> {
  return Promise.all(
    STATIONS.map(async (s) => {
      const county = s.divisions[0]!;
      const streets = ((await divisionChildren(county)) ?? []).slice(0, 4);
      return {
        id: s.id,
        name: s.name,
        streets: await Promise.all(streets.map(async (street) => ({ division: street.code, path: (await divisionPath(street.code)) ?? [] }))),
      };
    }),
  );
}

const deadlines = new Map<string, DeadlineView | null>();

/** The real deadline of the station's pack for a move-in date (memoised: a few hundred distinct dates). */
function deadlineOf(division: string, moveInDate: IsoDate, filedAt: Date): DeadlineView | null {
  const key = `${division.slice(0, 6)}#${moveInDate}`;
  if (!deadlines.has(key)) {
    const pack = packForDivision(division);
    const d = deadlineFor(pack, 'registration.deadline', startOfDay(moveInDate), { filedAt });
    deadlines.set(
      key,
      d
        ? {
            packId: pack.id,
            rule: d.rule,
            citation: d.citation,
            due: d.due.toISOString(),
            lastDay: d.lastDay,
            ...(d.rolledFrom ? { rolledFrom: d.rolledFrom } : {}),
            filing: d.filing ?? 'onTime',
            assumedWeekendsOnly: d.assumedWeekendsOnly,
          }
        : null,
    );
  }
  return deadlines.get(key)!;
}

/** The n-th declaration of the bench: deterministic, spread over stations, streets, dates and statuses. */
function declarationItem(n: number, places: StationPlaces[]): DeclarationItem {
  const station = places[n % places.length]!;
  const street = station.streets[Math.floor(n / places.length) % station.streets.length]!;
  const moveInDate = addDays('2025-01-01', (n * 7919) % 600);
  const submittedAt = `${addDays(moveInDate, n % 5)}T02:00:00.000Z`;
  const deadline = deadlineOf(street.division, moveInDate, new Date(submittedAt));
  // Base-32 digits of n make the reference unique.
  const digits = Array.from({ length: 6 }, (_, i) => Math.floor(n / 32 ** (5 - i)) % 32);
  const id = referenceNumber(submittedAt.slice(0, 10), digits);
  const first17 = `110101${(1960 + (n % 40)).toString()}0101${String(n % 1000).padStart(3, '0')}`;
  // Counted per station (n / stations), so every station gets the whole mix.
  const status = STATUS_CYCLE[Math.floor(n / places.length) % STATUS_CYCLE.length]!;
  const base: DeclarationItem = {
    ...declarationKey(id),
    sk: 'DECL',
    id,
    accountId: `bench-${n}`,
    status,
    packId: deadline?.packId ?? packForDivision(street.division).id,
    stationId: station.id,
    stationName: station.name,
    address: { division: street.division, path: street.path, detail: `幸福小区 ${(n % 40) + 1} 号楼 ${(n % 6) + 1} 单元 ${(n % 30) + 101} 室` },
    moveInDate,
    intendedStay: 'from1Year',
    reason: 'work',
    housing: 'rented',
    landlordPhone: '13800000000',
    documents: [],
    deadline,
    actBy: deadline?.lastDay ?? submittedAt.slice(0, 10),
    person: { name: '测试人员', citizenIdMasked: maskCitizenId(first17 + checkCharacter(first17)) },
    submittedAt,
    updatedAt: submittedAt,
    version: 1,
    history: [{ at: submittedAt, event: 'submitted', actor: 'migrant' }],
  };
  return { ...base, ...declarationIndexKeys(base) };
}

/** Writes declarations [from, to). */
const loadDeclarations = (client: DynamoDBDocumentClient, table: string, from: number, to: number, places: StationPlaces[]): Promise<number> =>
  batchWrite(client, table, from, to, (n) => declarationItem(n, places) as unknown as Record<string, unknown>);

/* ---------------------------------------- measuring ----------------------------------------- */

interface Side {
  medianMs: number;
  p95Ms: number;
}

interface PageFigures {
  raw: Side;
  api: Side;
  p95Ratio: number;
  medianRatio: number;
  rows: number;
}

const mean = (xs: LoadResult[], key: 'medianMs' | 'p95Ms') => xs.reduce((s, x) => s + x[key], 0) / xs.length;

async function measurePage(target: Target, token: string, selection: QueueSelection, start: StartKey | undefined, cursor: string | undefined): Promise<PageFigures> {
  const client = new DynamoDBClient(localClientConfig(target.dynamoEndpoint));
  const input = queueQueryInput(target.tableName, selection, PAGE_LIMIT, start);
  // Every value of the query and of a queue key is a string: {S: …} is their whole marshalling.
  const strings = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { S: v }]));
  const { ExclusiveStartKey: _documentKey, ...query } = input;
  const rawInput: QueryCommandInput = {
    ...query,
    ExpressionAttributeValues: strings(input.ExpressionAttributeValues),
    ...(start ? { ExclusiveStartKey: strings(start) } : {}),
  };
  let rows = 0;
  const rawQuery = async () => {
    const { Items = [] } = await client.send(new QueryCommand(rawInput));
    rows = Items.length;
  };
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL(`/api/officer/declarations?limit=${PAGE_LIMIT}${cursor ? `&cursor=${cursor}` : ''}`, target.url);
  const apiQuery = () =>
    new Promise<void>((done, fail) => {
      const request = httpRequest(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.resume();
        response.once('end', () => (response.statusCode === 200 ? done() : fail(new Error(`status ${response.statusCode}`))));
      });
      request.once('error', fail);
      request.end();
    });

  await load(100, CONCURRENCY, rawQuery);
  await load(100, CONCURRENCY, apiQuery);
  const raw: LoadResult[] = [];
  const api: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(await load(REQUESTS / ROUNDS, CONCURRENCY, rawQuery));
    api.push(await load(REQUESTS / ROUNDS, CONCURRENCY, apiQuery));
  }
  client.destroy();
  agent.destroy();
  const r = { medianMs: round(mean(raw, 'medianMs')), p95Ms: round(mean(raw, 'p95Ms')) };
  const a = { medianMs: round(mean(api, 'medianMs')), p95Ms: round(mean(api, 'p95Ms')) };
  return { raw: r, api: a, p95Ratio: round(a.p95Ms / r.p95Ms), medianRatio: round(a.medianMs / r.medianMs), rows };
}

/** Follows the API's cursor `pages` pages in: the cursor and the start key it stands for. */
async function cursorAfter(target: Target, token: string, pages: number): Promise<{ cursor: string; start: StartKey }> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const response = await fetch(`${target.url}/api/officer/declarations?limit=${PAGE_LIMIT}${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { cursor?: string };
    if (!response.ok || !body.cursor) throw new Error(`page ${i + 1} of the queue has no next page (status ${response.status})`);
    cursor = body.cursor;
  }
  return { cursor: cursor!, start: JSON.parse(Buffer.from(cursor!, 'base64url').toString('utf8')) as StartKey };
}

async function measureAtSize(target: Target, token: string, selection: QueueSelection) {
  const later = await cursorAfter(target, token, LATER_PAGE);
  return {
    firstPage: await measurePage(target, token, selection, undefined, undefined),
    laterPage: { pagesIn: LATER_PAGE, ...(await measurePage(target, token, selection, later.start, later.cursor)) },
  };
}

export async function measureOfficerQueue(target: Target) {
  const officer = target.demoAccounts.find((a) => a.role === 'officer' && a.station)!;
  const token = await signInByPassword(target, officer.username!, officer.password!);
  const selection: QueueSelection = { stationId: officer.station!, status: 'submitted' };
  const places = await placesOf();
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(target.dynamoEndpoint)), {
    marshallOptions: { removeUndefinedValues: true },
  });
  try {
    const loadSmallSeconds = await loadDeclarations(documents, target.tableName, 0, SMALL, places);
    const small = await measureAtSize(target, token, selection);
    const loadLargeSeconds = await loadDeclarations(documents, target.tableName, SMALL, LARGE, places);
    const large = await measureAtSize(target, token, selection);
    return {
      stations: places.length,
      pageLimit: PAGE_LIMIT,
      requestsPerSide: REQUESTS,
      concurrency: CONCURRENCY,
      declarations10k: { loadSeconds: round(loadSmallSeconds, 1), ...small },
      declarations100k: { loadSeconds: round(loadLargeSeconds, 1), itemsPerSecond: round((LARGE - SMALL) / loadLargeSeconds, 0), ...large },
      // Does a page cost more when the table is ten times larger? ~1 means no.
      growth100kOver10k: {
        apiFirstPageP95: round(large.firstPage.api.p95Ms / small.firstPage.api.p95Ms),
        apiLaterPageP95: round(large.laterPage.api.p95Ms / small.laterPage.api.p95Ms),
        rawFirstPageP95: round(large.firstPage.raw.p95Ms / small.firstPage.raw.p95Ms),
        rawLaterPageP95: round(large.laterPage.raw.p95Ms / small.laterPage.raw.p95Ms),
      },
      target: 'API/raw p95 ratio ≤ 1.5; growth ratio ≈ 1',
    };
  } finally {
    documents.destroy();
  }
}
