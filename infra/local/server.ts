/**
 * The local stand-in for API Gateway + CloudFront: matches each request to a route of the route
 * table and hands it to the dispatcher of the function that serves the route, as Lambda runs it
 * (infra/functions.ts), verifying the bearer token as the JWT authorizer does (and, on routes that
 * take one, an organisation's API key as the Lambda authorizer does), and serves the built web app
 * on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import { importJWK, jwtVerify, type JWK } from 'jose';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routeFunctions } from '#infra/functions';
import type { Route } from '#infra/routes';
import { routeKeyOf } from '#shared/api/route';
import { securityHeaders, usesCamera } from '#infra/security-headers';
import { SHEET_MAX_BYTES } from '#shared/api/agency';
import { putLocalBlob } from '#shared/api/local-uploads';
import type { WebConfig } from '#shared/api/web-config';
import { pickLanguage } from '#shared/i18n/languages';
import { dispatcher, type Dispatcher, type RouteModule } from '#functions/commons/http/dispatcher';
import { rateLimited } from '#functions/commons/http/rate-limit';
import { errorResponse } from '#functions/commons/http/error-response';
import { JSON_BODY_MAX_BYTES, payloadTooLarge } from '#functions/commons/http/json-body';
import { notFound, unauthorized } from '#functions/commons/errors';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '#functions/identity/local-tokens';
import { callerForApiKey } from '#functions/agency/api-key-auth';
import { apiGatewayEvent, flattenClaims, lambdaContext } from './api-gateway-event.ts';

export const repoRoot = join(import.meta.dirname, '..', '..');

interface ServedRoute {
  route: Route;
  pattern: RegExp;
  paramNames: string[];
  /** The function serving the route, by its id, and its dispatcher. */
  functionId: string;
  dispatch: Dispatcher;
}

/** API Gateway path syntax → a matcher; `{name+}` is greedy. */
function compile(path: string): { pattern: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const source = path.replace(/[.*?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => {
    paramNames.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), paramNames };
}

/** A path parameter's text, decoded; one that is not percent-encoded UTF-8 (`%E0%A4%A`, `%ED%A0%80`) names nothing. */
function decodeParameter(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw notFound();
  }
}

/** Like API Gateway, a literal path segment beats a parameter. */
const specificity = (path: string) => path.split('/').filter((s) => !s.startsWith('{')).length;

/**
 * The local blob store's PUT carries a file's bytes (its signed URL names their exact size): up to
 * the largest sheet an organisation may upload, with room to spare. Every other route takes JSON.
 */
const BLOB_BODY_MAX_BYTES = SHEET_MAX_BYTES + 1024 * 1024;
const bodyLimitOf = (route: Route) => (route.contract === putLocalBlob ? BLOB_BODY_MAX_BYTES : JSON_BODY_MAX_BYTES);
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * A request's body, refused as soon as it is known to pass `limit`: from its declared length before
 * a byte is read, else when the bytes that arrived pass it. The refusal closes the connection once
 * answered, and what arrives meanwhile is dropped, never kept.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => payloadTooLarge({ connection: 'close' });
  if (Number(request.headers['content-length']) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // The stream keeps flowing with no listener: the rest is read off the wire and discarded.
      request.off('data', collect).off('end', done);
      chunks.length = 0;
      reject(tooLarge());
    };
    const done = () => resolve(Buffer.concat(chunks));
    request.on('data', collect).once('end', done).once('error', reject);
  });
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

export interface LocalServerOptions {
  routes: readonly Route[];
  verificationKey: JWK;
  /** The built web app; the API alone is served when it is missing. */
  webDir?: string;
  /** Served as /config.json for the web app. */
  webConfig: WebConfig;
}

export async function createLocalServer(options: LocalServerOptions): Promise<Server> {
  const served: ServedRoute[] = [];
  for (const planned of routeFunctions(options.routes)) {
    // Plain absolute paths, so a test runner keys a module as it keys the same file imported by alias.
    const moduleOf = (route: Route): RouteModule => {
      const load = () => import(join(repoRoot, route.handler));
      // As the function's generated entry does (infra/stack/bundling.ts).
      return route.rateLimited ? rateLimited(route.rateLimited, load) : load;
    };
    const dispatch = dispatcher(Object.fromEntries(planned.routes.map((route) => [routeKeyOf(route.contract), moduleOf(route)])));
    // Every module now, so a route that cannot load stops the start instead of its first request.
    await dispatch.loadAll();
    for (const route of planned.routes) served.push({ route, functionId: planned.id, dispatch, ...compile(route.contract.path) });
  }
  served.sort((a, b) => specificity(b.route.contract.path) - specificity(a.route.contract.path));

  const publicKey = await importJWK(options.verificationKey, 'ES256');
  // A token's signature is checked once; its expiry on every request.
  const verified = new Map<string, { claims: Record<string, string>; expiresAt: number }>();
  const verify = async (authorization: string | undefined) => {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw unauthorized();
    const known = verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: ['ES256'],
      });
      if (verified.size >= MAX_VERIFIED_TOKENS) verified.clear();
      const claims = flattenClaims(payload);
      verified.set(token, { claims, expiresAt: (payload.exp ?? 0) * 1000 });
      return claims;
    } catch {
      throw unauthorized();
    }
  };

  const web =
    options.webDir && existsSync(join(options.webDir, 'index.html'))
      ? sirv(options.webDir, {
          single: true,
          etag: true,
          gzip: false,
          setHeaders: (res, pathname) => {
            res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
          },
        })
      : undefined;
  const webConfig = JSON.stringify(options.webConfig);
  // As CloudFront's response-headers policies do: the same set on every answer, the camera for the permit check only.
  const pageHeaders = { plain: securityHeaders({ camera: false }), camera: securityHeaders({ camera: true }) };

  async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const language = pickLanguage(request.headers['accept-language']);
    try {
      const method = request.method ?? 'GET';
      let match: { served: ServedRoute; values: RegExpExecArray } | undefined;
      for (const candidate of served) {
        if (candidate.route.contract.method !== method) continue;
        const values = candidate.pattern.exec(url.pathname);
        if (values) {
          match = { served: candidate, values };
          break;
        }
      }
      if (!match) throw notFound();
      const { route, paramNames, functionId, dispatch } = match.served;
      const pathParameters = Object.fromEntries(paramNames.map((name, i) => [name, decodeParameter(match.values[i + 1]!)]));
      const apiKey = request.headers['x-api-key'];
      // As the Lambda authorizer of these routes: a bearer token first, else the organisation's key.
      const byApiKey = route.apiKey === true && route.contract.access !== 'public' && !request.headers.authorization && typeof apiKey === 'string';
      const keyClaims = byApiKey ? await callerForApiKey(apiKey) : undefined;
      if (byApiKey && !keyClaims) throw unauthorized();
      const claims = route.contract.access === 'public' || byApiKey ? undefined : await verify(request.headers.authorization);
      const body = await readBody(request, bodyLimitOf(route));
      const routeKey = routeKeyOf(route.contract);
      const event = apiGatewayEvent({
        request,
        url,
        routeKey,
        pathParameters,
        body,
        ...(claims ? { claims } : {}),
        ...(keyClaims ? { lambdaContext: keyClaims } : {}),
      });
      send(response, await dispatch(event, lambdaContext(functionId)));
    } catch (error) {
      send(response, errorResponse(error, language));
    }
  }

  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const [name, value] of Object.entries(usesCamera(url.pathname) ? pageHeaders.camera : pageHeaders.plain)) response.setHeader(name, value);
    if (url.pathname.startsWith('/api/')) {
      void serveApi(request, response, url);
      return;
    }
    if (url.pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      response.end(webConfig);
      return;
    }
    if (web) {
      web(request, response, () => {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('Not found');
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The web app is not built: run `npm run build:web`.');
  });
}
