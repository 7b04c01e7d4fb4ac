/**
 * Data a function reads at run time rather than carrying in its code, so that a cold start parses
 * only what it uses: translations one language at a time, a province's divisions when an address
 * there is checked. The Lambda bundling (infra/stack/bundling.ts) writes these files beside the
 * bundle and defines `process.env.PORTAL_BUNDLE`; run from the repository (the local product, the
 * tests), the same data is read where the repository keeps it.
 */
import { join } from 'node:path';

/**
 * Tests are written where they are used, as `process.env.PORTAL_BUNDLE === 'lambda'`: the bundling
 * replaces the variable by its value, and only a comparison of two literals in the same
 * expression is folded (a constant exported from here is not, in a module the bundle loads
 * lazily), so the branch that reads the repository is dropped from the bundle.
 */

/**
 * A file the bundling put beside the bundle.
 * @example
 * readFileSync(bundleFile('locales', 'en', 'errors.json'), 'utf8')
 */
export const bundleFile = (...segments: string[]) => join(import.meta.dirname, ...segments);
