import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import * as admin from './notifications.service.js';
import * as preferences from './preferences.service.js';
import * as templates from './templates.service.js';
import { TOPIC_PLACEHOLDERS } from './templates.values.js';
import { unsubscribePage } from './unsubscribe.page.js';
import { verifyUnsubscribeToken } from './unsubscribe.js';
import type { Category } from './topics.js';
import * as s from './notifications.schemas.js';

export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['notifications'];

  app.get('/api/v1/me/notification-preferences', {
    schema: { tags, summary: 'Which messages the signed-in citizen receives, by topic and channel, and on which phones', response: { 200: s.myPreferencesResponse, ...errorResponses } },
  }, async (request) => preferences.getMyPreferences(request.ctx, request.actor));

  app.put('/api/v1/me/notification-preferences', {
    schema: { tags, summary: 'Turn topics, channels or phones on or off (only what is given changes)', body: s.updatePreferencesBody, response: { 200: s.myPreferencesResponse, ...errorResponses } },
  }, async (request) => preferences.updateMyPreferences(request.ctx, request.actor, request.body));

  app.get('/api/v1/admin/notifications', {
    schema: { tags, summary: 'Notifications, newest change first (admin)', querystring: s.notificationListQuery, response: { 200: s.notificationListResponse, ...errorResponses } },
  }, async (request) => presentList(await admin.listNotifications(request.ctx, request.actor, filterOf(request.query)), request.query.limit));

  app.get('/api/v1/admin/notifications/dead', {
    schema: { tags, summary: 'Dead letters: messages that stopped being retried, with the reason (admin)', querystring: s.deadLetterQuery, response: { 200: s.notificationListResponse, ...errorResponses } },
  }, async (request) => presentList(await admin.listDeadLetters(request.ctx, request.actor, filterOf(request.query)), request.query.limit));

  app.post('/api/v1/admin/notifications/dead/:id/resend', {
    schema: { tags, summary: 'Send a dead letter again (admin)', params: s.idParams, response: { 200: s.notificationSchema, ...errorResponses } },
  }, async (request) => presentNotification(await admin.resendDeadLetter(request.ctx, request.actor, request.params.id)));

  app.get('/api/v1/admin/notifications/templates', {
    schema: { tags, summary: 'Message templates per topic, channel and language (admin)', response: { 200: s.templatesResponse, ...errorResponses } },
  }, async (request) => ({
    templates: (await templates.listTemplates(request.ctx, request.actor)).map(presentTemplate),
    placeholders: Object.fromEntries(Object.entries(TOPIC_PLACEHOLDERS).map(([topic, names]) => [topic, [...names]])),
    smsMaxSegments: request.ctx.config.SMS_MAX_SEGMENTS,
  }));

  app.get('/api/v1/admin/notifications/:id', {
    schema: { tags, summary: 'One notification (admin)', params: s.idParams, response: { 200: s.notificationSchema, ...errorResponses } },
  }, async (request) => presentNotification(await admin.getNotification(request.ctx, request.actor, request.params.id)));

  app.put('/api/v1/admin/notifications/templates/:topic/:channel/:language', {
    schema: {
      tags, summary: 'Save a template; an SMS text too long for SMS_MAX_SEGMENTS with the longest expected values is refused (template_too_long)',
      params: s.templateParams, body: s.saveTemplateBody, response: { 200: s.templateSchema, 422: errorResponses[400], ...errorResponses },
    },
  }, async (request) => presentTemplate(await templates.saveTemplate(request.ctx, request.actor, { ...request.params, ...request.body })));

  // The link in every email. GET only asks (link scanners and previews follow links and must not opt anyone out);
  // the page's button POSTs, with no sign-in. POST is also RFC 8058 one-click (List-Unsubscribe-Post).
  app.get('/u/:token', { schema: { hide: true, params: s.unsubscribeParams } }, async (request, reply) => {
    const link = verifyUnsubscribeToken(request.ctx.config.secret, request.params.token);
    const page = link ? { status: 200, html: unsubscribePage({ kind: 'confirm', category: link.category, token: request.params.token }) } : { status: 400, html: unsubscribePage({ kind: 'invalid' }) };
    return reply.status(page.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.html);
  });
  app.post('/u/:token', { schema: { hide: true, params: s.unsubscribeParams } }, async (request, reply) => {
    const page = await linkPage(() => preferences.unsubscribeByToken(request.ctx, request.params.token), 'unsubscribed', request.params.token);
    return reply.status(page.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.html);
  });
  app.post('/u/:token/resubscribe', { schema: { hide: true, params: s.unsubscribeParams } }, async (request, reply) => {
    const page = await linkPage(() => preferences.resubscribeByToken(request.ctx, request.params.token), 'resubscribed', request.params.token);
    return reply.status(page.status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page.html);
  });
};

async function linkPage(action: () => Promise<{ category: Category }>, kind: 'unsubscribed' | 'resubscribed', token: string): Promise<{ status: number; html: string }> {
  try {
    const { category } = await action();
    return { status: 200, html: unsubscribePage({ kind, category, token }) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'unsubscribe_link_invalid') return { status: 400, html: unsubscribePage({ kind: 'invalid' }) };
    throw error;
  }
}

function filterOf(query: z.output<typeof s.notificationListQuery>): admin.NotificationFilter {
  return {
    status: query.status, personId: query.personId, limit: query.limit,
    outboxId: query.outboxId ? BigInt(query.outboxId) : undefined,
    before: query.before ? new Date(query.before) : undefined,
  };
}

function presentList(rows: admin.Notification[], limit = 50): z.infer<typeof s.notificationListResponse> {
  const last = rows.at(-1);
  return { notifications: rows.map(presentNotification), nextBefore: rows.length >= limit && last ? last.updatedAt.toISOString() : null };
}

export function presentNotification(row: admin.Notification): z.infer<typeof s.notificationSchema> {
  const waiting = row.status === 'pending' || row.status === 'failed';
  return {
    id: row.id, outboxId: row.outboxId.toString(), topic: row.topic, category: row.category, channel: row.channel === 'email' ? 'email' : 'sms',
    address: row.address, personId: row.personId, language: row.language === 'en' ? 'en' : 'ar', subject: row.subject, body: row.body,
    status: row.status, attempts: row.attempts, nextAttemptAt: waiting ? row.availableAt.toISOString() : null,
    providerMessageIds: row.providerMessageIds ?? [], segments: row.segments, lastErrorCode: row.lastErrorCode, lastError: row.lastError,
    createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null, settledAt: row.settledAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentTemplate(t: templates.Template): z.infer<typeof s.templateSchema> {
  return { topic: t.topic, channel: t.channel, language: t.language, subject: t.subject, body: t.body, updatedAt: t.updatedAt?.toISOString() ?? null, updatedBy: t.updatedBy };
}

