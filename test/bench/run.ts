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
import { startServerProcess } from './server-process.ts';

async function signIn(url: string, phone: string): Promise<{ token: string; id: string }> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/auth/otp', { phone });
  const outbox = (await (await fetch(`${url}/api/dev/outbox?phone=${phone}`)).json()) as { messages: Array<{ text: string }> };
  const code = /\d{6}/.exec(outbox.messages[0]!.text)![0];
  const { token } = (await (await post('/api/auth/token', { phone, code })).json()) as { token: string };
  const me = (await (await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string };
  return { token, id: me.id };
}

const database = await startDynamoDbLocal();
const server = await startServerProcess(database.endpoint);
try {
  const migrant = await signIn(server.url, server.demoAccounts.find((a) => a.role === 'migrant')!.phone!);
  const results = {
    measuredAt: new Date().toISOString(),
    apiOverhead: await measureApiOverhead({ ...server, dynamoEndpoint: database.endpoint }, migrant.token, migrant.id),
    signInPageWeight: await measureSignInWeight(server.url),
  };
  console.log(JSON.stringify(results, null, 2));
  const out = join(repoRoot, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench.json'), JSON.stringify(results, null, 2));
} finally {
  await server.stop();
  await database.stop();
}
