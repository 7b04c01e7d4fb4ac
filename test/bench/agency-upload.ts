/**
 * Organisations' uploads at scale: a generated .xlsx and the same rows as a GBK CSV, at 10,000 and
 * 100,000 rows, through the import worker's dry run (check) and commit on DynamoDB Local, in a
 * table of its own. Each figure is a ratio against a baseline of the same run: raw BatchWriteItem
 * of the very records the commit wrote (read back, then written to a second table with the same
 * batching), so the ratio is the cost of streaming, parsing, checking and deduplicating. The
 * worker runs in a child process: its peak resident set is its own, measured at both sizes to
 * show it stays flat as rows grow.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '#functions/commons/dynamo';
import { writeLocalBlob } from '#functions/commons/blob-store';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '#shared/api/agency';
import { newUploadItem } from '#functions/agency/uploads';
import { organisationKey, reportsPartition, type OrganisationItem } from '#functions/agency/items';
import { ensureTable } from '#infra/local/table-bootstrap';
import { BUNDLE_FILE, bundleFunction } from '#infra/stack/bundling';
import { WORKER_HEAP_FLAGS } from '#infra/stack/imports';
import { seedReferenceData } from '#infra/seed/seed';
import { repoRoot } from '#infra/local/server';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { ROW_COLUMNS } from '#shared/agency/rows';
import { batchWrite } from './batch-write.ts';
import { round } from './measure.ts';
import { writeBenchGbkCsv, writeBenchXlsx } from './sheets.ts';

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const FORMATS = (process.env.BENCH_FORMATS ?? 'xlsx,csv').split(',') as ('xlsx' | 'csv')[];

interface WorkerRun {
  check: { seconds: number; counts: { rows: number; valid: number } };
  commit: { seconds: number; counts: { written: number } };
  peakRssMB: number;
  peakLiveHeapMB: number;
}

/** The worker as Lambda runs it: bundled with the stack's settings (its data files beside it), plain Node with the worker's heap flags. */
function bundleWorker(into: string): string {
  bundleFunction({ name: 'AgencyWorkerBench', entry: 'test/bench/agency-worker.ts' }, into);
  return join(into, BUNDLE_FILE);
}

function runWorker(bundle: string, uploadId: string, env: Record<string, string>): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...WORKER_HEAP_FLAGS.split(' '), bundle, uploadId], {
      cwd: repoRoot,
      env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as WorkerRun) : reject(new Error(`the worker exited with ${code}`))));
  });
}

/** Every record the commit wrote, read back (untimed) for the baseline. */
async function recordsOf(documents: DynamoDBDocumentClient, table: string, orgId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': reportsPartition(orgId) }, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function measureAgencyUploads(dynamoEndpoint: string) {
  const work = mkdtempSync(join(tmpdir(), 'portal-sheets-'));
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamoEndpoint)), { marshallOptions: { removeUndefinedValues: true } });
  const today = new Date().toISOString().slice(0, 10);
  const words = sheetTexts('zh-CN');
  const shape = { header: ROW_COLUMNS.map((c) => words.columns[c]), hire: words.events.hire };
  const results: Record<string, unknown>[] = [];
  try {
    const bundle = bundleWorker(work);
    for (const rows of SIZES) {
      for (const format of FORMATS) {
        const table = `agency-bench-${randomUUID().slice(0, 8)}`;
        const baselineTable = `${table}-raw`;
        await ensureTable(dynamoEndpoint, table);
        await ensureTable(dynamoEndpoint, baselineTable);
        const env = {
          TABLE_NAME: table,
          DYNAMODB_ENDPOINT: dynamoEndpoint,
          PII_HASH_KEY: randomBytes(32).toString('base64'),
          BLOB_STORE: 'local',
          BLOB_DIR: join(work, 'blobs'),
          BLOB_SIGNING_KEY: randomBytes(32).toString('base64'),
        };
        const org: OrganisationItem = {
          ...organisationKey('org-bench'),
          sk: 'ORG',
          id: 'org-bench',
          type: 'employer',
          name: '基准测试建筑劳务有限公司',
          creditCode: '91440300708461136T',
          address: { division: '440304001', path: ['广东省', '深圳市', '福田区', '南园街道'], detail: '深南大道1号' },
          stationId: 'shenzhen-futian',
          createdAt: new Date().toISOString(),
          createdBy: 'bench',
          users: 0,
          gsi1pk: 'ORGS',
          gsi1sk: `${new Date().toISOString()}#org-bench`,
        };
        await documents.send(new PutCommand({ TableName: table, Item: org }));
        // The stations and the divisions they serve, as every installation starts with them.
        Object.assign(process.env, { TABLE_NAME: table, DYNAMODB_ENDPOINT: dynamoEndpoint });
        await seedReferenceData();
        const file = join(work, `rows-${rows}.${format}`);
        await (format === 'xlsx' ? writeBenchXlsx(file, rows, shape, today) : writeBenchGbkCsv(file, rows, shape, today));
        const upload = newUploadItem({ orgId: org.id, orgType: org.type, fileName: `rows.${format}`, size: statSync(file).size, createdBy: { id: 'bench', name: 'bench' } });
        await documents.send(new PutCommand({ TableName: table, Item: upload }));
        // The file as the blob store keeps an uploaded one (this process reads the store's folder from the environment).
        process.env.BLOB_DIR = env.BLOB_DIR;
        await writeLocalBlob(upload.blobKey, format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE, await readFile(file));

        const run = await runWorker(bundle, upload.id, env);
        if (run.check.counts.valid !== rows || run.commit.counts.written !== rows) {
          throw new Error(`${rows} ${format}: ${JSON.stringify(run)}`);
        }
        const records = await recordsOf(documents, table, org.id);
        if (records.length !== rows) throw new Error(`${rows} ${format}: ${records.length} records in the table`);
        const rawSeconds = await batchWrite(documents, baselineTable, 0, records.length, (n) => records[n]!);
        const rawPerSecond = rows / rawSeconds;
        results.push({
          rows,
          format,
          fileMB: round(statSync(file).size / 1024 / 1024, 1),
          rawBatchWrite: { seconds: round(rawSeconds), rowsPerSecond: round(rawPerSecond, 0) },
          check: { seconds: round(run.check.seconds), rowsPerSecond: round(rows / run.check.seconds, 0), ratio: round(rows / run.check.seconds / rawPerSecond) },
          commit: { seconds: round(run.commit.seconds), rowsPerSecond: round(rows / run.commit.seconds, 0), ratio: round(rows / run.commit.seconds / rawPerSecond) },
          workerPeakRssMB: round(run.peakRssMB, 0),
          workerPeakLiveHeapMB: round(run.peakLiveHeapMB, 1),
        });
        rmSync(file);
      }
    }
    const peak = (rows: number, figure: 'workerPeakRssMB' | 'workerPeakLiveHeapMB') => Math.max(...results.filter((r) => r.rows === rows).map((r) => r[figure] as number));
    const [fewer, more] = [Math.min(...SIZES), Math.max(...SIZES)];
    return {
      runs: results,
      growthFromFewestToMostRows: { rows: [fewer, more], peakRssMB: round(peak(more, 'workerPeakRssMB') - peak(fewer, 'workerPeakRssMB'), 0), peakLiveHeapMB: round(peak(more, 'workerPeakLiveHeapMB') - peak(fewer, 'workerPeakLiveHeapMB'), 1) },
      target: 'commit rows/s ≥ 0.7 × raw BatchWriteItem of the same records; worker peak RSS ≤ 256 MB and flat from 10,000 to 100,000 rows',
    };
  } finally {
    documents.destroy();
    for (const name of ['BLOB_DIR', 'TABLE_NAME', 'DYNAMODB_ENDPOINT']) delete process.env[name];
    rmSync(work, { recursive: true, force: true });
  }
}
