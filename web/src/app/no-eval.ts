/**
 * zod compiles its object parsers into code with `Function` unless told not to, and tries whether
 * it may the moment the first object schema is built. The pages' Content-Security-Policy forbids
 * evaluating strings as code (no 'unsafe-eval': infra/security-headers.ts), so that try would be
 * refused and reported as a violation on every page. Parsing without the compiler gives the same
 * results; main.tsx imports this module before any module that builds a schema.
 */
import * as z from 'zod';

z.config({ jitless: true });
