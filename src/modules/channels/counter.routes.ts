// The counters' API (staff sessions): offices and counters (admin), the cashier's drawer, look-up and payments,
// and the supervisor's void and day close. Rules live in the services; these validate, call and present.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { formatAmount } from '../../shared/money.js';
import { duesQuerySchema, duesResponseSchema } from '../payments/index.js';
import { addCounter, createOffice, listOffices } from './counter.offices.service.js';
import { closeDrawer, currentDrawer, openDrawer } from './counter.drawers.service.js';
import { counterDues, takeCounterPayment } from './counter.payments.service.js';
import { allocateReceiptBlock, setOfflineLimits } from './counter.offline.service.js';
import { closeDay, dayReport, officeDayPayments, voidCounterPayment } from './counter.supervisor.service.js';
import { presentCounter, presentCounterPayment, presentDrawer, presentOffice, presentReceiptBlock } from './counter.presenters.js';
import * as s from './counter.schemas.js';

export const counterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['counters'];

  app.post('/api/v1/counter/offices', {
    schema: { tags, summary: 'Add an office where cashiers collect for every biller (admin)', body: s.officeBody, response: { 201: s.officeView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentOffice({ ...(await createOffice(request.ctx, request.actor, request.body)), counters: [] }, request.ctx.config.TASDEED_CURRENCY)));

  app.get('/api/v1/counter/offices', {
    schema: { tags, summary: 'Offices with their counters (admin: all; cashier, supervisor: their own)', response: { 200: s.officesResponse, ...errorResponses } },
  }, async (request) => ({ offices: (await listOffices(request.ctx, request.actor)).map((o) => presentOffice(o, request.ctx.config.TASDEED_CURRENCY)) }));

  app.put('/api/v1/counter/offices/:officeCode/offline-limits', {
    schema: { tags, summary: "Set the office's limits for payments taken while a counter is offline: per payment and per drawer in all; null for none (admin)", params: s.officeParams, body: s.offlineLimitsBody, response: { 200: s.officeView, ...errorResponses } },
  }, async (request) => {
    const office = await setOfflineLimits(request.ctx, request.actor, request.params.officeCode, request.body);
    const [withCounters] = (await listOffices(request.ctx, request.actor)).filter((o) => o.id === office.id);
    return presentOffice(withCounters!, request.ctx.config.TASDEED_CURRENCY);
  });

  app.post('/api/v1/counter/offices/:officeCode/counters', {
    schema: { tags, summary: 'Add a counter to an office (admin)', params: s.officeParams, body: s.counterBody, response: { 201: s.counterView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentCounter(await addCounter(request.ctx, request.actor, request.params.officeCode, request.body))));

  app.get('/api/v1/counter/dues', {
    schema: { tags, summary: 'Open dues by civil ID, account, meter or plate, of every biller (cashier)', querystring: duesQuerySchema, response: { 200: duesResponseSchema, ...errorResponses } },
  }, async (request) => counterDues(request.ctx, request.actor, request.query));

  app.post('/api/v1/counter/drawers', {
    schema: { tags, summary: 'Open a cash drawer at a counter of your office with a float (cashier)', body: s.openDrawerBody, response: { 201: s.drawerView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentDrawer(await openDrawer(request.ctx, request.actor, request.body))));

  app.get('/api/v1/counter/drawers/current', {
    schema: { tags, summary: 'Your open cash drawer and the cash it should hold now (cashier)', response: { 200: s.currentDrawerResponse, ...errorResponses } },
  }, async (request) => {
    const current = await currentDrawer(request.ctx, request.actor);
    return { drawer: current ? presentDrawer(current.drawer, current.expectedCash) : null };
  });

  app.post('/api/v1/counter/drawers/:drawerId/close', {
    schema: { tags, summary: 'Close a cash drawer with the cash counted; the difference is posted (its cashier, or a supervisor)', params: s.drawerParams, body: s.closeDrawerBody, response: { 200: s.drawerView, ...errorResponses } },
  }, async (request) => presentDrawer(await closeDrawer(request.ctx, request.actor, request.params.drawerId, request.body)));

  app.post('/api/v1/counter/receipt-blocks', {
    schema: { tags, summary: "A block of the counter's receipt numbers for the payments your page takes while offline; needs an open drawer (cashier)", response: { 201: s.receiptBlockView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(presentReceiptBlock(await allocateReceiptBlock(request.ctx, request.actor))));

  app.post('/api/v1/counter/payments', {
    schema: { tags, summary: 'Take a payment at the counter: payables of any biller, tenders that add up; once per id (a repeat answers the first result)', body: s.counterPaymentBody, response: { 200: s.counterPaymentView, 201: s.counterPaymentView, ...errorResponses } },
  }, async (request, reply) => {
    const result = await takeCounterPayment(request.ctx, request.actor, request.body);
    return reply.status(result.replayed ? 200 : 201).send(presentCounterPayment(result));
  });

  app.post('/api/v1/counter/payments/:id/void', {
    schema: { tags, summary: "Void a payment taken today, with a reason: the ledger reversal is posted (the office's supervisor)", params: s.counterPaymentParams, body: s.voidBody, response: { 200: s.voidResponse, ...errorResponses } },
  }, async (request) => {
    const { payment, reversal } = await voidCounterPayment(request.ctx, request.actor, { id: request.params.id, reason: request.body.reason });
    return { id: payment.id, paymentId: payment.paymentId, status: payment.status, reversalId: reversal.refundId, amount: formatAmount(reversal.amount, reversal.currency), currency: reversal.currency };
  });

  app.post('/api/v1/counter/offices/:officeCode/day-close', {
    schema: { tags, summary: "Close the office's business day once every drawer is closed; answers the day's totals (supervisor)", params: s.officeParams, body: s.dayCloseBody, response: { 200: s.dayReportResponse, ...errorResponses } },
  }, async (request) => closeDay(request.ctx, request.actor, request.params.officeCode, request.body.date));

  app.get('/api/v1/counter/offices/:officeCode/payments', {
    schema: { tags, summary: "The office's counter payments of a day, voided ones included, for a void (supervisor)", params: s.officeParams, querystring: s.dayQuery, response: { 200: s.officePaymentsResponse, ...errorResponses } },
  }, async (request) => ({
    officeCode: request.params.officeCode, businessDate: request.query.date,
    payments: (await officeDayPayments(request.ctx, request.actor, request.params.officeCode, request.query.date)).map(presentCounterPayment),
  }));

  app.get('/api/v1/counter/offices/:officeCode/day-report', {
    schema: { tags, summary: "The office's day: totals by tender and biller, drawers, voids (supervisor)", params: s.officeParams, querystring: s.dayQuery, response: { 200: s.dayReportResponse, ...errorResponses } },
  }, async (request) => dayReport(request.ctx, request.actor, request.params.officeCode, request.query.date));
};
