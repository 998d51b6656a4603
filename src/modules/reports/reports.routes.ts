// HTTP for read-only reports (admins), and the demo's facts for the portal's home page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { formatAmount } from '../../shared/money.js';
import { collectionsOfDay, demoFacts } from './reports.service.js';
import * as s from './reports.schemas.js';

export const reportsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['reports'];

  app.get('/api/v1/reports/collections', {
    schema: { tags, summary: 'Collections of a business day by channel and by biller, with refunds (admin)', querystring: s.collectionsQuery, response: { 200: s.collectionsResponse, ...errorResponses } },
  }, async (request) => {
    const day = await collectionsOfDay(request.ctx, request.actor, request.query.date);
    return {
      date: day.date,
      timeZone: day.timeZone,
      from: day.from.toISOString(),
      to: day.to.toISOString(),
      byChannel: day.byChannel.map((row) => ({ ...row, amount: formatAmount(row.amount, row.currency) })),
      byBiller: day.byBiller.map((row) => ({ ...row, amount: formatAmount(row.amount, row.currency) })),
      refunds: day.refunds.map((row) => ({ ...row, amount: formatAmount(row.amount, row.currency) })),
      totals: day.totals.map((t) => ({
        currency: t.currency, payments: t.payments,
        collected: formatAmount(t.collected, t.currency), refunded: formatAmount(t.refunded, t.currency), net: formatAmount(t.net, t.currency),
      })),
    };
  });

  app.get('/api/v1/demo', {
    schema: { tags, summary: 'The demo citizen, sign-ins and simulator inboxes (demo servers only; 404 elsewhere)', response: { 200: s.demoResponse, ...errorResponses } },
  }, async (request) => demoFacts(request.ctx, deps.services));
};
