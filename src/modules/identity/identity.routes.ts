import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.js';
import type { Ctx } from '../../platform/context.js';
import { SESSION_COOKIE } from '../../http/auth.js';
import { CSRF_COOKIE, setCsrfCookie } from '../../http/csrf.js';
import { errorResponses } from '../../http/schemas.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { auditTrail } from '../../platform/audit.js';
import * as identity from './identity.service.js';
import { findPersonById, findStaffById } from './identity.store.js';
import * as s from './identity.schemas.js';
import { requestSignInCode, signInWithCode } from './sign-in-code.js';
import { confirmEnrolment, startEnrolment } from './second-factor.js';

export const identityRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['identity'];

  // The session (httpOnly) and its CSRF token (readable by the portal, sent back in X-CSRF-Token).
  const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: Date) => {
    void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', expires: expiresAt, secure: 'auto' });
    setCsrfCookie(reply, deps.config.secret, token, expiresAt);
  };

  app.post('/api/v1/auth/login', {
    schema: { tags, summary: 'Citizen sign-in by civil ID and password', body: s.citizenLoginBody, response: { 200: s.meResponse, ...errorResponses } },
  }, async (request, reply) => {
    const session = await identity.loginCitizen(request.ctx, request.body);
    setSessionCookie(reply, session.token, session.expiresAt);
    return present(request.ctx, session.actor);
  });

  app.post('/api/v1/auth/staff/login', {
    schema: { tags, summary: 'Staff sign-in', body: s.staffLoginBody, response: { 200: s.meResponse, ...errorResponses } },
  }, async (request, reply) => {
    const session = await identity.loginStaff(request.ctx, request.body);
    setSessionCookie(reply, session.token, session.expiresAt);
    return present(request.ctx, session.actor);
  });

  // A staff member sets up their authenticator app: the secret once, then a code from it to confirm.
  app.post('/api/v1/me/second-factor', {
    schema: { tags, summary: 'Start enrolling an authenticator app (staff); the secret is shown once. Replacing one needs its current code', body: s.secondFactorStartBody, response: { 201: s.secondFactorEnrolment, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await startEnrolment(request.ctx, request.actor, request.body?.currentCode)));

  app.post('/api/v1/me/second-factor/confirm', {
    schema: { tags, summary: 'Confirm the authenticator app with a code from it (staff)', body: s.secondFactorConfirmBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await confirmEnrolment(request.ctx, request.actor, request.body.code);
    return reply.status(204).send(null);
  });

  // The way in while the password is locked: a code by SMS to a registered phone (./sign-in-code.ts).
  app.post('/api/v1/auth/sign-in-code', {
    schema: { tags, summary: 'Send a sign-in code by SMS to the phone registered to this civil ID (answers the same either way)', body: s.signInCodeRequestBody, response: { 202: s.signInCodeRequested, ...errorResponses } },
  }, async (request, reply) => {
    await requestSignInCode(request.ctx, request.body);
    return reply.status(202).send({ status: 'sent_if_registered' as const });
  });

  app.post('/api/v1/auth/sign-in-code/verify', {
    schema: { tags, summary: 'Citizen sign-in with the code from the SMS', body: s.signInCodeBody, response: { 200: s.meResponse, ...errorResponses } },
  }, async (request, reply) => {
    const session = await signInWithCode(request.ctx, request.body);
    setSessionCookie(reply, session.token, session.expiresAt);
    return present(request.ctx, session.actor);
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
  }, async (request, reply) => {
    await identity.logout(request.ctx, request.actor, request.cookies[SESSION_COOKIE]);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    void reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    schema: { tags, summary: 'Who is signed in', response: { 200: s.meResponse, ...errorResponses } },
  }, async (request) => {
    requireRole(request.actor, 'citizen', 'cashier', 'officer', 'service', 'admin', 'bank', 'station', 'camera');
    return present(request.ctx, request.actor);
  });

  app.get('/api/v1/me/profile', {
    schema: { tags, summary: "The signed-in citizen's profile", response: { 200: s.profileResponse, ...errorResponses } },
  }, async (request) => {
    requireRole(request.actor, 'citizen');
    return identity.getPersonProfile(request.ctx, request.actor, request.actor.kind === 'person' ? request.actor.civilId : '');
  });

  app.put('/api/v1/me/language', {
    schema: { tags, summary: 'Set the preferred language for messages', body: s.languageBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await identity.setPreferredLanguage(request.ctx, request.actor, request.body.language);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/people', {
    schema: { tags, summary: 'Register a person (admin, cashier)', body: s.registerPersonBody, response: { 201: s.idResponse, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await identity.registerPerson(request.ctx, request.actor, request.body)));

  app.post('/api/v1/staff', {
    schema: { tags, summary: 'Create a staff user (admin)', body: s.createStaffBody, response: { 201: s.idResponse, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await identity.createStaffUser(request.ctx, request.actor, request.body)));

  app.post('/api/v1/api-clients', {
    schema: { tags, summary: 'Create a bank, station or camera client (admin); the secret is shown once', body: s.createApiClientBody, response: { 201: s.apiClientResponse, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await identity.createApiClient(request.ctx, request.actor, request.body)));

  app.get('/api/v1/audit', {
    schema: { tags, summary: 'Audit trail of one record (admin)', querystring: s.auditQuery, response: { 200: s.auditResponse, ...errorResponses } },
  }, async (request) => {
    requireRole(request.actor, 'admin');
    const rows = await auditTrail(request.ctx, request.query.entityType, request.query.entityId);
    return {
      entries: rows.map((r) => ({
        at: r.at.toISOString(), actorKind: r.actorKind, actorId: r.actorId, actorRole: r.actorRole, action: r.action,
        outcome: r.outcome, detail: r.detail as Record<string, unknown>, requestId: r.requestId,
      })),
    };
  });
};

async function present(ctx: Ctx, actor: Actor): Promise<z.infer<typeof s.meResponse>> {
  if (actor.kind === 'person') {
    const person = await findPersonById(ctx.db, actor.id);
    return { kind: 'person', role: 'citizen', name: { ar: person?.nameAr ?? '', en: person?.nameEn ?? '' }, civilId: actor.civilId, preferredLanguage: person?.preferredLanguage === 'en' ? 'en' : 'ar' };
  }
  if (actor.kind === 'staff') {
    const staff = await findStaffById(ctx.db, actor.id);
    return { kind: 'staff', role: actor.role, name: { ar: staff?.nameAr ?? '', en: staff?.nameEn ?? '' }, unit: staff?.unit ?? null };
  }
  if (actor.kind === 'client') return { kind: 'client', role: actor.role, name: { ar: actor.name, en: actor.name } };
  return { kind: 'staff', role: 'admin', name: { ar: 'النظام', en: 'System' } };
}
