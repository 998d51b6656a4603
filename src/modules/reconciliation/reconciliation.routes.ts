// HTTP for reconciliation (admins): upload a camt.053/054 file as the request body (application/xml), list
// statements and their entries, the suspense list and its resolution, and the day's report.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { requireRole } from '../../platform/actor.js';
import { MAX_STATEMENT_BYTES } from './camt.parser.js';
import { formatStatementAmount } from './currencies.js';
import { importStatement } from './import.service.js';
import { dailyReconciliation } from './daily-report.service.js';
import * as suspense from './suspense.service.js';
import type { EntryRow, StatementRow } from './reconciliation.store.js';
import * as s from './reconciliation.schemas.js';

const money = (v: bigint | null, currency: string) => (v === null ? null : formatStatementAmount(v, currency));
const presentStatement = (st: StatementRow) => ({
  id: st.id, format: st.format, statementId: st.statementId, account: st.account, currency: st.currency, fileName: st.fileName,
  openingBalance: money(st.openingBalance, st.currency), closingBalance: money(st.closingBalance, st.currency), balanced: st.balanced, importedAt: st.importedAt.toISOString(),
});
const presentEntry = (e: EntryRow) => ({
  id: e.id, statementId: e.statementId, position: e.position, direction: e.direction, reversal: e.reversal, bookingStatus: e.bookingStatus,
  amount: formatStatementAmount(e.amount, e.currency), currency: e.currency, bookingDate: e.bookingDate, endToEndId: e.endToEndId,
  accountServicerRef: e.accountServicerRef, transactionId: e.transactionId, remittance: e.remittance, state: e.state, suspenseReason: e.suspenseReason,
  paymentId: e.paymentId, note: e.note,
});

export const reconciliationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  const tags = ['reconciliation'];
  // The body limit is above the statement limit, so an oversized file reaches the service: refused with its code, audited.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: MAX_STATEMENT_BYTES * 2 }, (_request, body, done) => done(null, body));

  app.post('/api/v1/reconciliation/statements', {
    schema: { tags, summary: 'Import a camt.053 statement or camt.054 notification (admin); the XML is the body', querystring: s.importQuery, response: { 200: s.importResponse, 201: s.importResponse, ...errorResponses } },
  }, async (request, reply) => {
    requireRole(request.actor, 'admin');
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.from(typeof request.body === 'string' ? request.body : '');
    const summary = await importStatement(request.ctx, request.actor, request.query.file ?? 'upload.xml', body);
    return reply.status(summary.duplicate ? 200 : 201).send(summary);
  });

  app.get('/api/v1/reconciliation/statements', {
    schema: { tags, summary: 'Imported statements, newest first (admin)', response: { 200: s.statementsResponse, ...errorResponses } },
  }, async (request) => ({ statements: (await suspense.listStatements(request.ctx, request.actor)).map(presentStatement) }));

  app.get('/api/v1/reconciliation/statements/:id', {
    schema: { tags, summary: 'A statement and its entries (admin)', params: s.idParams, response: { 200: s.statementResponse, ...errorResponses } },
  }, async (request) => {
    const { statement, entries } = await suspense.statementWithEntries(request.ctx, request.actor, request.params.id);
    return { statement: presentStatement(statement), entries: entries.map(presentEntry) };
  });

  app.get('/api/v1/reconciliation/suspense', {
    schema: { tags, summary: 'Statement entries nothing matched (admin)', response: { 200: s.entriesResponse, ...errorResponses } },
  }, async (request) => ({ entries: (await suspense.suspenseList(request.ctx, request.actor)).map(presentEntry) }));

  app.post('/api/v1/reconciliation/suspense/:id/match', {
    schema: { tags, summary: 'Match a suspense entry to a payment by hand (admin, audited)', params: s.idParams, body: s.matchBody, response: { 200: s.entryView, ...errorResponses } },
  }, async (request) => presentEntry(await suspense.matchSuspenseEntry(request.ctx, request.actor, request.params.id, request.body.paymentId, request.body.note)));

  app.post('/api/v1/reconciliation/suspense/:id/return', {
    schema: { tags, summary: 'Mark a suspense entry returned to the payer\'s bank (admin, audited)', params: s.idParams, body: s.returnBody, response: { 200: s.entryView, ...errorResponses } },
  }, async (request) => presentEntry(await suspense.returnSuspenseEntry(request.ctx, request.actor, request.params.id, request.body.note)));

  app.get('/api/v1/reconciliation/daily', {
    schema: { tags, summary: 'Expected vs settled per channel and bank for a business date, differences both ways (admin)', querystring: s.reportQuery, response: { 200: s.reportResponse, ...errorResponses } },
  }, async (request) => dailyReconciliation(request.ctx, request.actor, request.query.date));
};
