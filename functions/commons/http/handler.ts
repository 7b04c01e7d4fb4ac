/**
 * Wraps a route's function as a Lambda handler: parse (zod) → authorise (JWT claims) → run →
 * respond, with one error mapper. The same handler runs in Lambda and behind the local server.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z, ZodType } from 'zod';
import { routeKeyOf, type ApiContract } from '#shared/api/route';
import { pickLanguage, type Language } from '#shared/i18n/languages';
import { ApiError, forbidden, unauthorized } from '../errors.ts';
import { logger } from '../logger.ts';
import { callerOf, type Caller } from './caller.ts';
import { errorResponse } from './error-response.ts';
import { binary, BinaryReply, json, Reply } from './response.ts';
import { fieldErrors } from './validation.ts';
import { isJson, JSON_BODY_MAX_BYTES, payloadTooLarge, unsupportedMediaType } from './json-body.ts';

/** The parsed type of an optional request part; `undefined` when the contract has no schema for it. */
type Parsed<S> = [NonNullable<S>] extends [never] ? undefined : NonNullable<S> extends ZodType ? z.output<NonNullable<S>> : undefined;

export interface Request<C extends ApiContract> {
  body: Parsed<C['body']>;
  query: Parsed<C['query']>;
  params: Parsed<C['params']>;
  /** Present on every route that is not public. */
  caller: C['access'] extends 'public' ? Caller | undefined : Caller;
  language: Language;
  event: APIGatewayProxyEventV2;
}

/** Routes whose contract is not JSON (`contentType`) may answer with bytes. */
type Result<C extends ApiContract> = z.input<C['response']> | Reply<z.input<C['response']>> | BinaryReply;

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  return headers[name] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** The JSON body of a route whose contract has one: its size counted in decoded bytes, as the local server counts them. */
function readBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return {};
  if (Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') > JSON_BODY_MAX_BYTES) throw payloadTooLarge();
  if (!isJson(header(event, 'content-type'))) throw unsupportedMediaType();
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json');
  }
}

function parsePart(schema: ZodType | undefined, input: unknown, prefix?: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError(400, 'validation_failed', {}, fieldErrors(result.error, prefix));
  return result.data;
}

export function authorise(contract: ApiContract, event: APIGatewayProxyEventV2): Caller | undefined {
  const caller = callerOf(event);
  if (contract.access === 'public') return caller;
  if (!caller) throw unauthorized();
  if (!caller.roles.some((role) => contract.access.includes(role))) throw forbidden();
  return caller;
}

export function httpHandler<C extends ApiContract>(contract: C, run: (request: Request<C>) => Promise<Result<C>>) {
  const routeKey = routeKeyOf(contract);
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const started = performance.now();
      const language = pickLanguage(header(event, 'accept-language'));
      let response: APIGatewayProxyStructuredResultV2;
      try {
        const caller = authorise(contract, event);
        const request = {
          caller,
          language,
          event,
          params: parsePart(contract.params, event.pathParameters ?? {}),
          query: parsePart(contract.query, event.queryStringParameters ?? {}),
          body: contract.body ? parsePart(contract.body, readBody(event)) : undefined,
        } as Request<C>;
        const result = await run(request);
        response =
          result instanceof BinaryReply
            ? binary(result)
            : result instanceof Reply
              ? json(result.status, result.body, result.headers)
              : json(contract.status ?? 200, result);
      } catch (error) {
        response = errorResponse(error, language);
      }
      logger.info('request', {
        route: routeKey,
        status: response.statusCode,
        durationMs: Math.round(performance.now() - started),
      });
      return response;
    });
}
