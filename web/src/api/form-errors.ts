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
