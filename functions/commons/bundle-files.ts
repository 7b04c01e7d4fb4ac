/**
 * Data a function reads at run time rather than carrying in its code, so that a cold start parses
 * only what it uses: translations one language at a time, a province's divisions when an address
 * there is checked. The Lambda bundling (infra/stack/bundling.ts) writes these files beside the
 * bundle and defines `process.env.PORTAL_BUNDLE`; run from the repository (the local product, the
 * tests), the same data is read where the repository keeps it.
 */
import { join } from 'node:path';

/** True inside a Lambda bundle: replaced by a constant when bundling, so the other branch is dropped. */
export const inBundle = process.env.PORTAL_BUNDLE === 'lambda';

/**
 * A file the bundling put beside the bundle.
 * @example
 * readFileSync(bundleFile('locales', 'en', 'errors.json'), 'utf8')
 */
export const bundleFile = (...segments: string[]) => join(import.meta.dirname, ...segments);
