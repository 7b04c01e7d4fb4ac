/**
 * `npm run bench [-- <figure>…]`: every figure, or only the named ones. Each figure is a ratio
 * against a baseline measured in the same run, because these machines are noisy; a figure that
 * uses the database measures on a warmed-up one (warm-up.ts). Results are printed and written to
 * test-results/bench.json (or bench-<figures>.json when only some run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '#infra/local/dynamodb-local';
import { repoRoot } from '#infra/local/server';
import { call, signInByPhone } from '#test/support/api-client';
import { measureAgencyUploadLimits, measureAgencyUploads } from './agency-upload.ts';
import { measureApiOverhead } from './api-overhead.ts';
import { measureColdStart } from './cold-start.ts';
import { measureOfficerQueue } from './officer-queue.ts';
import { measureDailyJob, measurePermitVerification } from './permit.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { warmDynamoDbLocal } from './warm-up.ts';
import { measureSignInWeight } from './web-weight.ts';

/** What a figure may ask for: started on first use, stopped at the end. */
interface Bench {
  database(): Promise<DynamoDbLocal>;
  server(): Promise<ServerProcess & { dynamoEndpoint: string }>;
}

async function signIn(url: string, phone: string): Promise<{ token: string; id: string }> {
  const token = await signInByPhone({ url }, phone);
  const me = await call<{ id: string }>({ url }, 'GET', '/api/me', { token });
  return { token, id: me.body.id };
}

/** The figures, in the order a full run measures them (the officer queue fills the server's table with 100,000 declarations, which the figures before it must not see). */
const FIGURES: Record<string, (bench: Bench) => Promise<unknown>> = {
  coldStart: () => measureColdStart(),
  apiOverhead: async (bench) => {
    const server = await bench.server();
    const migrant = await signIn(server.url, server.demoAccounts.find((a) => a.role === 'migrant')!.phone!);
    return measureApiOverhead(server, migrant.token, migrant.id);
  },
  signInPageWeight: async (bench) => measureSignInWeight((await bench.server()).url),
  permitVerification: async (bench) => measurePermitVerification(await bench.server()),
  officerQueue: async (bench) => measureOfficerQueue(await bench.server()),
  // In a table of its own: 100,000 permits and their holders' profiles.
  permitDailyJob: async (bench) => measureDailyJob((await bench.database()).endpoint),
  // In tables of their own: 10,000 and 100,000 rows as .xlsx and as GBK CSV, checked and committed.
  agencyUploads: async (bench) => measureAgencyUploads((await bench.database()).endpoint),
  // In tables of their own: the largest upload a person makes, and files at and past the worker's limits.
  agencyUploadLimits: async (bench) => measureAgencyUploadLimits((await bench.database()).endpoint),
};
/** Figures that measure without the database. */
const WITHOUT_DATABASE = new Set(['coldStart', 'signInPageWeight']);

const asked = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = asked.filter((name) => !(name in FIGURES));
if (unknown.length) {
  console.error(`unknown figure ${unknown.join(', ')}; the figures are: ${Object.keys(FIGURES).join(', ')}`);
  process.exit(2);
}
const chosen = asked.length ? Object.keys(FIGURES).filter((name) => asked.includes(name)) : Object.keys(FIGURES);

let database: Promise<DynamoDbLocal> | undefined;
let server: Promise<ServerProcess & { dynamoEndpoint: string }> | undefined;
const bench: Bench = {
  database: () => (database ??= startDynamoDbLocal()),
  server: () =>
    (server ??= bench.database().then(async ({ endpoint }) => ({ ...(await startServerProcess(endpoint)), dynamoEndpoint: endpoint }))),
};

const results: Record<string, unknown> = { measuredAt: new Date().toISOString() };
try {
  for (const name of chosen) {
    if (!WITHOUT_DATABASE.has(name)) await warmDynamoDbLocal((await bench.database()).endpoint);
    console.error(`measuring ${name}…`);
    results[name] = await FIGURES[name]!(bench);
  }
  console.log(JSON.stringify(results, null, 2));
  const out = join(repoRoot, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, asked.length ? `bench-${chosen.join('-')}.json` : 'bench.json'), JSON.stringify(results, null, 2));
} finally {
  await (await server)?.stop();
  await (await database)?.stop();
}
