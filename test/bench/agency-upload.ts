/**
 * Organisations' uploads at scale: a generated .xlsx and the same rows as a GBK CSV, at 10,000 and
 * 100,000 rows, through the import worker's dry run (check) and commit on DynamoDB Local, in a
 * table of its own. Each figure is a ratio against a baseline of the same run: raw BatchWriteItem
 * of the very records the commit wrote (read back, then written to a second table with the same
 * batching), so the ratio is the cost of streaming, parsing, checking and deduplicating. The
 * worker runs in a child process: its peak resident set is its own, measured at both sizes to
 * show it stays flat as rows grow. `agencyUploadLimits` puts the worker through the largest
 * upload a person makes and files at and past its limits (see workbook-limits.ts).
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
import { organisationKey, reportsPartition, type OrganisationItem, type UploadItem } from '#functions/agency/items';
import { ensureTable } from '#infra/local/table-bootstrap';
import { BUNDLE_FILE, bundleFunction } from '#infra/stack/bundling';
import { WORKER_HEAP_FLAGS } from '#infra/stack/imports';
import { seedReferenceData } from '#infra/seed/seed';
import { repoRoot } from '#infra/local/server';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { MAX_UPLOAD_ROWS, ROW_COLUMNS } from '#shared/agency/rows';
import { batchWrite } from './batch-write.ts';
import { round } from './measure.ts';
import { writeBenchGbkCsv, writeBenchXlsx, writeLargestWorkbook, writeMillionLineCsv, writeMillionRowWorkbook, writeSharedStringsAtCap, writeUnpackBomb, type SheetShape } from './sheets.ts';

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const FORMATS = (process.env.BENCH_FORMATS ?? 'xlsx,csv').split(',') as ('xlsx' | 'csv')[];

interface PhaseRun {
  seconds: number;
  status: string;
  counts: { rows: number; valid: number; written: number };
  failure?: { code: string };
}

interface WorkerRun {
  check: PhaseRun;
  /** Absent when the worker was asked for the check alone. */
  commit?: PhaseRun;
  peakRssMB: number;
  peakLiveHeapMB: number;
}

/** The worker as Lambda runs it: bundled with the stack's settings (its data files beside it), plain Node with the worker's heap flags. */
function bundleWorker(into: string): string {
  bundleFunction({ name: 'AgencyWorkerBench', entry: 'test/bench/agency-worker.ts' }, into);
  return join(into, BUNDLE_FILE);
}

function runWorker(bundle: string, uploadId: string, env: Record<string, string>, phases: 'check' | 'both' = 'both'): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...WORKER_HEAP_FLAGS.split(' '), bundle, uploadId, ...(phases === 'check' ? ['check'] : [])], {
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

/** The organisation every upload of the benchmark is made by. */
const benchOrganisation = (): OrganisationItem => ({
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
});

interface BenchUpload {
  table: string;
  /** The worker's settings for it. */
  env: Record<string, string>;
  org: OrganisationItem;
  upload: UploadItem;
}

/**
 * `file` uploaded by the benchmark's organisation, in a table of its own (and its twin for the
 * baseline) holding the reference data every installation starts with; the file where the blob
 * store keeps an uploaded one.
 */
async function benchUpload(documents: DynamoDBDocumentClient, dynamoEndpoint: string, work: string, file: string, format: 'xlsx' | 'csv'): Promise<BenchUpload> {
  const table = `agency-bench-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamoEndpoint, table);
  await ensureTable(dynamoEndpoint, `${table}-raw`);
  const env = {
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    PII_HASH_KEY: randomBytes(32).toString('base64'),
    BLOB_STORE: 'local',
    BLOB_DIR: join(work, 'blobs'),
    BLOB_SIGNING_KEY: randomBytes(32).toString('base64'),
  };
  const org = benchOrganisation();
  await documents.send(new PutCommand({ TableName: table, Item: org }));
  Object.assign(process.env, { TABLE_NAME: table, DYNAMODB_ENDPOINT: dynamoEndpoint });
  await seedReferenceData();
  const upload = newUploadItem({ orgId: org.id, orgType: org.type, fileName: `rows.${format}`, size: statSync(file).size, createdBy: { id: 'bench', name: 'bench' } });
  await documents.send(new PutCommand({ TableName: table, Item: upload }));
  // This process reads the store's folder from the environment.
  process.env.BLOB_DIR = env.BLOB_DIR;
  await writeLocalBlob(upload.blobKey, format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE, await readFile(file));
  return { table, env, org, upload };
}

const documentsOf = (dynamoEndpoint: string) => DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamoEndpoint)), { marshallOptions: { removeUndefinedValues: true } });

/** The header and the word for a hire as the zh-CN template writes them. */
function zhShape() {
  const words = sheetTexts('zh-CN');
  return { header: ROW_COLUMNS.map((c) => words.columns[c]), hire: words.events.hire };
}

export async function measureAgencyUploads(dynamoEndpoint: string) {
  const work = mkdtempSync(join(tmpdir(), 'portal-sheets-'));
  const documents = documentsOf(dynamoEndpoint);
  const today = new Date().toISOString().slice(0, 10);
  const shape = zhShape();
  const results: Record<string, unknown>[] = [];
  try {
    const bundle = bundleWorker(work);
    for (const rows of SIZES) {
      for (const format of FORMATS) {
        const file = join(work, `rows-${rows}.${format}`);
        await (format === 'xlsx' ? writeBenchXlsx(file, rows, shape, today) : writeBenchGbkCsv(file, rows, shape, today));
        const { table, env, org, upload } = await benchUpload(documents, dynamoEndpoint, work, file, format);
        const baselineTable = `${table}-raw`;
        const run = await runWorker(bundle, upload.id, env);
        const { check, commit } = run;
        if (check.counts.valid !== rows || commit?.counts.written !== rows) {
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
          check: { seconds: round(check.seconds), rowsPerSecond: round(rows / check.seconds, 0), ratio: round(rows / check.seconds / rawPerSecond) },
          commit: { seconds: round(commit.seconds), rowsPerSecond: round(rows / commit.seconds, 0), ratio: round(rows / commit.seconds / rawPerSecond) },
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

/** A file at or past the worker's limits, and what the worker must make of it. */
interface LimitCase {
  name: string;
  format: 'xlsx' | 'csv';
  write: (file: string, shape: SheetShape, today: string) => Promise<void>;
  /** The failure the check must end in; none when the file is within the limits and committed. */
  refused?: string;
}

const LIMIT_CASES: LimitCase[] = [
  { name: 'sharedStringsAtCountCap', format: 'xlsx', write: (file, shape, today) => writeSharedStringsAtCap(file, 'count', 0, shape, today) },
  { name: 'sharedStringsAtByteCap', format: 'xlsx', write: (file, shape, today) => writeSharedStringsAtCap(file, 'bytes', 0, shape, today) },
  { name: 'sharedStringsPastCountCap', format: 'xlsx', write: (file, shape, today) => writeSharedStringsAtCap(file, 'count', 1, shape, today), refused: 'workbookTooLarge' },
  { name: 'unpacksToAGigabyte', format: 'xlsx', write: writeUnpackBomb, refused: 'workbookTooLarge' },
  { name: 'millionRowWorkbook', format: 'xlsx', write: writeMillionRowWorkbook, refused: 'tooManyRows' },
  { name: 'millionLineCsv', format: 'csv', write: writeMillionLineCsv, refused: 'tooManyRows' },
];

/** How many times each file goes through the worker. */
const LIMIT_ATTEMPTS = 2;

/**
 * The worker on files at and past its limits, each against the largest legitimate upload of the
 * same attempt (the row cap's rows, every column but one filled, shared strings as Excel stores
 * them): its time against raw BatchWriteItem of the records that upload wrote (the baseline of
 * `agencyUploads`), its peak resident set against that upload's. A file within the limits is
 * checked and committed; one past them is refused by the check, which writes nothing.
 */
export async function measureAgencyUploadLimits(dynamoEndpoint: string) {
  const work = mkdtempSync(join(tmpdir(), 'portal-sheet-limits-'));
  const documents = documentsOf(dynamoEndpoint);
  const today = new Date().toISOString().slice(0, 10);
  const shape = zhShape();
  const attempts: Record<string, unknown>[] = [];
  try {
    const bundle = bundleWorker(work);
    const largest = join(work, 'largest.xlsx');
    await writeLargestWorkbook(largest, MAX_UPLOAD_ROWS, shape, today);
    const files = new Map<string, string>();
    for (const limitCase of LIMIT_CASES) {
      const file = join(work, `${limitCase.name}.${limitCase.format}`);
      await limitCase.write(file, shape, today);
      files.set(limitCase.name, file);
    }
    for (let attempt = 1; attempt <= LIMIT_ATTEMPTS; attempt++) {
      const legit = await benchUpload(documents, dynamoEndpoint, work, largest, 'xlsx');
      const base = await runWorker(bundle, legit.upload.id, legit.env);
      if (base.check.counts.valid !== MAX_UPLOAD_ROWS || base.commit?.counts.written !== MAX_UPLOAD_ROWS) throw new Error(`the largest upload: ${JSON.stringify(base)}`);
      const records = await recordsOf(documents, legit.table, legit.org.id);
      const rawSeconds = await batchWrite(documents, `${legit.table}-raw`, 0, records.length, (n) => records[n]!);
      const cases: Record<string, unknown> = {};
      for (const limitCase of LIMIT_CASES) {
        const file = files.get(limitCase.name)!;
        const { env, upload } = await benchUpload(documents, dynamoEndpoint, work, file, limitCase.format);
        const run = await runWorker(bundle, upload.id, env, limitCase.refused ? 'check' : 'both');
        const outcome = limitCase.refused ? run.check.failure?.code : run.commit?.status;
        if (outcome !== (limitCase.refused ?? 'committed') || (limitCase.refused && run.check.counts.rows !== 0)) throw new Error(`${limitCase.name}: ${JSON.stringify(run)}`);
        const seconds = run.check.seconds + (run.commit?.seconds ?? 0);
        cases[limitCase.name] = {
          fileMB: round(statSync(file).size / 1024 / 1024, 1),
          outcome,
          seconds: round(seconds),
          secondsRatio: round(seconds / rawSeconds, 3),
          workerPeakRssMB: round(run.peakRssMB, 0),
          rssRatio: round(run.peakRssMB / base.peakRssMB),
          workerPeakLiveHeapMB: round(run.peakLiveHeapMB, 1),
        };
      }
      attempts.push({
        attempt,
        largestUpload: {
          rows: MAX_UPLOAD_ROWS,
          fileMB: round(statSync(largest).size / 1024 / 1024, 1),
          rawBatchWrite: { seconds: round(rawSeconds) },
          check: { seconds: round(base.check.seconds), ratio: round(base.check.seconds / rawSeconds) },
          commit: { seconds: round(base.commit.seconds), ratio: round(base.commit.seconds / rawSeconds) },
          workerPeakRssMB: round(base.peakRssMB, 0),
          workerPeakLiveHeapMB: round(base.peakLiveHeapMB, 1),
        },
        cases,
      });
    }
    return {
      attempts,
      ratios: 'secondsRatio: the check (and commit) of the file ÷ raw BatchWriteItem of the largest upload’s records; rssRatio: the worker’s peak RSS ÷ its peak RSS on the largest upload',
      target: 'every worker peak RSS ≤ 256 MB; a file past a limit refused in seconds, no row judged',
    };
  } finally {
    documents.destroy();
    for (const name of ['BLOB_DIR', 'TABLE_NAME', 'DYNAMODB_ENDPOINT']) delete process.env[name];
    rmSync(work, { recursive: true, force: true });
  }
}
