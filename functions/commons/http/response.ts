import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A reply with a status or headers other than the route's default. */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly body: T,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const reply = <T>(status: number, body: T, headers: Record<string, string> = {}) => new Reply(status, body, headers);

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** A reply that is not JSON: bytes with their own content type (the local blob store's GET). */
export class BinaryReply {
  constructor(
    readonly status: number,
    readonly bytes: Uint8Array,
    readonly headers: Record<string, string>,
  ) {}
}

export function binary(reply: BinaryReply): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: reply.status,
    headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...reply.headers },
    body: Buffer.from(reply.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
