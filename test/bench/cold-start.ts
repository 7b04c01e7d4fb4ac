/**
 * coldStart: every function the stack deploys, bundled as it is deployed (infra/stack/bundling.ts),
 * against a handler doing one DynamoDB GetItem bundled with the same settings, in the same run:
 * the code a cold start loads (the bundle file), the time to import it in a fresh Node.js process,
 * and, since a feature function evaluates a route's module on the route's first call, the time to
 * import it and load that route's module, for each route (the function's figure is its slowest
 * route); and the process's peak memory after the import, and after the route's module too. Processes alternate with the baseline's, pair by
 * pair, so the machine's drift hits both alike; each ratio is the median of the pairs' ratios.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { otherFunctions, routeFunctions } from '#infra/functions';
import { cloudRoutes } from '#infra/routes';
import { WORKER_HEAP_FLAGS } from '#infra/stack/imports';
import { BUNDLE_FILE, bundleFunction, type FunctionSource } from '#infra/stack/bundling';
import { routeKeyOf } from '#shared/api/route';
import { percentile, round } from './measure.ts';

const PROCESSES = 5;

interface Measured {
  importMs: number;
  /** The process's peak memory once the bundle is imported. */
  importPeakRssMb: number;
  /** Import, then the route's module loaded (the import alone where no route is named). */
  coldMs: number;
  /** The process's peak memory once the route's module is loaded too. */
  peakRssMb: number;
}

/**
 * Imports a bundle in a new Node.js process (the one running this, Node 24), then loads a route's
 * module through its dispatcher, as the route's first call does, and reports the times and the
 * process's peak memory.
 */
function importOnce(file: string, nodeOptions = '', routeKey?: string): Promise<Measured> {
  const script = `const started = performance.now(); const bundle = await import(${JSON.stringify(pathToFileURL(file).href)});
const importMs = performance.now() - started;
const importPeakRssMb = process.resourceUsage().maxRSS / 1024;
${routeKey ? `await bundle.handler.load(${JSON.stringify(routeKey)});` : ''}
const coldMs = performance.now() - started;
process.stdout.write(JSON.stringify({ importMs, importPeakRssMb, coldMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions.split(' ').filter(Boolean), '--input-type=module', '-e', script], {
      // What Lambda sets that the code reads while it loads; nothing that would reach a service.
      env: { PATH: process.env.PATH, AWS_REGION: 'cn-northwest-1', TABLE_NAME: 'bench', POWERTOOLS_SERVICE_NAME: 'portal', POWERTOOLS_LOG_LEVEL: 'WARN' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Measured) : reject(new Error(`importing ${file} failed: ${err}`))));
  });
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

interface Subject {
  id: string;
  kind: 'route' | 'authorizer' | 'worker' | 'trigger' | 'job';
  file: string;
  codeBytes: number;
  /** The routes a feature function dispatches (none for the other kinds). */
  routeKeys: readonly string[];
  nodeOptions?: string;
}

async function measureRound(baseline: Subject, subjects: Subject[]) {
  // One import of each first: the files come from the page cache afterwards, as they would from Lambda's.
  for (const subject of [baseline, ...subjects]) await importOnce(subject.file, subject.nodeOptions);
  const rows = [];
  for (const subject of subjects) {
    // Each route's cold start: import, then that route's module. A function serving no route: its import.
    const routes = subject.routeKeys.length ? subject.routeKeys : [undefined];
    const pairsByRoute = [];
    for (const routeKey of routes) {
      const pairs: { base: Measured; own: Measured }[] = [];
      for (let i = 0; i < PROCESSES; i++) pairs.push({ base: await importOnce(baseline.file), own: await importOnce(subject.file, subject.nodeOptions, routeKey) });
      pairsByRoute.push({ routeKey, pairs, coldRatio: median(pairs.map((p) => p.own.coldMs / p.base.coldMs)) });
    }
    const slowest = pairsByRoute.reduce((a, b) => (b.coldRatio > a.coldRatio ? b : a));
    const all = pairsByRoute.flatMap((route) => route.pairs);
    rows.push({
      id: subject.id,
      kind: subject.kind,
      codeKB: round(subject.codeBytes / 1024, 1),
      sizeRatio: round(subject.codeBytes / baseline.codeBytes),
      importMs: round(median(all.map((p) => p.own.importMs)), 1),
      importRatio: round(median(all.map((p) => p.own.importMs / p.base.importMs))),
      ...(slowest.routeKey ? { slowestRoute: slowest.routeKey } : {}),
      coldMs: round(median(slowest.pairs.map((p) => p.own.coldMs)), 1),
      coldRatio: round(slowest.coldRatio),
      importPeakRssMb: round(median(all.map((p) => p.own.importPeakRssMb)), 1),
      rssRatio: round(median(all.map((p) => p.own.importPeakRssMb / p.base.peakRssMb))),
      coldPeakRssMb: round(median(slowest.pairs.map((p) => p.own.peakRssMb)), 1),
      coldRssRatio: round(median(slowest.pairs.map((p) => p.own.peakRssMb / p.base.peakRssMb))),
      baselineImportMs: round(median(all.map((p) => p.base.importMs)), 1),
      baselinePeakRssMb: round(median(all.map((p) => p.base.peakRssMb)), 1),
    });
  }
  const requestPath = rows.filter((row) => row.kind === 'route' || row.kind === 'authorizer' || row.kind === 'trigger');
  const largest = requestPath.reduce((a, b) => (b.codeKB > a.codeKB ? b : a));
  const worker = rows.find((row) => row.kind === 'worker')!;
  return {
    summary: {
      functions: rows.length,
      medianSizeRatio: round(median(rows.map((row) => row.sizeRatio))),
      medianImportRatio: round(median(rows.map((row) => row.importRatio))),
      medianColdRatio: round(median(rows.map((row) => row.coldRatio))),
      largestRequestPath: { id: largest.id, sizeRatio: largest.sizeRatio, importRatio: largest.importRatio, coldRatio: largest.coldRatio },
      slowestRequestPathImportRatio: round(Math.max(...requestPath.map((row) => row.importRatio))),
      slowestRequestPathColdRatio: round(Math.max(...requestPath.map((row) => row.coldRatio))),
      importWorker: { sizeRatio: worker.sizeRatio, importRatio: worker.importRatio, coldRatio: worker.coldRatio },
      maxRssRatio: round(Math.max(...rows.map((row) => row.rssRatio))),
      maxRssRatioOf: rows.reduce((a, b) => (b.rssRatio > a.rssRatio ? b : a)).id,
      medianRssRatio: round(median(rows.map((row) => row.rssRatio))),
      maxColdRssRatio: round(Math.max(...rows.map((row) => row.coldRssRatio))),
    },
    functions: rows,
  };
}

export async function measureColdStart() {
  const dir = mkdtempSync(join(tmpdir(), 'portal-cold-start-'));
  try {
    const bundle = (source: FunctionSource, kind: Subject['kind'], nodeOptions?: string): Subject => {
      const outDir = mkdtempSync(join(dir, `${source.name}-`));
      const { codeBytes } = bundleFunction(source, outDir);
      const routeKeys = typeof source.entry === 'string' ? [] : source.entry.map((route) => routeKeyOf(route.contract));
      return { id: source.name, kind, file: join(outDir, BUNDLE_FILE), codeBytes, routeKeys, ...(nodeOptions ? { nodeOptions } : {}) };
    };
    const baseline = bundle({ name: 'Baseline', entry: 'test/bench/cold-start-baseline.ts' }, 'route');
    const subjects = [
      ...routeFunctions(cloudRoutes).map((fn) => bundle({ name: fn.id, entry: fn.routes }, 'route')),
      ...otherFunctions.map((fn) => bundle({ name: fn.id, entry: fn.entry }, fn.kind, fn.kind === 'worker' ? WORKER_HEAP_FLAGS : undefined)),
    ];
    return {
      processes: PROCESSES,
      baseline: { description: 'a handler doing one GetItem, bundled with the same settings', codeKB: round(baseline.codeBytes / 1024, 1) },
      runs: [await measureRound(baseline, subjects), await measureRound(baseline, subjects)],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
