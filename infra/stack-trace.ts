/**
 * Maps a stack trace from a deployed function back to the source. Functions run without
 * `--enable-source-maps` (it doubles a large bundle's start-up memory), so their traces name
 * places in the minified bundle (`file:///var/task/index.mjs:1:52031`); the bundle's source map
 * sits beside it in the function's code package (and in cdk.out/ after a synth of the same commit).
 *
 *   npm run -s stack-trace -- <index.mjs.map> < trace.txt
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { text } from 'node:stream/consumers';

/** A frame's place in a bundle: `…index.mjs:<line>:<column>`, as V8 prints it. */
const BUNDLE_PLACE = /(?:file:\/\/)?[^\s()]*index\.mjs:(\d+):(\d+)/g;

/**
 * The trace with each place in the bundle replaced by its place in the source.
 * @example
 * mapStackTrace('at a (file:///var/task/index.mjs:1:52031)', map) // → 'at a (functions/residence/declare.ts:88:11)'
 */
export function mapStackTrace(trace: string, map: SourceMap): string {
  return trace.replace(BUNDLE_PLACE, (place, line: string, column: string) => {
    const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
    if (!('originalSource' in entry) || !entry.originalSource) return place;
    const source = entry.originalSource.replace(/^(\.\.\/)+/, '');
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

if (import.meta.main) {
  const [mapFile] = process.argv.slice(2);
  if (!mapFile) {
    console.error('usage: npm run -s stack-trace -- <index.mjs.map> < trace.txt');
    process.exit(2);
  }
  const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  process.stdout.write(mapStackTrace(await text(process.stdin), map));
}
