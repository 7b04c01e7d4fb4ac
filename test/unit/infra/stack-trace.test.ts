/** A trace from a bundle built as the stack builds functions, mapped back to the source with the map beside it. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleFunction } from '#infra/stack/bundling';
import { mapStackTrace } from '#infra/stack-trace';

const dir = mkdtempSync(join(tmpdir(), 'portal-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('names the source file and line of each frame that was in the bundle', async () => {
  bundleFunction({ name: 'Throwing', entry: 'test/unit/infra/throwing-handler.ts' }, dir);
  // In a process of its own, as Lambda runs it: no source maps at run time (the test runner would apply them).
  const run = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, BUNDLE_FILE)).href)});
await handler({ reason: 'boom' }).catch((error) => process.stdout.write(error.stack));`;
  const trace = execFileSync(process.execPath, ['--input-type=module', '-e', run], { encoding: 'utf8' });
  expect(trace).toMatch(/index\.mjs:\d+:\d+/);

  const map = new SourceMap(JSON.parse(readFileSync(join(dir, `${BUNDLE_FILE}.map`), 'utf8')));
  const mapped = mapStackTrace(trace, map);
  expect(mapped).toContain('test/unit/infra/throwing-handler.ts:3:');
  expect(mapped).not.toMatch(/index\.mjs:\d+:\d+/);
});

it('leaves lines that name no place in a bundle as they are', () => {
  const map = new SourceMap({ version: 3, file: 'index.mjs', sources: [], sourcesContent: [], sourceRoot: '', names: [], mappings: '' });
  expect(mapStackTrace('Error: boom\n    at process.processTicksAndRejections (node:internal/process/task_queues:104:5)', map)).toBe(
    'Error: boom\n    at process.processTicksAndRejections (node:internal/process/task_queues:104:5)',
  );
});
