// The banks' JSON API (HMAC-signed clients with role `bank`): inquiry, payment notification, reversal, and the
// end-of-day report. The switch adapters (switch.routes.ts) speak SADAD / eFAWATEERcom shapes over the same core.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import { inquire, notifyPayment, reversePayment, type BillingNumberKind } from './banks.service.js';
import { bankDayReport, bankDayReportCsv } from './reports.service.js';
import { presentBill, presentNotification, presentReversal } from './channels.presenters.js';
import * as s from './channels.schemas.js';
import { registerSwitchRoutes } from './switch.routes.js';

const signed = [{ hmac: [] }];
const KINDS: BillingNumberKind[] = ['accountNumber', 'meterNumber', 'civilId', 'plate'];

export const channelsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['banks'];
  await registerSwitchRoutes(app);

  app.get('/api/v1/banks/bills', {
    schema: { tags, summary: 'Open bills a bank may collect, by one billing number (account, meter, civil ID or plate)', querystring: s.inquiryQuery, response: { 200: s.inquiryResponse, ...errorResponses }, security: signed },
  }, async (request) => {
    const given = KINDS.filter((k) => request.query[k]);
    if (given.length !== 1) throw new AppError('lookup_required');
    const kind = given[0]!;
    const bills = await inquire(request.ctx, request.actor, kind, request.query[kind]!);
    return { billingNumber: request.query[kind]!, bills: bills.map(presentBill) };
  });

  app.post('/api/v1/banks/payments', {
    schema: { tags, summary: "A bank's payment notification, once per bank transaction id (a repeat answers the first result)", body: s.notificationBody, response: { 200: s.notificationResponse, 201: s.notificationResponse, ...errorResponses }, security: signed },
  }, async (request, reply) => {
    const result = await notifyPayment(request.ctx, request.actor, request.body);
    return reply.status(result.replayed ? 200 : 201).send(presentNotification(result));
  });

  app.post('/api/v1/banks/reversals', {
    schema: { tags, summary: 'The notifying bank reverses its payment within the biller\'s window, with a reason', body: s.reversalBody, response: { 200: s.reversalResponse, ...errorResponses }, security: signed },
  }, async (request) => presentReversal(request.body.transactionId, await reversePayment(request.ctx, request.actor, request.body)));

  app.get('/api/v1/banks/reports/daily', {
    schema: { tags, summary: "The bank's end-of-day report for a business date: every payment, reversal and total", querystring: s.reportQuery, response: { 200: s.reportResponse, ...errorResponses }, security: signed },
  }, async (request) => bankDayReport(request.ctx, request.actor, request.query.date));

  app.get('/api/v1/banks/reports/daily.csv', {
    schema: { tags, summary: 'The same end-of-day report as CSV', querystring: s.reportQuery, security: signed },
  }, async (request, reply) => {
    const report = await bankDayReport(request.ctx, request.actor, request.query.date);
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="bank-report-${report.businessDate}.csv"`).send(bankDayReportCsv(report));
  });
};
