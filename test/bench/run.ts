/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the same run, because
 * these machines are noisy. Results are printed and written to test-results/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { repoRoot } from '#infra/local/server';
import { measureApiOverhead } from './api-overhead.ts';
import { measureSignInWeight } from './web-weight.ts';
import { measureOfficerQueue } from './officer-queue.ts';
import { measureDailyJob, measurePermitVerification } from './permit.ts';
import { measureAgencyUploads } from './agency-upload.ts';
import { startServerProcess } from './server-process.ts';
import { call, signInByPhone } from '#test/support/api-client';

async function signIn(url: string, phone: string): Promise<{ token: string; id: string }> {
  const token = await signInByPhone({ url }, phone);
  const me = await call<{ id: string }>({ url }, 'GET', '/api/me', { token });
  return { token, id: me.body.id };
}

const database = await startDynamoDbLocal();
const server = await startServerProcess(database.endpoint);
try {
  const migrant = await signIn(server.url, server.demoAccounts.find((a) => a.role === 'migrant')!.phone!);
  const results = {
    measuredAt: new Date().toISOString(),
    apiOverhead: await measureApiOverhead({ ...server, dynamoEndpoint: database.endpoint }, migrant.token, migrant.id),
    signInPageWeight: await measureSignInWeight(server.url),
    permitVerification: await measurePermitVerification({ ...server, dynamoEndpoint: database.endpoint }),
    // It fills the table with 100,000 declarations, which the figures above must not see.
    officerQueue: await measureOfficerQueue({ ...server, dynamoEndpoint: database.endpoint }),
    // In a table of its own: 100,000 permits and their holders' profiles.
    permitDailyJob: await measureDailyJob(database.endpoint),
    // In tables of their own: 10,000 and 100,000 rows as .xlsx and as GBK CSV, checked and committed.
    agencyUploads: await measureAgencyUploads(database.endpoint),
  };
  console.log(JSON.stringify(results, null, 2));
  const out = join(repoRoot, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench.json'), JSON.stringify(results, null, 2));
} finally {
  await server.stop();
  await database.stop();
}
