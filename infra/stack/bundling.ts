/**
 * How every function of the portal is bundled: esbuild, one minified ESM file for Node.js 24, its
 * source map beside it (to map a stack trace, never loaded at run time), and the data files the
 * code reads at run time instead of carrying them (translations, a province's divisions), written
 * only where the bundle uses them. A feature function's entry is generated from its routes: the
 * dispatcher, with a dynamic import of each route's handler module (kept in the one file, but not
 * evaluated until the route is first called). The CDK stack bundles with this,
 * and so do the cold-start benchmark and the dispatcher test, so what is measured and tested is
 * what is deployed.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { AssetHashType, DockerImage, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync, type BuildOptions } from 'esbuild';
import type { Route } from '#infra/routes';
import { routeKeyOf } from '#shared/api/route';
import { LANGUAGES } from '#shared/i18n/languages';
import { BUNDLED_TRANSLATIONS_DIR, repositoryTranslationFile, SERVER_NAMESPACES } from '#functions/commons/i18n';
import { BUNDLED_DIVISIONS_DIR, divisionsByProvince } from '#functions/policy/divisions';
import { repoRoot } from './repo-root.ts';

/** What a function runs: a handler module (relative to the repository root), or routes to dispatch. */
export interface FunctionSource {
  /** Names the bundle in messages and in the asset's cache key. */
  name: string;
  entry: string | readonly Route[];
}

/** The bundle's file, as Lambda's handler setting names it (`index.handler`). */
export const BUNDLE_FILE = 'index.mjs';

/** The esbuild settings of every bundle (the benchmark builds its baseline with them too). */
const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  // Written beside the bundle for mapping a stack trace (README: "Mapping a stack trace"); Node
  // never reads it, since source maps at run time cost start-up time and memory.
  sourcemap: 'linked',
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require() at run time; an ESM bundle has no require of its own.
  // (Named apart, so no module's own import of createRequire collides with it.)
  banner: { js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);" },
  // functions/commons/bundle-files.ts: data files are read from beside the bundle.
  define: { 'process.env.PORTAL_BUNDLE': '"lambda"' },
  absWorkingDir: repoRoot,
  logLevel: 'error',
  metafile: true,
};

/**
 * The entry of a function serving routes: the dispatcher, loading each route's handler module on
 * the route's first call; a `rateLimited` route's module wrapped by its limit (the limiter is in
 * the bundle only where a route has one).
 */
function dispatcherEntry(routes: readonly Route[]): string {
  const table = routes.map((route) => {
    const load = `() => import(${JSON.stringify(`./${route.handler}`)})`;
    return `  ${JSON.stringify(routeKeyOf(route.contract))}: ${route.rateLimited ? `rateLimited(${JSON.stringify(route.rateLimited)}, ${load})` : load},`;
  });
  return [
    "import { dispatcher } from './functions/commons/http/dispatcher.ts';",
    ...(routes.some((route) => route.rateLimited) ? ["import { rateLimited } from './functions/commons/http/rate-limit.ts';"] : []),
    'export const handler = dispatcher({',
    ...table,
    '});',
    '',
  ].join('\n');
}

const writeData = (file: string, text: string) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
};

/** Data files by the module that reads them; a bundle gets a module's files only when it contains that module. */
const DATA_FILES: Readonly<Record<string, (outDir: string) => void>> = {
  'functions/commons/i18n.ts': (outDir) => {
    for (const language of LANGUAGES) {
      for (const namespace of SERVER_NAMESPACES) {
        writeData(join(outDir, BUNDLED_TRANSLATIONS_DIR, language, `${namespace}.json`), readFileSync(repositoryTranslationFile(language, namespace), 'utf8'));
      }
    }
  },
  'functions/policy/divisions.ts': (outDir) => {
    for (const [province, divisions] of divisionsByProvince()) writeData(join(outDir, BUNDLED_DIVISIONS_DIR, `${province}.json`), JSON.stringify(divisions));
  },
};

export interface Bundled {
  /** Bytes of the code Lambda loads at start (the bundle file, without its source map or data files). */
  codeBytes: number;
  /** Source files with code in the bundle, relative to the repository root. */
  inputs: string[];
  /** Data files written beside it, by the module that reads them. */
  dataFor: string[];
}

/**
 * Bundles a function into `outDir` (which must exist).
 * @example
 * bundleFunction({ name: 'Residence', entry: residenceRoutes }, outDir) // outDir/index.mjs, its map, locales/, divisions/
 */
export function bundleFunction(source: FunctionSource, outDir: string): Bundled {
  const outfile = join(outDir, BUNDLE_FILE);
  const result = buildSync({
    ...BUNDLE_OPTIONS,
    ...(typeof source.entry === 'string'
      ? { entryPoints: [resolve(repoRoot, source.entry)] }
      : { stdin: { contents: dispatcherEntry(source.entry), resolveDir: repoRoot, sourcefile: `${source.name}.entry.ts`, loader: 'ts' } }),
    outfile,
  });
  // What esbuild put in the bundle, not every file it read (it reads modules whose code it then drops).
  const inputs = Object.entries(result.metafile?.outputs[relative(repoRoot, outfile)]?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file);
  const dataFor = Object.keys(DATA_FILES).filter((module) => inputs.includes(module));
  for (const module of dataFor) DATA_FILES[module]!(outDir);
  return { codeBytes: statSync(outfile).size, inputs, dataFor };
}

/** CDK's bundling of one function: locally, with esbuild's API; the fields name the function in the asset's cache key. */
class FunctionBundling implements BundlingOptions {
  readonly image = DockerImage.fromRegistry('unused');
  readonly local: ILocalBundling;
  readonly name: string;
  readonly entry: string;

  constructor(source: FunctionSource) {
    this.name = source.name;
    this.entry = typeof source.entry === 'string' ? source.entry : dispatcherEntry(source.entry);
    this.local = {
      tryBundle: (outputDir) => {
        bundleFunction(source, outputDir);
        return true;
      },
    };
  }
}

/** A function's code: the bundle, built when the stack is synthesized (skipped where a test turns bundling off). */
export function functionCode(source: FunctionSource): lambda.Code {
  return lambda.Code.fromAsset(repoRoot, { assetHashType: AssetHashType.OUTPUT, bundling: new FunctionBundling(source) });
}
