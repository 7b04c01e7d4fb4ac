import type { TFunction } from 'i18next';
import { ApiErrorBody } from '#shared/api/errors';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * A failed call, with a message ready to show: the server's (translated by Accept-Language) or, when
 * the server could not be reached or did not answer in the agreed shape, one of ours.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
    /** What the server named for the client to act on (the house already registered: `houseId`). */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The message for one field (`phone`, `items.0.name`), if the server marked it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((field) => field.path === path)?.message;
  }
}

/** Builds the error for a non-2xx answer from its status and (possibly unparseable) body. */
export function apiErrorFromBody(status: number, body: unknown, t: TFunction): ApiError {
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, fields, details } = parsed.data.error;
    return new ApiError(status, code, message, fields ?? [], details ?? {});
  }
  return fallbackError(status, t);
}

export async function apiErrorFromResponse(response: Response, t: TFunction): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A proxy or gateway answered with HTML or nothing; the status is all there is to go on.
    body = undefined;
  }
  return apiErrorFromBody(response.status, body, t);
}

/** For answers without our error body (gateways, proxies, an outage): a message by status. */
function fallbackError(status: number, t: TFunction): ApiError {
  switch (status) {
    case 401:
      return new ApiError(status, 'unauthorized', t('errors:codes.unauthorized'));
    case 403:
      return new ApiError(status, 'forbidden', t('errors:codes.forbidden'));
    case 404:
      return new ApiError(status, 'not_found', t('errors:codes.not_found'));
    case 409:
      return new ApiError(status, 'conflict', t('errors:codes.conflict'));
    case 429:
      return new ApiError(status, 'too_many_requests', t('errors:codes.too_many_requests'));
    case 502:
    case 503:
    case 504:
      return new ApiError(status, 'service_unavailable', t('errors:codes.service_unavailable'));
    default:
      return new ApiError(status, 'internal', t('errors:codes.internal'));
  }
}

export function networkError(t: TFunction): ApiError {
  return new ApiError(0, 'network', t('common:error.network'));
}

export function badResponseError(status: number, t: TFunction): ApiError {
  return new ApiError(status, 'bad_response', t('common:error.badResponse'));
}

/** Any thrown value as a message the user can read. */
export function messageOf(error: unknown, t: TFunction): string {
  return error instanceof ApiError ? error.message : t('errors:codes.internal');
}
