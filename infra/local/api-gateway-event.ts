/** Turns a Node HTTP request into the API Gateway HTTP API (payload 2.0) event a handler receives. */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';

/** API Gateway passes JWT claims as strings; arrays become `[a b]`. */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return claims;
}

export function apiGatewayEvent(input: {
  request: IncomingMessage;
  url: URL;
  routeKey: string;
  pathParameters: Record<string, string>;
  body: Buffer;
  /** A JWT authorizer's verified claims. */
  claims?: Record<string, string>;
  /** A Lambda authorizer's context (an organisation's API key), under `authorizer.lambda`. */
  lambdaContext?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const { request, url, routeKey, pathParameters, body, claims, lambdaContext } = input;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // Every name is the client's, as API Gateway passes it: `__proto__` or `toString` is a parameter
  // like any other (to be refused by a strict schema), never a member of Object's prototype.
  const query = new Map<string, string>();
  for (const [name, value] of url.searchParams) query.set(name, query.has(name) ? `${query.get(name)},${value}` : value);
  // Only bytes that are UTF-8 pass as text: a GBK CSV (text/csv) or an .xlsx (…openxmlformats…) must reach the handler unchanged.
  const isText = /json|text|xml|x-www-form-urlencoded/.test(headers['content-type'] ?? 'application/json') && isUtf8(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(query.size ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        // From the socket, as API Gateway takes it from the connection. A socket already closed has
        // no address: it stays unknown rather than passing for this machine.
        sourceIp: request.socket.remoteAddress ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : lambdaContext ? { authorizer: { lambda: lambdaContext } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
  };
}

export function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
