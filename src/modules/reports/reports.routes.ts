// HTTP for read-only reports (admins) as JSON, CSV, XLSX or PDF, and the demo's facts for the portal's home page.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { formatAmount } from '../../shared/money.js';
import { collectionsOfDay, demoFacts } from './reports.service.js';
import { runReport } from './analytics.service.js';
import { REPORT_NAMES, REPORTS } from './reports.catalogue.js';
import { exportLanguage, reportCsv, reportXlsx } from './report-export.js';
import { renderReportPdf } from './report-pdf.js';
import * as s from './reports.schemas.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

  for (const name of REPORT_NAMES) {
    const { summary, build } = REPORTS[name];
    app.get(`/api/v1/reports/${name}`, {
      schema: {
        tags, summary: `${summary} (admin; JSON, CSV, XLSX or PDF)`, querystring: s.reportQuery,
        produces: ['application/json', 'text/csv', XLSX_TYPE, 'application/pdf'], response: { 200: s.reportResponse, ...errorResponses },
      },
    }, async (request, reply) => {
      const { format, lang, ...filters } = request.query;
      const table = await runReport(request.ctx, request.actor, build, filters);
      if (format === 'json') return table;
      const language = exportLanguage(lang, request.headers['accept-language']);
      const filename = `${name}-${table.filters.from}-${table.filters.to}${format === 'pdf' ? `-${language}` : ''}.${format}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`);
      if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(reportCsv(table));
      // Fastify sends a Buffer as it is (no serialiser runs); the response schema can only name it as a string.
      if (format === 'pdf') return reply.header('content-type', 'application/pdf').send(await renderReportPdf(table, language) as unknown as string);
      return reply.header('content-type', XLSX_TYPE).send(reportXlsx(table, language) as unknown as string);
    });
  }

  app.get('/api/v1/demo', {
    schema: { tags, summary: 'The demo citizen, sign-ins and simulator inboxes (demo servers only; 404 elsewhere)', response: { 200: s.demoResponse, ...errorResponses } },
  }, async (request) => demoFacts(request.ctx, deps.services));
};
