/**
 * The one router between API Gateway and the route handlers: a function serves the routes of one
 * feature, API Gateway names the route it matched in the event's `routeKey` (`GET /api/me`), and
 * this hands the event to that route's handler. A route's module is loaded the first time the route
 * is called, so a cold start evaluates the code of the route it serves, not of every route of the
 * feature. Lambda runs it as the feature function's handler (infra/stack/bundling.ts generates the
 * entry) and the local server calls the same dispatchers.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { pickLanguage } from '#shared/i18n/languages';
import { ApiError } from '../errors.ts';
import { logger } from '../logger.ts';
import { errorResponse } from './error-response.ts';

export type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Loads a route's handler module (a dynamic import, which the bundle keeps unevaluated until called). */
export type RouteModule = () => Promise<{ handler?: RouteHandler }>;

export interface Dispatcher extends RouteHandler {
  /** The route keys this function serves. */
  readonly routeKeys: readonly string[];
  /** Loads a route's module (as its first call does) and checks that it exports a handler. */
  load(routeKey: string): Promise<RouteHandler>;
  /** Loads every route's module (the local server does this at start). */
  loadAll(): Promise<void>;
}

/**
 * A handler that serves each route key with the handler its module exports.
 * @example
 * export const handler = dispatcher({ 'GET /api/me/profile': () => import('./profile-get.ts') });
 */
export function dispatcher(modules: Readonly<Record<string, RouteModule>>): Dispatcher {
  const loaded = new Map<string, Promise<RouteHandler>>();
  const handlerOf = (routeKey: string): Promise<RouteHandler> => {
    const known = loaded.get(routeKey);
    if (known) return known;
    if (!Object.hasOwn(modules, routeKey)) return Promise.reject(new Error(`this function serves no route ${routeKey}`));
    const handler = modules[routeKey]!().then((module) => {
      if (typeof module.handler !== 'function') throw new Error(`the module of ${routeKey} exports no handler`);
      return module.handler;
    });
    loaded.set(routeKey, handler);
    return handler;
  };

  const dispatch = async (event: APIGatewayProxyEventV2, context: Context) => {
    if (Object.hasOwn(modules, event.routeKey)) return (await handlerOf(event.routeKey))(event, context);
    // API Gateway sent a route this function does not serve: the stack is wired wrong, not the request.
    logger.error('route not served by this function', { routeKey: event.routeKey, functionName: context.functionName });
    return errorResponse(new ApiError(500, 'internal'), pickLanguage(event.headers?.['accept-language']));
  };
  const routeKeys = Object.keys(modules);
  return Object.assign(dispatch, {
    routeKeys,
    load: handlerOf,
    loadAll: async () => {
      await Promise.all(routeKeys.map(handlerOf));
    },
  });
}
