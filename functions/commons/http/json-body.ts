/**
 * What a route whose contract takes a JSON body accepts: JSON, and no more than a form's worth of
 * it. API Gateway lets 10 MB through and a server that buffers whatever arrives can be made to hold
 * hundreds of megabytes by anonymous callers, so one limit holds in both places: every Lambda
 * handler checks the body it was given, and the local server stops reading when a body passes it.
 */
import { ApiError } from '../errors.ts';

/** The largest JSON body in bytes: the longest form of the product is a few kilobytes. */
export const JSON_BODY_MAX_BYTES = 64 * 1024;

/**
 * The answer to a body over its limit; `headers` are the answer's own (the local server closes the connection).
 * @example
 * if (size > JSON_BODY_MAX_BYTES) throw payloadTooLarge();
 */
export const payloadTooLarge = (headers: Record<string, string> = {}) => new ApiError(413, 'payload_too_large', {}, [], headers);

/**
 * The answer to a body that is not declared JSON.
 * @example
 * if (!isJson(contentType)) throw unsupportedMediaType();
 */
export const unsupportedMediaType = () => new ApiError(415, 'unsupported_media_type');

/**
 * Whether a Content-Type names JSON: `application/json`, with or without parameters.
 * @example
 * isJson('application/json; charset=utf-8') // → true
 * isJson('text/plain') // → false
 */
export const isJson = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
