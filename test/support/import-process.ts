/**
 * One import run in a process of its own, for the test that kills it part-way: the worker's
 * `runImport` with the environment of the product that started it (table, keys, blob folder).
 * Usage: node --import tsx test/support/import-process.ts <uploadId> <check|commit>
 */
import { runImport } from '#functions/agency/import-worker';

const [uploadId, phase] = process.argv.slice(2);
if (!uploadId || (phase !== 'check' && phase !== 'commit')) throw new Error('usage: import-process.ts <uploadId> <check|commit>');
const outcome = await runImport({ uploadId, phase }, { shouldStop: () => false });
console.log(outcome);
