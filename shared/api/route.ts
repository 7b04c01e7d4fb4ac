import type { ZodType } from 'zod';
import type { Role } from '#shared/identity/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, or members of at least one of the listed groups. */
export type Access = 'public' | readonly Role[];

/** What a route's function may do to the table; the CDK stack grants exactly this. */
export type TableAccess = 'none' | 'read' | 'readWrite';

/**
 * The contract of one HTTP route. Request and response schemas are the single source of the
 * types used by the handler, the web client and the OpenAPI document.
 */
export interface ApiContract<
  Body extends ZodType | undefined = ZodType | undefined,
  Query extends ZodType | undefined = ZodType | undefined,
  Params extends ZodType | undefined = ZodType | undefined,
  Response extends ZodType = ZodType,
> {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/things/{id}`. */
  path: string;
  access: Access;
  summary: string;
  tag: string;
  body?: Body;
  query?: Query;
  params?: Params;
  response: Response;
  /** HTTP status of a successful call. */
  status?: number;
  /** `application/json` unless the route returns another kind of document. */
  contentType?: string;
}

export const contract = <
  Body extends ZodType | undefined = undefined,
  Query extends ZodType | undefined = undefined,
  Params extends ZodType | undefined = undefined,
  Response extends ZodType = ZodType,
>(
  c: ApiContract<Body, Query, Params, Response>,
) => c;

/**
 * The route key API Gateway puts in an event (`GET /api/things/{id}`), by which a function dispatches.
 * @example
 * routeKeyOf({ method: 'GET', path: '/api/me' }) // → 'GET /api/me'
 */
export const routeKeyOf = (contract: Pick<ApiContract, 'method' | 'path'>) => `${contract.method} ${contract.path}`;

/** `/api/things/{id}` → `/api/things/42` */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
