import type { TFunction } from 'i18next';
import type { z, ZodType } from 'zod';
import { fillPath, type ApiContract } from '#shared/api/route';
import { translateIssue } from '../i18n/issues.ts';
import { ApiError, apiErrorFromResponse, badResponseError, networkError } from './errors.ts';

type Schema<S> = Extract<NonNullable<S>, ZodType>;
type Part<Key extends string, S> = [Schema<S>] extends [never]
  ? { [K in Key]?: undefined }
  : { [K in Key]: z.input<Schema<S>> };

/** What a call needs: `body`, `query` and `params` exactly where the contract has schemas for them. */
export type CallInput<C extends ApiContract> = Part<'body', C['body']> &
  Part<'query', C['query']> &
  Part<'params', C['params']> & {
    signal?: AbortSignal;
    /** Extra request headers a route asks for, such as `Idempotency-Key`. */
    headers?: Record<string, string>;
  };

export type CallOutput<C extends ApiContract> = z.output<C['response']>;

type InputArgs<C extends ApiContract> = object extends Omit<CallInput<C>, 'signal' | 'headers'>
  ? [input?: CallInput<C>]
  : [input: CallInput<C>];

export type Call = <C extends ApiContract>(contract: C, ...args: InputArgs<C>) => Promise<CallOutput<C>>;

export interface ApiClientOptions {
  /** Origin of the API; empty for the page's own origin (CloudFront and the local server route /api). */
  baseUrl?: string;
  fetch?: typeof fetch;
  language: () => string;
  token: () => string | undefined;
  /** Called when a request that carried a token is answered 401: the session is over. */
  onUnauthorized?: () => void;
  t: TFunction;
}

export function createCall(options: ApiClientOptions): Call {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const t = options.t;

  return async function call<C extends ApiContract>(contract: C, ...args: InputArgs<C>): Promise<CallOutput<C>> {
    const input: { body?: unknown; query?: unknown; params?: unknown; signal?: AbortSignal; headers?: Record<string, string> } =
      args[0] ?? {};
    const body = contract.body ? validated(contract.body, input.body, t) : undefined;
    const query = contract.query ? validated(contract.query, input.query, t) : undefined;
    const params = contract.params ? validated(contract.params, input.params, t) : undefined;

    let url = (options.baseUrl ?? '') + fillPath(contract.path, params as Record<string, string> | undefined);
    if (query && typeof query === 'object') {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== null) search.set(name, String(value));
      }
      const text = search.toString();
      if (text) url += `?${text}`;
    }

    const token = options.token();
    const headers: Record<string, string> = { ...input.headers, Accept: 'application/json', 'Accept-Language': options.language() };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await send(url, {
        method: contract.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: input.signal,
      });
    } catch (error) {
      if (input.signal?.aborted) throw error;
      throw networkError(t);
    }

    if (!response.ok) {
      const error = await apiErrorFromResponse(response, t);
      if (response.status === 401 && token) options.onUnauthorized?.();
      throw error;
    }

    let data: unknown;
    try {
      data = response.status === 204 ? undefined : await response.json();
    } catch {
      throw badResponseError(response.status, t);
    }
    const parsed = contract.response.safeParse(data);
    if (!parsed.success) throw badResponseError(response.status, t);
    return parsed.data as CallOutput<C>;
  };
}

/**
 * Checks input against the contract before sending, so a caller that skipped its own validation
 * still gets translated field messages, and transforms (trim, lower-case) apply as on the server.
 */
function validated(schema: ZodType, value: unknown, t: TFunction): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || 'body';
    return { path, message: translateIssue(t, issue, path) };
  });
  throw new ApiError(400, 'validation_failed', t('errors:codes.validation_failed'), fields);
}
