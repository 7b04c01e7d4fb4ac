/**
 * Errors a handler raises on purpose. Each has a stable `code` (the client may branch on it) whose
 * message is translated from `errors:codes.<code>` in the caller's language, and may carry
 * `details` a client acts on (the house already registered at an address: `{ houseId }`).
 */
export interface FieldError {
  path: string;
  /** i18n key in the `errors` namespace, e.g. `validation.required`. */
  key: string;
  values?: Record<string, string | number>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly values: Record<string, string | number> = {},
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    readonly details: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export const unauthorized = () => new ApiError(401, 'unauthorized');
export const forbidden = () => new ApiError(403, 'forbidden');
export const notFound = () => new ApiError(404, 'not_found');
export const conflict = () => new ApiError(409, 'conflict');
export const invalidField = (path: string, key: string, code = 'validation_failed', values: Record<string, string | number> = {}) =>
  new ApiError(400, code, values, [{ path, key, values }]);
