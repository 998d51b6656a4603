import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app.js';
import { errorResponses } from '../../http/schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { formatAmount } from '../../shared/money.js';
import { formatRedirectReply } from './gateways/index.js';
import { acceptGatewayCallback, handleGatewayCallback, paymentOfClearErrorUrl, settleWithGateway } from './gateway-flow.js';
import { findDues } from './inquiry.service.js';
import { compiledSerializerCompiler } from '../../http/compiled-serializer.js';
import { recordGovernmentTransfer } from './government-settlement.service.js';
import { paymentGatewayOf } from './payments.gateway.js';
import { verificationPage } from './payments.pages.js';
import { checkout, getPayment, myPayments, paymentResult, presentPayment, recordChannelPayment } from './payments.service.js';
import { getReceipt, receiptPdf, verifyReceipt } from './receipts.service.js';
import { refundPayment, type RefundResult } from './refunds.service.js';
import { confirmRefund } from './gateway-refunds.js';
import { knetSettlementRoutes } from './knet-settlement.routes.js';
import * as s from './payments.schemas.js';

/** How long the response URL lets the inquiry run before answering KNET anyway (KNET waits a few seconds). */
export const KNET_ANSWER_BUDGET_MS = 1_500;

/** Work that outlives its request (a failure is audited inside and retried by the reconciler); awaited on close. */
function backgroundWork() {
  const running = new Set<Promise<unknown>>();
  return {
    track<T>(work: Promise<T>): Promise<T | undefined> {
      const quiet = work.catch(() => undefined);
      running.add(quiet);
      void quiet.finally(() => running.delete(quiet));
      return quiet;
    },
    drain: async () => { await Promise.allSettled([...running]); },
  };
}

/** Waits for `work` at most `ms`; it carries on afterwards either way. */
async function withinBudget(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); timer.unref(); })]);
  clearTimeout(timer);
}

function presentRefundResult(result: RefundResult) {
  return { ...result, amount: formatAmount(result.amount, result.currency), replayed: result.replayed ?? false };
}

export const paymentsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const tags = ['payments'];
  const gateway = () => paymentGatewayOf(deps);
  const base = () => deps.config.publicUrl;
  // The error URL names the payment: after a host timeout KNET's page links back to it bare, with no trandata to
  // say which payment it was, and the payer should still land on that payment's result rather than "unknown".
  const checkoutUrls = (paymentId: string) => ({
    responseUrl: `${base()}/api/v1/payments/knet/response`,
    errorUrl: `${base()}/api/v1/payments/knet/error?payment=${encodeURIComponent(paymentId)}`,
  });
  // A kiosk's payment comes back to the kiosk's own result page (receipt to print, then back to the look-up).
  const resultUrl = (payment: { id: string; channel: string } | 'unknown') =>
    payment === 'unknown' ? `${base()}/pay/result/unknown` : `${base()}/${payment.channel === 'kiosk' ? 'kiosk' : 'pay'}/result/${payment.id}`;
  await app.register(knetSettlementRoutes, { deps });
  const confirming = backgroundWork();
  app.addHook('onClose', () => confirming.drain());

  app.get('/api/v1/dues', {
    schema: { tags, summary: 'Open payables by civil ID, account, meter or plate, across every biller (names masked unless yours)', querystring: s.duesQuery, response: { 200: s.duesResponse, ...errorResponses } },
    config: { rateLimit: { max: deps.config.INQUIRY_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
    serializerCompiler: compiledSerializerCompiler,
  }, async (request) => findDues(request.ctx, request.actor, request.query));

  app.post('/api/v1/checkout', {
    schema: { tags, summary: 'Start a card payment of payables (or an amount allocated oldest-due first); answers the gateway page to go to', body: s.checkoutBody, headers: s.checkoutHeaders, response: { 200: s.checkoutResponse, ...errorResponses } },
  }, async (request) => {
    const idempotencyKey = request.body.idempotencyKey ?? request.headers['idempotency-key'];
    const result = await checkout(request.ctx, request.actor, { ...request.body, idempotencyKey }, gateway(), checkoutUrls);
    return { ...result, amount: formatAmount(result.amount, result.currency) };
  });

  app.post('/api/v1/payments', {
    schema: { tags, summary: 'A bank (HMAC-signed) or a cashier records a payment it took; once per externalId', body: s.directPaymentBody, response: { 200: s.directPaymentResponse, 201: s.directPaymentResponse, ...errorResponses }, security: [{ hmac: [] }, { session: [] }] },
  }, async (request, reply) => {
    const { payment, replayed } = await recordChannelPayment(request.ctx, request.actor, request.body);
    return reply.status(replayed ? 200 : 201).send({ ...presentPayment(request.ctx, payment), replayed });
  });

  app.get('/api/v1/me/payments', {
    schema: { tags, summary: "The signed-in citizen's payments, newest first: made by them or paying their dues", response: { 200: s.myPaymentsResponse, ...errorResponses } },
  }, async (request) => ({ payments: (await myPayments(request.ctx, request.actor)).map((p) => presentPayment(request.ctx, p)) }));

  app.get('/api/v1/payments/:paymentId', {
    schema: { tags, summary: "A payment's state (the id is the payer's handle; nothing personal is shown)", params: s.paymentParams, response: { 200: s.paymentView, ...errorResponses } },
  }, async (request) => presentPayment(request.ctx, await getPayment(request.ctx, request.params.paymentId)));

  // The portal's page at /pay/result/<id> (where KNET sends the payer back) reads this; it may ask the gateway first.
  app.get('/api/v1/payments/:paymentId/result', {
    schema: { tags, summary: 'A payment as the payer returns from the gateway: settled with the gateway first when still pending', params: s.paymentParams, response: { 200: s.paymentResultView, ...errorResponses } },
  }, async (request) => {
    const { payment, items } = await paymentResult(request.ctx, request.actor, gateway(), request.params.paymentId);
    return { ...presentPayment(request.ctx, payment), items: items.map((item) => ({ payableId: item.payableId, amount: formatAmount(item.amount, payment.currency) })) };
  });

  app.post('/api/v1/payments/:paymentId/refund', {
    schema: { tags, summary: 'Refund or reverse a payment, or part of it (admin, with a reason); a card refund goes to the card gateway', params: s.paymentParams, body: s.refundBody, headers: s.checkoutHeaders, response: { 200: s.refundResponse, ...errorResponses } },
  }, async (request) => {
    const idempotencyKey = request.body.idempotencyKey ?? request.headers['idempotency-key'];
    const result = await refundPayment(request.ctx, request.actor, { paymentId: request.params.paymentId, ...request.body, idempotencyKey }, gateway());
    return presentRefundResult(result);
  });

  // A card refund still `requested` (the gateway's answer was lost): ask again, under the same track id.
  app.post('/api/v1/refunds/:refundId/confirm', {
    schema: { tags, summary: 'Ask the card gateway again about a refund still waiting for its answer (admin); it never refunds twice', params: s.refundParams, response: { 200: s.refundResponse, ...errorResponses } },
  }, async (request) => presentRefundResult(await confirmRefund(request.ctx, request.actor, gateway(), request.params.refundId)));

  app.post('/api/v1/government-transfers', {
    schema: { tags, summary: "Record a ministry-to-ministry transfer settling a batch of government accounts' bills (admin)", body: s.governmentTransferBody, response: { 200: s.governmentTransferResponse, ...errorResponses } },
  }, async (request) => {
    const result = await recordGovernmentTransfer(request.ctx, request.actor, request.body);
    return {
      ...result, total: formatAmount(result.total, result.currency),
      settled: result.settled.map((x) => ({ ...x, amount: formatAmount(x.amount, result.currency) })),
    };
  });

  // KNET POSTs the encrypted result here, server to server, and reads one line back: REDIRECT=<page>. Its servers
  // call for every customer from a few addresses, so the per-client rate limit does not apply.
  app.post('/api/v1/payments/knet/response', {
    schema: { tags, summary: 'KNET response URL (form body with trandata); answers REDIRECT=<result page>', body: s.gatewayCallbackBody },
    config: { rateLimit: false },
  }, async (request, reply) => {
    const knet = gateway();
    if (!knet) throw new AppError('payment_gateway_not_configured');
    // Record, answer, confirm: KNET voids a capture whose REDIRECT= answer is late, so a slow inquiry must never
    // hold the answer. The inquiry gets a short head start (most finish within it, and the result page then
    // shows the posted payment at once); past that, the answer goes and the confirmation carries on behind it.
    const { payment, pending } = await acceptGatewayCallback(request.ctx, request.actor, knet, request.body);
    if (pending) await withinBudget(confirming.track(settleWithGateway(request.ctx, request.actor, knet, payment)), KNET_ANSWER_BUDGET_MS);
    return reply.status(200).header('content-type', 'text/plain; charset=utf-8').send(formatRedirectReply(resultUrl(payment)));
  });

  // KNET sends the browser here when it cannot complete (the query carries trandata): ask KNET, then show the page.
  const onErrorUrl = async (ctx: Ctx, actor: Actor, fields: Record<string, string>) => {
    const knet = gateway();
    if (!knet) throw new AppError('payment_gateway_not_configured');
    try {
      const { payment } = await handleGatewayCallback(ctx, actor, knet, fields);
      return resultUrl(payment);
    } catch {
      // No readable trandata: the clear parameters name the payment; its page shows, and KNET is asked.
      const payment = await paymentOfClearErrorUrl(ctx, actor, fields);
      if (!payment) return resultUrl('unknown');
      if (payment.status === 'pending') await withinBudget(confirming.track(settleWithGateway(ctx, actor, knet, payment)), KNET_ANSWER_BUDGET_MS);
      return resultUrl(payment);
    }
  };
  app.get('/api/v1/payments/knet/error', {
    // KNET's browser redirect, not an API for clients: its query is whatever KNET sends, which OpenAPI cannot describe.
    schema: { hide: true, querystring: s.gatewayCallbackBody },
  }, async (request, reply) => reply.redirect(await onErrorUrl(request.ctx, request.actor, request.query), 303));
  app.post('/api/v1/payments/knet/error', {
    schema: { hide: true, body: s.gatewayCallbackBody },
  }, async (request, reply) => reply.redirect(await onErrorUrl(request.ctx, request.actor, request.body), 303));

  app.get('/r/:receiptNumber', { schema: { hide: true } }, async (request, reply) => {
    const { receiptNumber } = request.params as { receiptNumber: string };
    const { sig } = request.query as { sig?: string };
    const result = s.RECEIPT_NUMBER.test(receiptNumber) ? await verifyReceipt(request.ctx, receiptNumber, typeof sig === 'string' ? sig : undefined) : { genuine: false };
    return reply.status(result.genuine ? 200 : 404).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(verificationPage(receiptNumber, result, deps.config.TZ_BUSINESS));
  });

  app.get('/api/v1/receipts/:receiptNumber', {
    schema: { tags, summary: 'A receipt (its owner, staff, or anyone with the signature from its QR code)', params: s.receiptParams, querystring: s.receiptQuery, response: { 200: s.receiptResponse, ...errorResponses } },
  }, async (request) => getReceipt(request.ctx, request.actor, request.params.receiptNumber, request.query.sig));

  app.get('/api/v1/receipts/:receiptNumber/pdf', {
    schema: { tags, summary: 'A receipt as PDF in Arabic or English, on A4 or an 80 mm thermal roll', params: s.receiptParams, querystring: s.receiptPdfQuery },
  }, async (request, reply) => {
    const { lang, sig, format } = request.query;
    const pdf = await receiptPdf(request.ctx, request.actor, request.params.receiptNumber, lang, sig, format);
    const suffix = format === 'thermal' ? '-80mm' : '';
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="receipt-${request.params.receiptNumber}-${lang}${suffix}.pdf"`)
      .header('cache-control', 'private, no-store').send(pdf);
  });
};
