/**
 * One upload through the import worker, in a process of its own so its peak memory is the
 * worker's alone: the check (a dry run), then the commit, as the queue would run them. The
 * benchmark bundles this file as Lambda bundles the worker and runs it with `--expose-gc`.
 * Settings come from the environment (as in Lambda); the upload id is the first argument, and
 * `check` as the second stops after the check (a file the check refuses has nothing to commit).
 * Prints one JSON line: each phase's seconds and counts, the process's peak resident set, and the
 * largest heap right after a full collection (sampled every second): what the worker really held
 * at once.
 */
import { runImport } from '#functions/agency/import-worker';
import { startCommit } from '#functions/agency/committing';
import { readUpload } from '#functions/agency/uploads';

const [uploadId, only] = process.argv.slice(2);
if (!uploadId || (only !== undefined && only !== 'check')) throw new Error('usage: agency-worker <uploadId> [check]');

const collect = (globalThis as { gc?: () => void }).gc;
let peakLiveHeap = 0;
const sampleLive = () => {
  collect?.();
  peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
};
const sampler = setInterval(sampleLive, 1000);

const timed = async (phase: 'check' | 'commit') => {
  const started = performance.now();
  const outcome = await runImport({ uploadId, phase });
  const seconds = (performance.now() - started) / 1000;
  const upload = await readUpload(uploadId, true);
  if (outcome !== 'finished' || !upload) throw new Error(`the ${phase} ended ${outcome}`);
  return { seconds, status: upload.status, counts: upload.counts, failure: upload.failure, firstErrors: upload.firstErrors.slice(0, 3) };
};

const check = await timed('check');
let commit: Awaited<ReturnType<typeof timed>> | undefined;
if (only !== 'check') {
  const checked = await readUpload(uploadId, true);
  if (!checked) throw new Error('the upload is gone');
  await startCommit(checked);
  commit = await timed('commit');
}
sampleLive();
clearInterval(sampler);
console.log(JSON.stringify({ check, commit, peakRssMB: process.resourceUsage().maxRSS / 1024, peakLiveHeapMB: peakLiveHeap / 1024 / 1024 }));
