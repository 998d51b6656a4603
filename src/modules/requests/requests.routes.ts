// HTTP for service requests: the types (anyone), submitting and following one's own requests (citizens), the
// work queue and the steps (service staff). Validate → call the service → present.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import { formatAmount, parseAmount } from '../../shared/money.js';
import { submitRequest } from './submit.service.js';
import { commentOnRequest, getRequest, moveRequest, myRequests, workQueue } from './workflow.service.js';
import * as store from './requests.store.js';
import * as s from './requests.schemas.js';
import { disconnectionRoutes } from './disconnection/disconnection.routes.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentRequest(r: store.RequestRow) {
  return {
    id: r.id, number: r.number, typeCode: r.typeCode, civilId: r.civilId, office: r.office, status: r.status, fields: r.fields,
    feePayableId: r.feePayableId, scheduledFor: iso(r.scheduledFor), statusSince: r.statusSince.toISOString(), escalated: r.escalatedAt !== null,
    decisionNote: r.decisionNote, createdAt: r.createdAt.toISOString(),
  };
}

export const requestsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['requests'];
  await app.register(disconnectionRoutes);

  app.get('/api/v1/request-types', {
    schema: { tags, summary: 'The service request types, their forms, attachments and fees', response: { 200: s.requestTypeResponse.array(), ...errorResponses } },
  }, async (request) => (await store.listTypes(request.ctx.db)).map((t) => ({
    code: t.code, nameAr: t.nameAr, nameEn: t.nameEn, fee: formatAmount(t.fee, 'KWD'), currency: 'KWD', feeBeforeWork: t.feeBeforeWork, fields: t.fields, attachments: t.attachments,
  })));

  app.post('/api/v1/requests', {
    schema: { tags, summary: 'Submit a service request (the citizen, or service staff for them)', body: s.submitBody, response: { 201: s.requestSummary, ...errorResponses } },
  }, async (request, reply) => {
    const actor = request.actor;
    const civilId = request.body.civilId ?? (actor.kind === 'person' ? actor.civilId : undefined);
    if (!civilId) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'validation_failed', { field: 'civilId' });
    const created = await submitRequest(request.ctx, actor, { ...request.body, civilId });
    return reply.status(201).send(presentRequest(created));
  });

  app.get('/api/v1/requests/mine', {
    schema: { tags, summary: 'My requests (citizen), or a citizen\'s (service staff)', querystring: s.mineQuery, response: { 200: s.requestSummary.array(), ...errorResponses } },
  }, async (request) => {
    const actor = request.actor;
    const civilId = request.query.civilId ?? (actor.kind === 'person' ? actor.civilId : '');
    return (await myRequests(request.ctx, actor, civilId)).map(presentRequest);
  });

  app.get('/api/v1/requests/queue', {
    schema: { tags, summary: 'Open requests by office and type, oldest step first (service staff)', querystring: s.queueQuery, response: { 200: s.requestSummary.array(), ...errorResponses } },
  }, async (request) => (await workQueue(request.ctx, request.actor, request.query)).map(presentRequest));

  app.get('/api/v1/requests/:id', {
    schema: { tags, summary: 'A request with its history (its citizen or service staff)', params: s.idParams, response: { 200: s.requestDetail, ...errorResponses } },
  }, async (request) => {
    const view = await getRequest(request.ctx, request.actor, request.params.id);
    return {
      ...presentRequest(view.request), feePaid: view.feePaid, attachments: view.attachments,
      history: view.history.map((e) => ({ kind: e.kind, fromStatus: e.fromStatus, toStatus: e.toStatus, body: e.body, actorKind: e.actorKind, at: e.at.toISOString() })),
    };
  });

  app.post('/api/v1/requests/:id/steps', {
    schema: { tags, summary: 'Move a request one step (service staff)', params: s.idParams, body: s.stepBody, response: { 200: s.requestSummary, ...errorResponses } },
  }, async (request) => presentRequest(await moveRequest(request.ctx, request.actor, request.params.id, {
    step: request.body.step, note: request.body.note, scheduledFor: request.body.scheduledFor ? new Date(request.body.scheduledFor) : undefined,
    adjustment: request.body.adjustment ? parseAmount(request.body.adjustment, 'KWD') : undefined,
  })));

  app.post('/api/v1/requests/:id/comments', {
    schema: { tags, summary: 'Comment on a request (its citizen or service staff)', params: s.idParams, body: s.commentBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await commentOnRequest(request.ctx, request.actor, request.params.id, request.body.body);
    return reply.status(204).send(null);
  });
};
