// The daily KNET settlement check: what KNET captured against what Tasdeed posted, for one KNET business day.
//
// How: an action 8 inquiry for each of the day's KNET attempts, by KNET payment id when we have one, else by
// track id. KNET's RAW merchant integration (K-064) has no settlement-file API; merchants see the day's
// settlement in the merchant portal and reconcile server-to-server with action 8, which is what this does.
// (KNET's portal report is the bank's summary; the per-payment truth a merchant can query is action 8.)
//
// Two differences are exceptions of the day, and each is fixed by a ledger posting, never by editing a row:
//   captured_not_posted: KNET captured, Tasdeed never posted (KNET's notification or our answer was lost) →
//     the capture is posted by the same path as the response URL (settleWithGateway), once.
//   posted_but_voided: Tasdeed posted, KNET voided (our `REDIRECT=` answer never reached KNET) → the payment is
//     reversed: the mirror posting that reopens the payables it had paid.
// A capture on a payment Tasdeed already closed as failed is recorded `open`: it needs a person.
// Running it again finds nothing new: fixed payments now agree with KNET, and an exception is one row per
// payment and kind.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, systemActor, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../shared/ids.js';
import type { GatewayResult, PaymentGateway } from './gateways/index.js';
import { settleWithGateway } from './gateway-flow.js';
import { auditRefusal } from './payments.audit.js';
import { refundPayment } from './refunds.service.js';
import * as store from './knet-settlement.store.js';
import type { PaymentRow } from './payments.store.js';

export type KnetExceptionKind = 'captured_not_posted' | 'posted_but_voided';

export interface KnetSettlementSummary {
  businessDate: string;
  attempts: number;
  agreed: number;
  /** Exceptions this run found (and fixed, unless `open`). */
  found: { kind: KnetExceptionKind; paymentId: string; status: 'resolved' | 'open'; resolutionRef: string | null }[];
  /** Attempts KNET could not be asked about or has no answer for yet: asked again on the next run. */
  unanswered: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const POSTED = new Set(['posted', 'partially_refunded']);

/** KNET's business day is Kuwait's, UTC+3 all year (Kuwait keeps no daylight saving time). */
export function knetDayBounds(businessDate: string): { from: Date; to: Date } {
  const noon = DATE.test(businessDate) ? new Date(`${businessDate}T12:00:00Z`) : new Date(NaN);
  // A calendar date that exists: JavaScript would quietly roll 2026-02-30 over to March.
  if (Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== businessDate) {
    throw new AppError('validation_failed', { field: 'date', reason: 'expected YYYY-MM-DD' });
  }
  const from = new Date(`${businessDate}T00:00:00+03:00`);
  return { from, to: new Date(from.getTime() + 24 * 60 * 60 * 1000) };
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The day before `now` in Kuwait: the day a nightly run checks. */
export function previousKnetDay(now: Date): string {
  const kuwaitToday = new Date(now.getTime() + 3 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return addDays(kuwaitToday, -1);
}

export async function runKnetSettlement(ctx: Ctx, actor: Actor, gateway: PaymentGateway, businessDate: string): Promise<KnetSettlementSummary> {
  requireRole(actor, 'admin');
  const { from, to } = knetDayBounds(businessDate);
  const summary: KnetSettlementSummary = { businessDate, attempts: 0, agreed: 0, found: [], unanswered: 0 };
  for (const payment of await store.knetAttemptsBetween(ctx.db, from, to)) {
    summary.attempts++;
    const knet = await askKnet(ctx, actor, gateway, payment);
    if (!knet || knet.status === 'unknown') {
      summary.unanswered++;
      continue;
    }
    const found = await compareAndFix(ctx, actor, gateway, businessDate, payment, knet);
    if (found) summary.found.push(found);
    else summary.agreed++;
  }
  await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
    action: 'knet_settlement.run', entityType: 'knet_settlement', entityId: businessDate,
    detail: { attempts: summary.attempts, agreed: summary.agreed, found: summary.found.length, unanswered: summary.unanswered },
  }));
  return summary;
}

async function askKnet(ctx: Ctx, actor: Actor, gateway: PaymentGateway, payment: PaymentRow): Promise<GatewayResult | undefined> {
  try {
    return await gateway.inquire({ trackId: payment.trackId!, amount: payment.amount, currency: payment.currency, ...(payment.gatewayPaymentId ? { paymentId: payment.gatewayPaymentId } : {}) });
  } catch (error) {
    await auditRefusal(ctx, actor, 'knet_settlement.inquiry', payment.id, error, { trackId: payment.trackId });
    return undefined;
  }
}

async function compareAndFix(ctx: Ctx, actor: Actor, gateway: PaymentGateway, businessDate: string, payment: PaymentRow, knet: GatewayResult): Promise<KnetSettlementSummary['found'][number] | undefined> {
  const captured = knet.status === 'captured';
  if (captured && payment.status === 'pending') {
    const settled = await settleWithGateway(ctx, actor, gateway, payment);
    if (settled.outcome !== 'posted' && settled.payment.status !== 'posted') return undefined; // asked again next run
    return record(ctx, actor, businessDate, payment, knet, 'captured_not_posted', 'resolved', `payment:${payment.id}`);
  }
  if (captured && payment.status === 'failed') {
    return record(ctx, actor, businessDate, payment, knet, 'captured_not_posted', 'open', null);
  }
  // Voided: KNET answers for the very payment id we posted, and it is not captured.
  if (!captured && POSTED.has(payment.status) && knet.paymentId === payment.gatewayPaymentId) {
    return inTransaction(ctx, async (tx) => {
      const reversal = await refundPayment(tx, actor, { paymentId: payment.id, kind: 'reversal', reason: `KNET voided payment ${knet.paymentId ?? ''} (settlement ${businessDate})` });
      return record(tx, actor, businessDate, payment, knet, 'posted_but_voided', 'resolved', `reversal:${reversal.refundId}`);
    });
  }
  return undefined;
}

async function record(ctx: Ctx, actor: Actor, businessDate: string, payment: PaymentRow, knet: GatewayResult, kind: KnetExceptionKind, status: 'resolved' | 'open', resolutionRef: string | null) {
  const added = await store.insertException(ctx.db, {
    id: newId('kse'), businessDate, kind, paymentId: payment.id, trackId: payment.trackId!, knetPaymentId: knet.paymentId ?? payment.gatewayPaymentId,
    amount: payment.amount, currency: payment.currency, tasdeedStatus: payment.status, knetResult: knet.status, status, resolutionRef,
    detail: { knetRef: knet.raw?.ref ?? null, knetTranId: knet.raw?.tranid ?? null }, detectedAt: ctx.clock.now(),
  });
  if (!added) return undefined; // already recorded by an earlier run
  await recordAudit(ctx, actor, { action: `knet_settlement.${kind}`, entityType: 'payment', entityId: payment.id, detail: { businessDate, status, resolutionRef, knetPaymentId: added.knetPaymentId, amount: payment.amount } });
  return { kind, paymentId: payment.id, status, resolutionRef };
}

export async function listKnetSettlementExceptions(ctx: Ctx, actor: Actor, businessDate: string) {
  requireRole(actor, 'admin');
  knetDayBounds(businessDate);
  return store.exceptionsOfDate(ctx.db, businessDate);
}

export const knetSettlementActor = () => systemActor('knet-settlement');
