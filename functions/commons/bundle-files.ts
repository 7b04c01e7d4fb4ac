/**
 * Data a function reads at run time rather than carrying in its code, so that a cold start parses
 * only what it uses: translations one language at a time, a province's divisions when an address
 * there is checked. The Lambda bundling (infra/stack/bundling.ts) writes these files beside the
 * bundle and defines `process.env.PORTAL_BUNDLE`; run from the repository (the local product, the
 * tests), the same data is read where the repository keeps it.
 *
 * Modules test for a bundle where they read, as `process.env.PORTAL_BUNDLE === 'lambda'`: the
 * bundling replaces the variable by its value, and esbuild folds a comparison of two literals in
 * one expression (not a constant exported from here, in a module the bundle loads lazily), so the
 * branch that reads the repository is dropped from the bundle.
 */
import { join } from 'node:path';

/**
 * A file the bundling put beside the bundle.
 * @example
 * readFileSync(bundleFile('locales', 'en', 'errors.json'), 'utf8')
 */
export const bundleFile = (...segments: string[]) => join(import.meta.dirname, ...segments);
