/** Turns zod issues into field errors whose messages are i18n keys in the `errors` namespace. */
import type { ZodError } from 'zod';
import type { FieldError } from '../errors.ts';

type Issue = ZodError['issues'][number];

function keyFor(issue: Issue): string {
  if (issue.message.startsWith('validation.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined ? 'validation.required' : 'validation.invalidType';
    case 'too_big':
      return 'validation.tooLong';
    case 'too_small':
      return (issue as { minimum?: unknown }).minimum === 1 ? 'validation.required' : 'validation.tooShort';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    default:
      return 'validation.invalid';
  }
}

const MB = 1024 * 1024;

/** Values a message interpolates: a file size limit is told in MB, as people know it. */
function valuesFor(issue: Issue, key: string): FieldError['values'] {
  if (key === 'validation.fileTooLarge' && issue.code === 'too_big') return { maxMb: Number(issue.maximum) / MB };
  return undefined;
}

export function fieldErrors(error: ZodError, prefix?: string): FieldError[] {
  const errors = error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || 'body';
    const key = keyFor(issue);
    const values = valuesFor(issue, key);
    return { path, key, ...(values ? { values } : {}) };
  });
  // A field refused twice for one reason (a blank text by its own rule and by its object's "required when") is told once.
  return errors.filter((e, i) => errors.findIndex((other) => other.path === e.path && other.key === e.key) === i);
}
