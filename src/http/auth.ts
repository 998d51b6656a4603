// Authentication only: who is calling. Machine clients sign requests (X-Tasdeed-Key/-Timestamp/-Signature);
// people carry a session cookie. What the caller may do is decided in the services.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/actor.js';
import { actorFromSession } from '../modules/identity/index.js';
import { actorFromSignedRequest } from '../modules/identity/index.js';
import type { Ctx } from '../platform/context.js';
import { CSRF_COOKIE, csrfTokenFor, isStateChanging, refuseForeignOrigin, refuseWithoutToken, setCsrfCookie } from './csrf.js';

export const SESSION_COOKIE = 'tasdeed_session';
const SIGN_IN_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/staff/login', '/api/v1/auth/sign-in-code', '/api/v1/auth/sign-in-code/verify']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    ctx: Ctx;
    rawBody?: string;
  }
}

export function installAuthentication(app: FastifyInstance, baseCtx: Omit<Ctx, 'requestId' | 'ip'>): void {
  // Null placeholders: Fastify wants decorated properties declared up front; onRequest fills them in.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('ctx', null as never);

  // JSON bodies are kept as text too: an HMAC signature covers the exact bytes that were sent.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = new SyntaxError('malformed JSON') as SyntaxError & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });

  const { config } = baseCtx;
  app.addHook('onRequest', async (request) => {
    request.ctx = { ...baseCtx, requestId: request.id, ip: request.ip };
    request.actor = { kind: 'anonymous', ip: request.ip };
    // Before the body is even read: a forged request is refused without parsing what it sent (./csrf.ts).
    // Only the API takes the session cookie; /u/ links carry their own signed token, KNET posts server to server.
    if (!isStateChanging(request) || !request.url.startsWith('/api/') || header(request, 'x-tasdeed-key')) return;
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    if (sessionToken) {
      refuseForeignOrigin(request, config.publicUrl);
      refuseWithoutToken(request, config.secret, sessionToken);
    } else if (SIGN_IN_PATHS.has(request.url.split('?')[0]!)) {
      refuseForeignOrigin(request, config.publicUrl);
    }
  });

  // A session cookie without its token (one made before tokens existed, or a lost cookie) gets the token back, so
  // the portal can keep working; the value is only readable by this origin's pages.
  app.addHook('onSend', async (request, reply) => {
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    if (!sessionToken || reply.hasHeader('set-cookie')) return;
    if (request.cookies[CSRF_COOKIE] !== csrfTokenFor(config.secret, sessionToken)) setCsrfCookie(reply, config.secret, sessionToken);
  });

  // After the body is parsed, so a signature can be checked against it.
  app.addHook('preHandler', async (request) => {
    request.actor = await resolveActor(request);
  });
}

async function resolveActor(request: FastifyRequest): Promise<Actor> {
  const keyId = header(request, 'x-tasdeed-key');
  if (keyId) {
    return actorFromSignedRequest(request.ctx, {
      keyId,
      timestamp: header(request, 'x-tasdeed-timestamp'),
      signature: header(request, 'x-tasdeed-signature'),
      method: request.method,
      pathWithQuery: request.url,
      rawBody: request.rawBody ?? '',
    });
  }
  const token = request.cookies?.[SESSION_COOKIE];
  return token ? actorFromSession(request.ctx, token) : { kind: 'anonymous', ip: request.ip };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
