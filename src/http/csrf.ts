// Cross-site request forgery: a page on a sibling subdomain or another port of the same host counts as "same
// site", so SameSite=Lax alone lets it post with the signed-in person's cookie. Every state-changing request that
// carries the session cookie must therefore (1) come from this origin (Origin / Sec-Fetch-Site, when the browser
// sends them), (2) carry a JSON body (or the readings CSV, or a statement's XML), never a form or text/plain body a plain <form> can send,
// and (3) carry the CSRF token in X-CSRF-Token. The token is an HMAC of the session token: the portal reads it from
// the readable `tasdeed_csrf` cookie (double submit) and a forger can neither read that cookie cross-origin nor
// compute the HMAC, and a cookie planted by a sibling subdomain does not match the session.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors/app-error.js';

export const CSRF_COOKIE = 'tasdeed_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Bodies a cross-site page cannot send without a CORS preflight, which this server never grants (a <form> can send
// only urlencoded, multipart and text/plain). XML is a bank statement uploaded by an admin.
const ACCEPTED_BODY_TYPES = ['application/json', 'text/csv', 'application/xml', 'text/xml'];

export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`tasdeed:csrf:${sessionToken}`).digest('base64url');
}

/** Sets the readable token cookie next to the httpOnly session cookie (same lifetime). */
export function setCsrfCookie(reply: FastifyReply, secret: string, sessionToken: string, expiresAt?: Date): void {
  void reply.setCookie(CSRF_COOKIE, csrfTokenFor(secret, sessionToken), { httpOnly: false, sameSite: 'lax', path: '/', expires: expiresAt, secure: 'auto' });
}

export function isStateChanging(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method);
}

/**
 * The origin checks, for every state-changing request that carries the session cookie and for the sign-in forms
 * (a forged sign-in would put the victim in the attacker's account). Requests without Origin and Sec-Fetch-Site
 * (servers, scripts, old clients) pass this step; the token still stops them.
 */
export function refuseForeignOrigin(request: FastifyRequest, publicUrl: string): void {
  const site = header(request, 'sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError('csrf_refused', { reason: 'cross_site' });
  const origin = header(request, 'origin');
  if (origin === undefined) return;
  const own = new Set([originOf(publicUrl), `${request.protocol}://${request.host}`]);
  if (!own.has(origin)) throw new AppError('csrf_refused', { reason: 'origin' });
}

/** A cookie-authenticated state change: a JSON (or CSV) body and the session's token in the header. */
export function refuseWithoutToken(request: FastifyRequest, secret: string, sessionToken: string): void {
  const type = (header(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const hasBody = type !== '' || Number(header(request, 'content-length') ?? 0) > 0;
  if (hasBody && !ACCEPTED_BODY_TYPES.includes(type)) throw new AppError('unsupported_media_type', { accepted: ACCEPTED_BODY_TYPES });
  const given = Buffer.from(header(request, CSRF_HEADER) ?? '');
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('csrf_refused', { reason: 'token' });
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
