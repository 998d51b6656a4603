import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import type { Ctx } from '../../platform/context.js';
import { getBillRun, listBillRuns, requestBillRun } from './bill-run.service.js';
import { billHistory, billPdf, consumptionHistory, getBill, myBills } from './bills.service.js';
import { presentBillDetail, presentBills, presentRun } from './billing.present.js';
import * as s from './billing.schemas.js';

export const billingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['billing'];
  // A run outlives the request that started it: it gets the application's context, not the request's.
  const runCtx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
  const concurrency = deps.database.kind === 'postgres' ? 2 : 1;

  app.get('/api/v1/me/bills', {
    schema: { tags, summary: "The signed-in citizen's bills across their accounts, newest first", response: { 200: s.billsResponse, ...errorResponses } },
  }, async (request) => ({ bills: await presentBills(request.ctx, (await myBills(request.ctx, request.actor)).bills) }));

  app.get('/api/v1/accounts/:accountNumber/bills', {
    schema: { tags, summary: "An account's bill history, newest first, a page at a time, optionally one year's (its owner, cashiers, administrators)", params: s.accountParams, querystring: s.accountBillsQuery, response: { 200: s.accountBillsResponse, ...errorResponses } },
  }, async (request) => {
    const { account, bills, total, years } = await billHistory(request.ctx, request.actor, request.params.accountNumber, request.query);
    return { accountNumber: account.accountNumber, bills: await presentBills(request.ctx, bills), page: request.query.page, pageSize: request.query.pageSize, total, years };
  });

  app.get('/api/v1/bills/:id', {
    schema: { tags, summary: 'A bill with its lines, readings and the last 12 periods of consumption', params: s.billParams, response: { 200: s.billDetailSchema, ...errorResponses } },
  }, async (request) => {
    const { bill } = await getBill(request.ctx, request.actor, request.params.id);
    return presentBillDetail(request.ctx, bill, await consumptionHistory(request.ctx, bill));
  });

  app.get('/api/v1/bills/:id/pdf', {
    schema: { tags, summary: 'The e-bill as a PDF, Arabic (right to left) or English (its owner only)', params: s.billParams, querystring: s.billPdfQuery },
  }, async (request, reply) => {
    const { pdf, billNumber } = await billPdf(request.ctx, request.actor, request.params.id, request.query.lang);
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${billNumber}-${request.query.lang}.pdf"`)
      .header('cache-control', 'private, no-store').send(pdf);
  });

  app.post('/api/v1/bill-runs', {
    schema: { tags, summary: 'Start (or resume) the bill run of a biller and period (administrators); it runs in the background', body: s.billRunBody, response: { 202: s.billRunSchema, ...errorResponses } },
  }, async (request, reply) => {
    const run = await requestBillRun({ ...runCtx, requestId: request.id }, request.actor, { billerCode: request.body.biller, period: request.body.period }, { concurrency });
    return reply.status(202).send(presentRun(run));
  });

  app.get('/api/v1/bill-runs', {
    schema: { tags, summary: 'Bill runs, newest period first (administrators)', querystring: s.billRunListQuery, response: { 200: s.billRunsResponse, ...errorResponses } },
  }, async (request) => ({ runs: (await listBillRuns(request.ctx, request.actor, request.query.biller)).map((run) => presentRun(run)) }));

  app.get('/api/v1/bill-runs/:id', {
    schema: { tags, summary: 'Progress and outcome of a bill run, with the accounts it could not bill (administrators)', params: s.billRunParams, response: { 200: s.billRunSchema, ...errorResponses } },
  }, async (request) => {
    const { run, failures } = await getBillRun(request.ctx, request.actor, request.params.id);
    return presentRun(run, failures);
  });
};
