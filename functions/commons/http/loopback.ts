/**
 * Whether a caller is on this machine. Local-only routes that hand out secrets (the SMS outbox with
 * its one-time codes) answer nobody else, whatever address the local server was told to listen on.
 * The address is the one API Gateway (or the local server, from the socket) puts in the event's
 * `requestContext.http.sourceIp`: no header a client sends can change it.
 */
import { BlockList, isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { forbidden } from '../errors.ts';

// An IPv4 rule also matches the IPv4-mapped `::ffff:127.x.y.z` a dual-stack socket reports.
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * @example isLoopback('127.0.0.1') // true
 * @example isLoopback('::ffff:192.168.1.20') // false
 */
export function isLoopback(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Throws 403 unless the request came from this machine.
 * @example assertLoopbackCaller(event) // before reading the outbox
 */
export function assertLoopbackCaller(event: APIGatewayProxyEventV2): void {
  if (!isLoopback(event.requestContext.http.sourceIp)) throw forbidden();
}
