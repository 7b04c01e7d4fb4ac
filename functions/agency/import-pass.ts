/**
 * One pass over an upload's file, the same for the check (a dry run) and the commit: the file is
 * streamed a chunk of rows at a time; each row is judged (`rowsContext`); a row repeating an
 * earlier one of the file (same person, event and date) is a duplicate; invalid rows become
 * row-error items. The check looks up the records the valid rows would be, to count those already
 * reported; the commit writes those not there yet (looking them up, unless the check showed that
 * none can be: see commit-lock.ts). A record found that this commit wrote before it was interrupted
 * carries its upload id: counted as written, not written again.
 *
 * Several chunks are in flight at once; progress is saved only up to the last chunk whose writes
 * (and every earlier chunk's) are acknowledged, with the counts as they stood there. A run killed at
 * any point resumes from that row and ends with exactly one record per valid row, counted once.
 */
import type { Readable } from 'node:stream';
import { writeItems, type WriteRetries } from '#functions/commons/batch-write';
import { readItems } from '#functions/commons/batch-read';
import { blobStore } from '#functions/commons/blob-store';
import { currentInstant, now, todayInShanghai } from '#functions/commons/clock';
import type { ImportRunOptions } from '#functions/commons/import-queue';
import { workingCalendar } from '#functions/commons/working-calendar';
import type { WorkingCalendar } from '#shared/policy/calendar';
import { organisationReportTiming } from '#shared/agency/reporting';
import type { RowProblem } from '#shared/agency/rows';
import { readOrganisation } from '#functions/organisations/organisations';
import { reportKey, rowErrorKey, type OrganisationItem, type ReportItem, type StoredRowError, type UploadCountsItem, type UploadItem } from './items.ts';
import { reportItem } from './people.ts';
import { rowsContext, type JudgedRow } from './rows-context.ts';
import { commitAtHouse, reportsAtHouse } from './tenancies.ts';
import { openSheet, SheetError, type SheetRow } from './sheet-reader.ts';
import { FIRST_ERRORS, saveProgress, zeroCounts, type ImportPhase, type PhaseProgress } from './uploads.ts';

/** Rows judged together: one BatchGetItem of their records, four BatchWriteItem calls. */
const CHUNK_ROWS = 100;
/**
 * Chunks whose look-ups and writes may be under way at once: a dozen write calls in flight, what
 * keeps DynamoDB (Local, measured) busy without queueing calls behind each other; the next chunks
 * are read and judged meanwhile.
 */
const CHUNKS_IN_FLIGHT = 3;
/** Progress is saved when this many rows or this much time have passed since the last save. */
const SAVE_EVERY_ROWS = 2000;
const SAVE_EVERY_MS = 2000;

export interface PassOptions extends ImportRunOptions {
  /** For tests: how the writes are retried. */
  retries?: WriteRetries;
}

/** How a phase's pass goes. */
export interface PassPlan {
  phase: ImportPhase;
  /** The commit looks up each record before writing it, unless none can exist yet. */
  lookUp: boolean;
}

/** The upload a run holds: replaced by each write, so the next write is made at the version it left. */
export interface Lease {
  upload: UploadItem;
}

/** What the file turned out to be: the format by its bytes, a CSV's encoding. */
export interface SheetDescription {
  format: 'xlsx' | 'csv';
  encoding?: string;
}

export type PassOutcome = { outcome: 'finished'; progress: PhaseProgress; sheet: SheetDescription } | { outcome: 'stopped' };

type Candidate = { sheetRow: SheetRow; judged: JudgedRow & { ok: true } };

/** A chunk's rows judged in file order. */
interface Judged {
  lastOrdinal: number;
  bytesRead: number;
  rows: number;
  duplicates: number;
  invalid: Array<{ sheetRow: SheetRow; problems: RowProblem[] }>;
  candidates: Candidate[];
}

/** What a chunk adds to the progress, once its writes are acknowledged. */
interface Delta {
  lastOrdinal: number;
  bytesRead: number;
  counts: UploadCountsItem;
  errors: StoredRowError[];
}

interface Group {
  done: Promise<Delta>;
  settled: boolean;
  delta?: Delta;
  error?: unknown;
}

/** Streams the upload's file through the phase, saving progress as it goes; `stopped` when asked to stop (progress saved). */
export async function runPass(lease: Lease, plan: PassPlan, options: PassOptions): Promise<PassOutcome> {
  const org = await readOrganisation(lease.upload.orgId);
  if (!org) throw new Error('the upload has no organisation');
  const file = await blobStore().openRead(lease.upload.blobKey);
  if (!file) throw new SheetError('fileMissing');
  try {
    return await passOver(lease, plan, options, file, org);
  } finally {
    file.destroy();
  }
}

const addCounts = (to: UploadCountsItem, delta: UploadCountsItem) => {
  for (const key of Object.keys(to) as (keyof UploadCountsItem)[]) to[key] += delta[key];
};

async function passOver(lease: Lease, plan: PassPlan, options: PassOptions, file: Readable, org: OrganisationItem): Promise<PassOutcome> {
  const upload = lease.upload;
  const sheet = await openSheet(file);
  const described: SheetDescription = { format: sheet.format, ...(sheet.encoding ? { encoding: sheet.encoding } : {}) };
  const rows = rowsContext(org, todayInShanghai());
  const calendar = await workingCalendar();
  const chunkOf = plan.phase === 'check' ? checkChunk : commitChunk;

  /** Rows a run before this one finished with: judged again only to know the file's earlier rows. */
  const resumeAfter = upload.processedRows;
  const seen = new Set<string>();
  /** The progress up to the last chunk acknowledged with every chunk before it. */
  const reached: PhaseProgress = {
    processedRows: upload.processedRows,
    processedBytes: upload.processedBytes ?? 0,
    counts: { ...upload.counts },
    firstErrors: [...upload.firstErrors],
  };
  const groups: Group[] = [];
  let saved = { rows: upload.processedRows, at: now() };
  let ordinal = 0;

  /** Moves `reached` over the chunks acknowledged in order; a failed chunk throws here. */
  const advance = () => {
    while (groups[0]?.settled) {
      const group = groups.shift()!;
      if (!group.delta) throw group.error;
      const { lastOrdinal, bytesRead, counts, errors } = group.delta;
      addCounts(reached.counts, counts);
      reached.firstErrors.push(...errors.slice(0, Math.max(0, FIRST_ERRORS - reached.firstErrors.length)));
      reached.processedRows = lastOrdinal;
      reached.processedBytes = bytesRead;
    }
  };

  const saveIfDue = async (force: boolean) => {
    if (reached.processedRows === saved.rows) return;
    if (!force && reached.processedRows - saved.rows < SAVE_EVERY_ROWS && now() - saved.at < SAVE_EVERY_MS) return;
    lease.upload = await saveProgress(lease.upload, { ...reached, counts: { ...reached.counts }, firstErrors: [...reached.firstErrors], ...described });
    saved = { rows: reached.processedRows, at: now() };
  };

  /** In file order as rows arrive: each row judged and told apart from the rows before it. */
  const judge = async (chunk: readonly SheetRow[]): Promise<Judged | undefined> => {
    const verdicts = await rows.judge(chunk.map((r) => r.cells));
    const judged: Judged = { lastOrdinal: 0, bytesRead: 0, rows: 0, duplicates: 0, invalid: [], candidates: [] };
    chunk.forEach((sheetRow, i) => {
      const verdict = verdicts[i]!;
      ordinal++;
      if (ordinal <= resumeAfter) {
        if (verdict.ok) seen.add(verdict.identity);
        return;
      }
      judged.rows++;
      if (!verdict.ok) judged.invalid.push({ sheetRow, problems: verdict.problems });
      else if (seen.has(verdict.identity)) judged.duplicates++;
      else {
        seen.add(verdict.identity);
        judged.candidates.push({ sheetRow, judged: verdict });
      }
    });
    if (ordinal <= resumeAfter) return undefined;
    return { ...judged, lastOrdinal: ordinal, bytesRead: sheet.bytesRead() };
  };

  const start = (judged: Judged) => {
    const errors = judged.invalid.map(({ sheetRow, problems }) => ({ ...rowErrorKey(upload.id, sheetRow.row), row: sheetRow.row, cells: sheetRow.cells, problems, ttl: upload.ttl }));
    const delta = (counts: Partial<UploadCountsItem>): Delta => ({
      lastOrdinal: judged.lastOrdinal,
      bytesRead: judged.bytesRead,
      counts: { ...zeroCounts(), ...counts, rows: judged.rows, duplicates: judged.duplicates, invalid: judged.invalid.length, valid: judged.candidates.length },
      errors: judged.invalid.flatMap(({ sheetRow, problems }) => problems.map((p) => ({ row: sheetRow.row, field: p.field, key: p.key }))),
    });
    const work = { upload, organisation: org.name, calendar, candidates: judged.candidates, retries: options.retries, lookUp: plan.lookUp };
    const group: Group = {
      done: Promise.all([writeItems(errors, options.retries), chunkOf(work)]).then(([, counts]) => delta(counts)),
      settled: false,
    };
    group.done.then(
      (d) => Object.assign(group, { settled: true, delta: d }),
      (error: unknown) => Object.assign(group, { settled: true, error }),
    );
    groups.push(group);
  };

  let stopped = false;
  try {
    let chunk: SheetRow[] = [];
    const handle = async () => {
      const judged = await judge(chunk);
      chunk = [];
      if (judged) start(judged);
      // At most so many chunks under way: the oldest is waited for (its failure throws in `advance`).
      while (groups.length > CHUNKS_IN_FLIGHT) await groups[0]!.done.catch(() => undefined).then(advance);
      advance();
      await saveIfDue(false);
    };
    for await (const sheetRow of sheet.rows) {
      chunk.push(sheetRow);
      if (chunk.length < CHUNK_ROWS) continue;
      await handle();
      if (options.shouldStop()) {
        stopped = true;
        break;
      }
    }
    if (!stopped && chunk.length > 0) await handle();
    await Promise.allSettled(groups.map((g) => g.done));
    advance();
  } catch (error) {
    // Nothing more is written once the pass has failed; what is in flight finishes first.
    await Promise.allSettled(groups.map((g) => g.done));
    throw error;
  }
  if (stopped) {
    await saveIfDue(true);
    return { outcome: 'stopped' };
  }
  return { outcome: 'finished', progress: { ...reached, processedBytes: sheet.bytesRead() }, sheet: described };
}

interface ChunkWork {
  upload: UploadItem;
  /** The organisation's name, on the history of the tenancies its rows report. */
  organisation: string;
  calendar: WorkingCalendar;
  candidates: readonly Candidate[];
  retries: WriteRetries | undefined;
  /** Commit: look each record up first (false only when the records are known to be all new). */
  lookUp: boolean;
}

type FoundRecord = Pick<ReportItem, 'sk' | 'uploadId' | 'report'>;

/** The check's count of a chunk's valid rows: reported before (by any upload), or due late if filed now. */
async function checkChunk({ upload, calendar, candidates }: ChunkWork): Promise<Partial<UploadCountsItem>> {
  const found = await readItems<Pick<ReportItem, 'sk'>>(
    candidates.map((c) => reportKey(upload.orgId, c.judged.identity)),
    { attributes: ['sk'] },
  );
  const reported = new Set(found.map((r) => r.sk));
  const filedAt = currentInstant();
  let alreadyReported = 0;
  let late = 0;
  for (const { judged } of candidates) {
    if (reported.has(judged.identity)) alreadyReported++;
    else if (organisationReportTiming(judged.place.pack, upload.orgType, judged.row.event, judged.row.date, { filedAt, calendar }).filing === 'late') late++;
  }
  return { alreadyReported, late };
}

/**
 * The commit's writes of a chunk's records, filed now: only of rows with no record yet (looked up
 * unless known to be none). A move-in or move-out at a registered house is the landlord's report
 * too: written one row at a time, each in one transaction with its tenancy (see tenancies.ts); the
 * other rows in batches.
 */
async function commitChunk({ upload, organisation, calendar, candidates, retries, lookUp }: ChunkWork): Promise<Partial<UploadCountsItem>> {
  const found = new Map(
    lookUp
      ? (
          await readItems<FoundRecord>(
            candidates.map((c) => reportKey(upload.orgId, c.judged.identity)),
            { attributes: ['sk', 'uploadId', 'report'] },
          )
        ).map((r) => [r.sk, r])
      : [],
  );
  const filedAt = currentInstant();
  let alreadyReported = 0;
  let written = 0;
  let late = 0;
  const records: ReportItem[] = [];
  const atHouses: Array<{ record: ReportItem; judged: Candidate['judged'] }> = [];
  const count = (record: FoundRecord) => {
    if (record.uploadId !== upload.id) {
      alreadyReported++;
      return;
    }
    // Written now, or by this commit before it was interrupted (counted, not written again).
    written++;
    if (record.report.filing === 'late') late++;
  };
  for (const { sheetRow, judged } of candidates) {
    const existing = found.get(judged.identity);
    if (existing) {
      count(existing);
      continue;
    }
    const record = await reportItem({ orgId: upload.orgId, orgType: upload.orgType, uploadId: upload.id, row: sheetRow.row, judged, filedAt, calendar });
    if (reportsAtHouse(judged.row, judged.place.houseCode)) atHouses.push({ record, judged });
    else {
      count(record);
      records.push(record);
    }
  }
  const oneByOne = async () => {
    // In file order: rows at the same house change its occupant count one after the other.
    for (const { record, judged } of atHouses) count((await commitAtHouse(record, judged.row, organisation)).record);
  };
  // Both finish before the chunk settles, so a failure leaves no write of it still under way.
  for (const settled of await Promise.allSettled([writeItems(records, retries), oneByOne()])) if (settled.status === 'rejected') throw settled.reason;
  return { alreadyReported, written, late };
}
