// HTTP for disconnection: the rules (admins edit, service staff read), a pass of the list on demand (admins), and
// field staff's work orders (list, complete). Validate → call the service → present.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../http/schemas.js';
import { formatAmount } from '../../../shared/money.js';
import type { Clock } from '../../../platform/clock.js';
import { listDisconnectionRules, saveDisconnectionRule } from './rules.service.js';
import { runDisconnectionCycle } from './list.service.js';
import { completeOrder, listOrders } from './orders.service.js';
import type { OrderRow, RuleRow } from './disconnection.store.js';
import * as s from './disconnection.schemas.js';

function presentRule(r: RuleRow) {
  return {
    category: r.category, currency: r.currency, minDebt: formatAmount(r.minDebt, r.currency), minAgeDays: r.minAgeDays, graceDays: r.graceDays,
    disconnectionSlaHours: r.disconnectionSlaHours, reconnectionFee: formatAmount(r.reconnectionFee, r.currency), reconnectionSlaHours: r.reconnectionSlaHours,
    active: r.active, updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy,
  };
}

function presentOrder(o: OrderRow, clock: Clock) {
  return {
    id: o.id, caseId: o.caseId, kind: o.kind, accountNumber: o.accountNumber, areaAr: o.areaAr, areaEn: o.areaEn, status: o.status,
    dueBy: o.dueBy.toISOString(), late: (o.doneAt ?? clock.now()) > o.dueBy, feePayableId: o.feePayableId, note: o.note,
    createdAt: o.createdAt.toISOString(), doneAt: o.doneAt?.toISOString() ?? null, doneBy: o.doneBy,
  };
}

export const disconnectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['disconnection'];

  app.get('/api/v1/admin/disconnection-rules', {
    schema: { tags, summary: 'The disconnection rules per category and currency (admin, service staff)', response: { 200: s.ruleResponse.array(), ...errorResponses } },
  }, async (request) => (await listDisconnectionRules(request.ctx, request.actor)).map(presentRule));

  app.put('/api/v1/admin/disconnection-rules/:category/:currency', {
    schema: { tags, summary: 'Create or change the rule of a category (admin; never government)', params: s.ruleParams, body: s.ruleBody, response: { 200: s.ruleResponse, ...errorResponses } },
  }, async (request) => {
    const { category, currency } = request.params;
    return presentRule(await saveDisconnectionRule(request.ctx, request.actor, { ...request.body, category, currency }));
  });

  app.post('/api/v1/admin/disconnections/run', {
    schema: { tags, summary: 'Run a pass of the disconnection list now: warnings, orders, settlements (admin)', response: { 200: s.runResponse, ...errorResponses } },
  }, async (request) => runDisconnectionCycle(request.ctx, request.actor));

  app.get('/api/v1/disconnection-orders', {
    schema: { tags, summary: 'Disconnection and reconnection work orders, most urgent first (service staff)', querystring: s.ordersQuery, response: { 200: s.orderResponse.array(), ...errorResponses } },
  }, async (request) => (await listOrders(request.ctx, request.actor, request.query)).map((o) => presentOrder(o, request.ctx.clock)));

  app.post('/api/v1/disconnection-orders/:id/complete', {
    schema: { tags, summary: 'Mark a work order done: the account is cut or restored (service staff)', params: s.orderParams, body: s.completeBody, response: { 200: s.orderResponse, ...errorResponses } },
  }, async (request) => presentOrder(await completeOrder(request.ctx, request.actor, request.params.id, request.body.note), request.ctx.clock));
};
