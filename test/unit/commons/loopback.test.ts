/** Which caller addresses count as this machine for the local-only routes that hand out secrets. */
import { expect, it } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ApiError } from '#functions/commons/errors';
import { assertLoopbackCaller, isLoopback } from '#functions/commons/http/loopback';

it.each([
  ['127.0.0.1', true],
  ['127.0.0.2', true],
  ['127.255.255.254', true],
  ['::1', true],
  ['0:0:0:0:0:0:0:1', true],
  ['::ffff:127.0.0.1', true],
  ['::ffff:127.10.20.30', true],
  ['::ffff:7f00:1', true],
  ['128.0.0.1', false],
  ['126.255.255.255', false],
  ['10.0.0.1', false],
  ['192.168.1.20', false],
  ['0.0.0.0', false],
  ['::', false],
  ['::2', false],
  ['::ffff:192.168.1.20', false],
  ['::127.0.0.1', false],
  ['fe80::1', false],
  ['fe80::1%lo', false],
  ['fd00::2', false],
  ['localhost', false],
  ['127.0.0.1.example.com', false],
  ['', false],
])('%s is loopback: %s', (address, expected) => {
  expect(isLoopback(address)).toBe(expected);
});

const eventFrom = (sourceIp: string, headers: Record<string, string> = {}) =>
  ({ headers, requestContext: { http: { sourceIp } } }) as unknown as APIGatewayProxyEventV2;

it('refuses a caller from the network with 403 forbidden, whatever its headers claim', () => {
  const spoofed = eventFrom('203.0.113.7', { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' });
  expect(() => assertLoopbackCaller(spoofed)).toThrow(ApiError);
  expect(() => assertLoopbackCaller(spoofed)).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
});

it('lets a caller on this machine through', () => {
  expect(() => assertLoopbackCaller(eventFrom('::ffff:127.0.0.1'))).not.toThrow();
});
