/**
 * The one place where errors become HTTP responses: clients get a stable code and a translated
 * message, never a stack trace or an internal message.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError } from '../errors.ts';
import { translator } from '../i18n.ts';
import { logger } from '../logger.ts';
import { json } from './response.ts';
import { cancellationCodes } from '../transactions.ts';
import type { Language } from '#shared/i18n/languages';
import { fieldKey } from '#shared/i18n/field-key';

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
]);

const isConditionFailure = (error: Error) =>
  error.name === 'ConditionalCheckFailedException' || cancellationCodes(error).includes('ConditionalCheckFailed');

/** DynamoDB refused for load (throttling, or a transaction that lost a race): worth a retry, not a failure. */
export const isThrottled = (error: Error) =>
  THROTTLING.has(error.name) || cancellationCodes(error).some((code) => code === 'ThrottlingError' || code === 'TransactionConflict');

/** Maps anything a handler throws to a response; unknown errors are logged (without request data) and hidden. */
export function errorResponse(error: unknown, language: Language): APIGatewayProxyStructuredResultV2 {
  const t = translator(language);
  const apiError = toApiError(error);
  const body = {
    error: {
      code: apiError.code,
      message: t(`codes.${apiError.code}`, apiError.values),
      ...(Object.keys(apiError.details).length ? { details: apiError.details } : {}),
      ...(apiError.fields.length
        ? {
            fields: apiError.fields.map((f) => ({
              path: f.path,
              message: t(f.key, { ...f.values, field: t(`fields.${fieldKey(f.path)}`, { defaultValue: f.path }) }),
            })),
          }
        : {}),
    },
  };
  return json(apiError.status, body, apiError.headers);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && isThrottled(error)) {
    logger.warn('database throttled the request', { errorName: error.name });
    return new ApiError(503, 'service_unavailable', {}, [], { 'retry-after': '1' });
  }
  if (error instanceof Error && isConditionFailure(error)) return new ApiError(409, 'conflict');
  logger.error('unhandled error', {
    errorName: error instanceof Error ? error.name : typeof error,
    // Frames only: an error's message may quote a value from the request.
    frames: error instanceof Error ? error.stack?.split('\n').slice(1).join('\n') : undefined,
  });
  return new ApiError(500, 'internal');
}
