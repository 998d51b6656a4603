// Small protections of the HTTP layer (issue #15, point 9): JSON answers are never cached, an over-long request
// line is answered in the app's error format, and the operator's pages are kept to the operator's addresses.
import { BlockList, isIP, type Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors/app-error.js';

/** API answers carry people's bills, names and receipts: no browser or proxy keeps a copy. */
export function installNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
}

/**
 * Node's HTTP parser refuses a 100 k-character URL (or headers past its limit) before Fastify sees the request;
 * this writes that refusal, and any other unparsable request, as `{code, message}` like every other error.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW' || error.code === 'HPE_URI_TOO_LONG';
  const appError = new AppError(tooLarge ? 'request_too_large' : 'validation_failed', tooLarge ? {} : { reason: 'malformed request' });
  const body = JSON.stringify(appError.toBody());
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`);
}

const OPERATOR_PATHS = /^\/(?:metrics|docs)(?:[/?]|$)/;

/** In production /metrics and /docs answer only the listed addresses (OPS_ALLOWED_ADDRESSES); others get 404. */
export function installOperatorPages(app: FastifyInstance, options: { production: boolean; allowed: string[] }): void {
  if (!options.production) return;
  const list = new BlockList();
  for (const entry of options.allowed) {
    const [address, bits] = entry.split('/');
    const family = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address!, family);
    else list.addSubnet(address!, Number(bits), family);
  }
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!OPERATOR_PATHS.test(request.url)) return;
    const ip = request.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    if (!list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4')) throw new AppError('not_found', { path: request.url.split('?')[0] });
  });
}
