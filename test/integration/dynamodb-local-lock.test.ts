/**
 * Never two DynamoDB Locals on one database folder: a product killed with SIGKILL leaves its
 * DynamoDB Local running, and the next start stops it before starting its own, keeping the data;
 * a start while the owning product still runs is refused; a lock whose processes are gone is
 * replaced, and a process that merely got a pid the lock names is left alone. The JVMs serving a
 * folder are counted from /proc (Linux), not from the lock under test.
 */
import { afterEach, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local';
import { DatabaseInUseError, LOCK_FILE } from '#infra/local/dynamodb-local-lock';
import { repoRoot } from '#infra/local/server';

const TABLE = 'owner';
const KEY = 'written-before-the-kill';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-lock-'));
  const dbPath = join(dir, 'dynamodb');
  cleanups.push(() => {
    // A failed test may leave a JVM on the folder, orphaned by a killed owner: none outlives the test.
    for (const pid of dynamoDbLocalsOn(dbPath)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return dbPath;
}

/** The live processes whose command line runs DynamoDB Local on this folder. */
function dynamoDbLocalsOn(dbPath: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      let args: string[];
      try {
        args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        return false;
      }
      return args.some((arg) => arg.includes('DynamoDBLocal')) && args[args.indexOf('-dbPath') + 1] === dbPath;
    })
    .map(Number);
}

const lockOf = (dbPath: string) =>
  JSON.parse(readFileSync(join(dbPath, LOCK_FILE), 'utf8')) as { product: { pid: number }; dynamoDbLocal?: { pid: number } };

/** A product in a process of its own that started DynamoDB Local on the folder and wrote one item. */
async function startOwner(dbPath: string): Promise<{ child: ChildProcess; endpoint: string; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/dynamodb-local-owner.ts', dbPath, TABLE, KEY], {
    cwd: repoRoot,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_, signal) => done(signal)));
  cleanups.push(() => child.kill('SIGKILL'));
  for await (const line of createInterface({ input: child.stdout! })) {
    return { child, endpoint: (JSON.parse(line) as { endpoint: string }).endpoint, exited };
  }
  throw new Error('the owning process ended before DynamoDB Local answered');
}

async function readItem(endpoint: string): Promise<unknown> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    return (await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: KEY } }, ConsistentRead: true }))).Item;
  } finally {
    client.destroy();
  }
}

/** The pid of a process that has ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

it('after the product is killed, the next start stops the DynamoDB Local it left, starts one of its own and keeps the data', { timeout: 120_000 }, async () => {
  const dbPath = tempDbPath();
  const owner = await startOwner(dbPath);
  const [leftOver, ...others] = dynamoDbLocalsOn(dbPath);
  expect(others).toEqual([]);
  expect(lockOf(dbPath)).toMatchObject({ product: { pid: owner.child.pid }, dynamoDbLocal: { pid: leftOver } });

  owner.child.kill('SIGKILL');
  expect(await owner.exited).toBe('SIGKILL');
  // What the fix is for: the JVM outlives its product and still serves the files.
  expect(dynamoDbLocalsOn(dbPath)).toEqual([leftOver]);
  expect(await readItem(owner.endpoint)).toEqual({ pk: { S: KEY } });

  const database = await startDynamoDbLocal({ dbPath });
  try {
    const serving = dynamoDbLocalsOn(dbPath);
    expect(serving).toHaveLength(1);
    expect(serving).not.toContain(leftOver);
    expect(lockOf(dbPath)).toMatchObject({ product: { pid: process.pid }, dynamoDbLocal: { pid: serving[0] } });
    expect(await readItem(database.endpoint)).toEqual({ pk: { S: KEY } });
  } finally {
    await database.stop();
  }
  expect(dynamoDbLocalsOn(dbPath)).toEqual([]);
  expect(existsSync(join(dbPath, LOCK_FILE))).toBe(false);
});

it('refuses to start while the product holding the folder runs, and leaves its DynamoDB Local serving', { timeout: 120_000 }, async () => {
  const dbPath = tempDbPath();
  const owner = await startOwner(dbPath);
  const serving = dynamoDbLocalsOn(dbPath);

  const refused = startDynamoDbLocal({ dbPath });
  await expect(refused).rejects.toThrow(DatabaseInUseError);
  await expect(refused).rejects.toThrow(`in use by another running product (process ${owner.child.pid})`);
  expect(dynamoDbLocalsOn(dbPath)).toEqual(serving);
  expect(await readItem(owner.endpoint)).toEqual({ pk: { S: KEY } });

  // Stopped cleanly, the product takes its DynamoDB Local and its lock with it.
  owner.child.kill('SIGTERM');
  await owner.exited;
  expect(dynamoDbLocalsOn(dbPath)).toEqual([]);
  expect(existsSync(join(dbPath, LOCK_FILE))).toBe(false);
});

it('replaces a lock whose processes are gone, and never signals a process that only shares a pid with it', { timeout: 60_000 }, async () => {
  const dbPath = tempDbPath();
  const bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  cleanups.push(() => bystander.kill('SIGKILL'));
  await new Promise((started) => bystander.once('spawn', started));
  mkdirSync(dbPath, { recursive: true });
  const stale = { dbPath, product: { pid: endedPid(), startedAt: null }, dynamoDbLocal: { pid: bystander.pid, startedAt: null } };
  writeFileSync(join(dbPath, LOCK_FILE), JSON.stringify(stale));

  const database = await startDynamoDbLocal({ dbPath });
  try {
    expect(bystander.exitCode).toBeNull();
    expect(bystander.signalCode).toBeNull();
    expect(lockOf(dbPath)).toMatchObject({ product: { pid: process.pid }, dynamoDbLocal: { pid: dynamoDbLocalsOn(dbPath)[0] } });
  } finally {
    await database.stop();
  }
});
