import type { TFunction } from 'i18next';
import type { ZodType } from 'zod';
import { fieldKey } from '#shared/i18n/field-key';

interface Issue {
  code: string;
  message: string;
}

/**
 * Messages in the shared zod schemas are keys of the `errors` namespace (`validation.phone`), the
 * same keys the server translates. Zod's own checks carry English prose instead, so those are
 * named by their issue code.
 */
function issueKey(issue: Issue): string {
  if (issue.message.startsWith('validation.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return 'validation.invalidType';
    case 'too_big':
      return 'validation.tooLong';
    case 'too_small':
      return 'validation.tooShort';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    default:
      return 'validation.invalid';
  }
}

/** The issue in the user's language; `{{field}}` is the field's name from `errors:fields`. */
export function translateIssue(t: TFunction, issue: Issue, path: string): string {
  return t(`errors:${issueKey(issue)}`, { field: t(`errors:fields.${fieldKey(path)}`) });
}

/** Validates one value with a shared schema: the translated message, or undefined when it is valid. */
export function checkField(t: TFunction, schema: ZodType, field: string, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return issue ? translateIssue(t, issue, field) : undefined;
}
