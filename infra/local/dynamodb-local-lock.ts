/**
 * One DynamoDB Local per database folder. A product killed without a chance to stop (SIGKILL, a
 * crash) leaves its DynamoDB Local running, and a second one started on the same files would serve
 * them alongside it. A lock file in the folder names the DynamoDB Local and the product that started
 * it: a later start stops a DynamoDB Local whose product is gone, and refuses while the product lives.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

export const LOCK_FILE = 'dynamodb-local.lock';

/** How long a left-over DynamoDB Local gets to stop on SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

/** A pid alone may name another process after a restart of the machine; the start time tells them apart. */
const ProcessRef = z.object({ pid: z.number().int().positive(), startedAt: z.string().nullable() });
type ProcessRef = z.infer<typeof ProcessRef>;

const LockRecord = z.object({ dbPath: z.string(), product: ProcessRef, dynamoDbLocal: ProcessRef.optional() });
type LockRecord = z.infer<typeof LockRecord>;

export class DatabaseInUseError extends Error {
  constructor(dbPath: string, pid: number) {
    super(`The data in ${dbPath} is in use by another running product (process ${pid}): stop it first, or give this one another DATA_DIR.`);
    this.name = 'DatabaseInUseError';
  }
}

export interface DatabaseLock {
  /** Names the DynamoDB Local just started on the folder. */
  recordDynamoDbLocal(pid: number): void;
  /** Removes the lock if it is still this product's. */
  release(): void;
}

const hasProc = existsSync('/proc/self/stat');

/** State and start time (clock ticks after boot) from `/proc/<pid>/stat`; the name in parentheses may hold spaces. */
function procStat(pid: number): { state: string; startedAt: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startedAt: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

function processRef(pid: number): ProcessRef {
  return { pid, startedAt: hasProc ? (procStat(pid)?.startedAt ?? null) : null };
}

/** Whether the process the reference names still runs: not gone, not a zombie, not another process with its pid. */
function isRunning(ref: ProcessRef): boolean {
  try {
    process.kill(ref.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!hasProc) return true;
  const stat = procStat(ref.pid);
  return stat !== undefined && stat.state !== 'Z' && (ref.startedAt === null || stat.startedAt === ref.startedAt);
}

function commandLineOf(pid: number): string[] {
  if (hasProc) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  }
  return (spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).stdout ?? '').trim().split(/\s+/);
}

/** Only a DynamoDB Local on this very folder is stopped: a pid the lock names may since have gone to anything else. */
function servesDatabase(pid: number, dbPath: string): boolean {
  const args = commandLineOf(pid);
  const pathAt = args.indexOf('-dbPath') + 1;
  return args.some((arg) => arg.includes('DynamoDBLocal')) && pathAt > 0 && args[pathAt] === dbPath;
}

async function exitedWithin(ref: ProcessRef, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (!isRunning(ref)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isRunning(ref);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}

async function stopLeftOver(ref: ProcessRef, dbPath: string): Promise<void> {
  signal(ref.pid, 'SIGTERM');
  if (await exitedWithin(ref, STOP_TIMEOUT_MS)) return;
  signal(ref.pid, 'SIGKILL');
  if (!(await exitedWithin(ref, STOP_TIMEOUT_MS))) throw new Error(`A DynamoDB Local left running on ${dbPath} (process ${ref.pid}) would not stop.`);
}

/** The lock's record, or undefined when it is gone or unreadable (a write cut short by the kill). */
function readLock(file: string): LockRecord | undefined {
  try {
    const parsed = LockRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder for this process, first stopping what a killed product left running on it. */
export async function lockDatabase(dbPath: string): Promise<DatabaseLock> {
  const file = join(dbPath, LOCK_FILE);
  let record: LockRecord = { dbPath, product: processRef(process.pid) };
  const write = (flag: 'w' | 'wx') => writeFileSync(file, JSON.stringify(record), { flag, mode: 0o600 });
  for (let attempt = 1; ; attempt++) {
    try {
      // Exclusive create: of two products starting together, one gets the lock and the other reads it.
      write('wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt === 3) throw error;
    }
    const held = readLock(file);
    if (held && isRunning(held.product)) throw new DatabaseInUseError(dbPath, held.product.pid);
    if (held?.dynamoDbLocal && isRunning(held.dynamoDbLocal) && servesDatabase(held.dynamoDbLocal.pid, dbPath)) {
      await stopLeftOver(held.dynamoDbLocal, dbPath);
    }
    rmSync(file, { force: true });
  }
  return {
    recordDynamoDbLocal(pid) {
      record = { ...record, dynamoDbLocal: processRef(pid) };
      write('w');
    },
    release() {
      if (readLock(file)?.product.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
