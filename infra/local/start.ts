/** `npm start`: the whole product on this machine. */
import { startUpMessage } from './start-up-message.ts';

// The logger takes its level when its module loads: request logs are quiet on the console unless asked for.
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';
const { startLocalProduct } = await import('./product.ts');
const { JavaMissingError } = await import('./dynamodb-local.ts');

const dataDir = process.env.DATA_DIR ?? '.data';
const port = Number(process.env.PORT ?? 3000);
// This machine only, unless another address is asked for.
const host = process.env.HOST || undefined;

try {
  // An already running DynamoDB (e.g. one DynamoDB Local shared by several processes) may be named.
  const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT;
  const product = await startLocalProduct({ dataDir, port, host, echoSms: true, ...(dynamoEndpoint ? { dynamoEndpoint } : {}) });
  console.log(startUpMessage(product, dataDir));

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
