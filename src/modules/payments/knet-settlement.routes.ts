// Admin API of the daily KNET settlement check: run it for a KNET business day, and list that day's exceptions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import { formatAmount } from '../../shared/money.js';
import { listKnetSettlementExceptions, runKnetSettlement } from './knet-settlement.service.js';
import { paymentGatewayOf } from './payments.gateway.js';
import * as s from './payments.schemas.js';

export const knetSettlementRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['payments'];

  app.post('/api/v1/admin/knet-settlement/:date/run', {
    schema: { tags, summary: 'Run the KNET settlement check for a KNET business day (admin): exceptions are fixed by ledger postings', params: s.knetSettlementParams, response: { 200: s.knetSettlementRunResponse, ...errorResponses } },
  }, async (request) => {
    const gateway = paymentGatewayOf(deps);
    if (!gateway) throw new AppError('payment_gateway_not_configured');
    return runKnetSettlement(request.ctx, request.actor, gateway, request.params.date);
  });

  app.get('/api/v1/admin/knet-settlement/:date/exceptions', {
    schema: { tags, summary: "A KNET business day's settlement exceptions and how each was fixed (admin)", params: s.knetSettlementParams, response: { 200: s.knetSettlementExceptionsResponse, ...errorResponses } },
  }, async (request) => {
    const rows = await listKnetSettlementExceptions(request.ctx, request.actor, request.params.date);
    return {
      businessDate: request.params.date,
      exceptions: rows.map((row) => ({
        id: row.id, kind: row.kind as 'captured_not_posted' | 'posted_but_voided', paymentId: row.paymentId, trackId: row.trackId, knetPaymentId: row.knetPaymentId,
        amount: formatAmount(row.amount, row.currency), currency: row.currency, tasdeedStatus: row.tasdeedStatus, knetResult: row.knetResult,
        status: row.status as 'resolved' | 'open', resolutionRef: row.resolutionRef, detectedAt: row.detectedAt.toISOString(),
      })),
    };
  });
};
