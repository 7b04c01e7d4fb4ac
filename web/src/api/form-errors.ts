import type { TFunction } from 'i18next';
import { messageOf, ApiError } from './errors.ts';

export type FormErrors<Field extends string> = Partial<Record<Field | 'form', string>>;

/**
 * Spreads a failed call over a form: field messages under their fields, and the overall message
 * above the submit button when no field shown on this form was marked.
 */
export function formErrors<Field extends string>(error: unknown, fields: readonly Field[], t: TFunction): FormErrors<Field> {
  const result: FormErrors<Field> = {};
  if (error instanceof ApiError) {
    for (const field of fields) {
      const message = error.fieldMessage(field);
      if (message) result[field] = message;
    }
  }
  if (Object.keys(result).length === 0) result.form = messageOf(error, t);
  return result;
}

/**
 * A form's own checks before sending: drops the fields that passed and moves the focus to the
 * first that did not, so a screen-reader or keyboard user lands on what to fix. True when clean.
 */
export function passesChecks<Field extends string>(found: FormErrors<Field>, idOf: (field: Field) => string): boolean {
  const failed = (Object.keys(found) as Field[]).filter((key) => found[key]);
  for (const key of Object.keys(found) as Field[]) if (!found[key]) delete found[key];
  if (failed.length > 0) document.getElementById(idOf(failed[0]!))?.focus();
  return failed.length === 0;
}
