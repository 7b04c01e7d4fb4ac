/** The product's server in a process of its own, as `npm start` runs it, so the load generator does not share its thread. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '#infra/local/dynamodb-local';
import { repoRoot } from '#infra/local/server';
import type { DemoAccount } from '#infra/seed/seed';

export interface ServerProcess {
  url: string;
  tableName: string;
  /** The server's DATA_DIR: its local keys, for a bench that signs what the server verifies. */
  dataDir: string;
  demoAccounts: DemoAccount[];
  stop(): Promise<void>;
}

export async function startServerProcess(dynamoEndpoint: string): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      // The load comes from one address: limits it never reaches, so the public routes are measured with their counter write, not refused.
      RATE_LIMIT_VERIFY: '999999999/60',
      RATE_LIMIT_REFERENCE: '999999999/60',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    tableName: 'portal',
    dataDir,
    demoAccounts: JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[],
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
