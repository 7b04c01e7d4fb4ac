import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so the app works from any checkout location. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
