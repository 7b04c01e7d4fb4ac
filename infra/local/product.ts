/**
 * The whole product on one machine: DynamoDB Local, the table, first-run data, and the API and
 * web app on one port. `npm start` and the end-to-end tests both start it through here.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIPv6, type AddressInfo } from 'node:net';
import { routes } from '#infra/routes';
import { scheduledJobs } from '#infra/jobs';
import { startJob, type RunningJob } from './daily-jobs.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';
import { loadOrCreateLocalSecrets } from './secrets.ts';
import { ensureTable } from './table-bootstrap.ts';
import { createLocalServer, repoRoot } from './server.ts';
import type { DemoAccount } from '#infra/seed/seed';
import { isLoopback } from '#functions/commons/http/loopback';

export interface LocalProductOptions {
  dataDir: string;
  port: number;
  /** The address to listen on; 127.0.0.1 by default, so only this machine reaches the product. */
  host?: string;
  tableName?: string;
  /** Use this DynamoDB (tests share one); otherwise DynamoDB Local is started on DATA_DIR. */
  dynamoEndpoint?: string;
  webDir?: string;
  /** Print SMS texts on the console (the local phone). */
  echoSms?: boolean;
}

export interface LocalProduct {
  url: string;
  port: number;
  /** The address the server listens on. */
  host: string;
  tableName: string;
  dynamoEndpoint: string;
  demoAccounts: DemoAccount[];
  /** True when this start created the table and its first-run data. */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * The local stand-in for S3 → SQS → the import worker: a file stored under `imports/` starts its
 * upload's check in this process, and uploads a stopped product left checking or committing resume.
 * Stopping asks each run to save its progress and waits for it.
 */
async function startLocalImports(): Promise<{ stop(): Promise<void> }> {
  const { onLocalBlobCreated } = await import('#functions/commons/blob-store');
  const { resumeImports, sendImport, setLocalImportRunner, stopLocalImports } = await import('#functions/commons/import-queue');
  const { runLocalImport } = await import('#functions/agency/import-worker');
  const { uploadIdOfBlobKey } = await import('#functions/agency/uploads');
  const { IMPORTS_PREFIX } = await import('#functions/agency/items');
  setLocalImportRunner(runLocalImport);
  const unsubscribe = onLocalBlobCreated(IMPORTS_PREFIX, (blobKey) => {
    const uploadId = uploadIdOfBlobKey(blobKey);
    if (uploadId) void sendImport({ uploadId, phase: 'check' });
  });
  await resumeImports();
  return {
    async stop() {
      unsubscribe();
      await stopLocalImports();
    },
  };
}

/** `localhost` for an address this machine reaches it by (loopback or every interface), else the address itself. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || isLoopback(host)) return 'localhost';
  return isIPv6(host) ? `[${host}]` : host;
}

export async function startLocalProduct(options: LocalProductOptions): Promise<LocalProduct> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const tableName = options.tableName ?? 'portal';
  const host = options.host ?? '127.0.0.1';
  let database: DynamoDbLocal | undefined;
  const dynamoEndpoint =
    options.dynamoEndpoint ?? (database = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') })).endpoint;

  try {
    const secrets = await loadOrCreateLocalSecrets(dataDir);
    // The adapters every handler reads at first use: the same code runs in Lambda with AWS settings.
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'local',
      PII_HASH_KEY: secrets.piiHashKey,
      LOCAL_IDP_SIGNING_KEY: JSON.stringify(secrets.signingKey),
      SMS_ADAPTER: 'outbox',
      SMS_OUTBOX_ECHO: options.echoSms ? '1' : '0',
      BLOB_STORE: 'local',
      BLOB_DIR: join(dataDir, 'blobs'),
      BLOB_SIGNING_KEY: secrets.blobSigningKey,
      PERMIT_SIGNER: 'local',
      PERMIT_SIGNING_JWK: JSON.stringify(secrets.permitSigningKey),
      PERMIT_VERIFICATION_JWK: JSON.stringify(secrets.permitVerificationKey),
      // An organisation's users are the local identity provider's accounts (Cognito's users in AWS).
      USER_DIRECTORY: 'local',
      // Uploads' checks and commits run in this process (the import queue and its worker Lambda in AWS).
      IMPORT_QUEUE: 'local',
      POWERTOOLS_SERVICE_NAME: 'portal',
    });

    await ensureTable(dynamoEndpoint, tableName);
    const { alreadySeeded, seedReferenceData, seedDemoAccounts, markSeeded } = await import('#infra/seed/seed');
    const demoFile = join(dataDir, 'demo-accounts.json');
    let demoAccounts: DemoAccount[] = [];
    const seeded = !(await alreadySeeded());
    await seedReferenceData();
    if (seeded) {
      demoAccounts = await seedDemoAccounts();
      writeFileSync(demoFile, JSON.stringify(demoAccounts, null, 2), { mode: 0o600 });
      await markSeeded();
    } else if (existsSync(demoFile)) {
      demoAccounts = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoAccount[];
    }
    // A mode is applied only when a file is created: one left by an earlier release or copied in may be readable by all.
    if (existsSync(demoFile)) chmodSync(demoFile, 0o600);

    const server = await createLocalServer({
      routes,
      verificationKey: secrets.verificationKey,
      webDir: options.webDir ?? join(repoRoot, 'web', 'dist'),
      webConfig: { authMode: 'local' },
    });
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(options.port, host, listening);
    });
    const port = (server.address() as AddressInfo).port;
    const imports = await startLocalImports();
    // Once now, over the seeded data, then on the schedule EventBridge Scheduler keeps in AWS.
    const jobs: RunningJob[] = [];
    for (const job of scheduledJobs) jobs.push(await startJob(job));

    return {
      url: `http://${urlHost(host)}:${port}`,
      port,
      host,
      tableName,
      dynamoEndpoint,
      demoAccounts,
      seeded,
      async close() {
        await imports.stop();
        await Promise.all(jobs.map((job) => job.stop()));
        server.closeAllConnections();
        await new Promise<void>((closed) => server.close(() => closed()));
        await database?.stop();
      },
    };
  } catch (error) {
    await database?.stop();
    throw error;
  }
}
