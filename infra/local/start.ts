/** `npm start`: the whole product on this machine. */
import type { DemoAccount } from '#infra/seed/seed';

// The logger takes its level when its module loads: request logs are quiet on the console unless asked for.
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';
const { startLocalProduct } = await import('./product.ts');
const { JavaMissingError } = await import('./dynamodb-local.ts');

const dataDir = process.env.DATA_DIR ?? '.data';
const port = Number(process.env.PORT ?? 3000);

function describe(account: DemoAccount): string {
  const who = account.phone ? `phone ${account.phone} (code from this console)` : `username ${account.username}  password ${account.password}`;
  const where = account.station ? `  station ${account.station} [${account.divisions?.join(', ')}]` : account.org ? `  org ${account.org}` : '';
  return `  ${account.role.padEnd(9)} ${who}${where}`;
}

try {
  // An already running DynamoDB (e.g. one DynamoDB Local shared by several processes) may be named.
  const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT;
  const product = await startLocalProduct({ dataDir, port, echoSms: true, ...(dynamoEndpoint ? { dynamoEndpoint } : {}) });
  const lines = [
    '',
    `Portal running at ${product.url}   (officer back office: ${product.url}/office)`,
    `Service guide, no sign-in needed: ${product.url}/guide`,
    `Data kept in ${dataDir}/ — ${product.seeded ? 'first run: reference data and demo accounts created' : 'existing data kept'}`,
    'Demo sign-ins (also in ' + `${dataDir}/demo-accounts.json):`,
    ...product.demoAccounts.map(describe),
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await product.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGHUP', () => void stop());
  // When whatever started us goes away without passing a signal on (npm killed, terminal closed),
  // stop too, so no DynamoDB Local is left running.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 1000).unref();
} catch (error) {
  if (error instanceof JavaMissingError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
