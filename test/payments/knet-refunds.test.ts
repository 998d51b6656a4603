// Refunds of KNET payments through KNET action 2, against the in-process KNET simulator over HTTP: a refund's
// state follows KNET's answer, the ledger moves only when KNET confirms, KNET's refusal posts nothing, a replay
// or a retry after a lost answer never refunds twice. And the result API and receipt name KNET's ids (K-064 §8).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { Actor } from '../../src/platform/actor.js';
import { auditTrail } from '../../src/platform/audit.js';
import { payables, receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { findRefund } from '../../src/modules/payments/refunds.store.js';
import { refundPayment } from '../../src/modules/payments/refunds.service.js';
import { confirmRefund, retryRequestedRefunds } from '../../src/modules/payments/gateway-refunds.js';
import { systemActor } from '../../src/platform/actor.js';
import { signIn } from '../support/app.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, type PaymentsHarness } from './harness.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

const admin: Actor = { kind: 'staff', id: 'stf_admin', role: 'admin' };
const CLEARING = 'clearing:knet';
let h: PaymentsHarness;
let account = 0;

beforeAll(async () => {
  h = await startPaymentsHarness({ now: '2026-12-01T08:00:00Z' });
  await seedDemo(h.ctx, { people: 1 });
});
afterAll(async () => h?.stop());

interface SimRefundView { trackId: string; amount: string; originalPaymentId: string }
interface SimView { paymentId: string; trackId: string; amount: string; refunds: SimRefundView[] }

async function simTransaction(knetPaymentId: string): Promise<SimView> {
  const list = (await (await fetch(`${h.sim.url}/sim/transactions`)).json()) as { transactions: SimView[] };
  return list.transactions.find((t) => t.paymentId === knetPaymentId)!;
}

async function newBills(...amounts: bigint[]): Promise<PayableRow[]> {
  return Promise.all(amounts.map((amount) => issueTestPayable(h.ctx, { amount, accountNumber: `KR-${++account}` })));
}

/** Pays the bills through checkout and the simulator's page (approve): a posted KNET payment. */
async function payByKnet(bills: PayableRow[]): Promise<{ paymentId: string; knetPaymentId: string; trackId: string }> {
  const started = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: bills.map((b) => ({ payableId: b.id })), language: 'en' }, headers: { 'idempotency-key': randomUUID() } });
  expect(started.statusCode).toBe(200);
  const { paymentId, redirectUrl } = started.json() as { paymentId: string; redirectUrl: string };
  const trackId = (await findPayment(h.ctx.db, paymentId))!.trackId!;
  const knetPaymentId = await openHostedPage(h.sim, redirectUrl, trackId);
  await chooseOnHostedPage(h.sim, knetPaymentId, 'approve');
  expect(await findPayment(h.ctx.db, paymentId)).toMatchObject({ status: 'posted', gatewayPaymentId: knetPaymentId });
  return { paymentId, knetPaymentId, trackId };
}

async function balances(bills: PayableRow[]) {
  return { clearing: await ledger.balance(h.ctx, CLEARING), receivables: await Promise.all(bills.map((b) => ledger.balance(h.ctx, receivableAccountOf(b)))) };
}

describe('refunding a KNET payment through KNET action 2', () => {
  it('a full refund: KNET gives it back, then the ledger mirrors the payment and the bill reopens', async () => {
    const bills = await newBills(12_500n);
    const paid = await payByKnet(bills);
    const before = await balances(bills);

    const result = await refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'paid the wrong bill' }, h.gateway);
    expect(result).toMatchObject({ amount: 12_500n, refundStatus: 'refunded', status: 'refunded', failureCode: null });

    const refund = (await findRefund(h.ctx.db, result.refundId))!;
    expect(refund).toMatchObject({ status: 'refunded', gateway: 'knet' });
    expect(refund.gatewayTrackId).toMatch(/^[A-Z0-9]{1,40}$/);
    expect(refund.gatewayTrackId).not.toBe(paid.trackId);
    const atKnet = await simTransaction(paid.knetPaymentId);
    expect(atKnet.refunds).toEqual([expect.objectContaining({ trackId: refund.gatewayTrackId, amount: '12.500', originalPaymentId: paid.knetPaymentId })]);
    expect(refund.gatewayRefundId).toBeTruthy();

    const after = await balances(bills);
    expect(after.clearing - before.clearing).toBe(-12_500n);
    expect(after.receivables[0]! - before.receivables[0]!).toBe(12_500n);
    expect(await payables.find(h.ctx, bills[0]!.id)).toMatchObject({ status: 'open', amountPaid: 0n });
    expect(await ledger.findTransaction(h.ctx, 'refund', result.refundId)).toBeDefined();
    const trail = (await auditTrail(h.ctx, 'payment', paid.paymentId)).map((row) => row.action);
    expect(trail).toEqual(expect.arrayContaining(['payment.refund_requested', 'payment.refund']));
    await expectBalancedLedger(h.ctx);
  });

  it('partial refunds, one bill at a time, add up to the capture; KNET and the ledger agree, and nothing is left', async () => {
    const bills = await newBills(5_000n, 7_250n);
    const paid = await payByKnet(bills);
    const before = await balances(bills);

    const first = await refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'first bill cancelled', payableIds: [bills[0]!.id] }, h.gateway);
    expect(first).toMatchObject({ amount: 5_000n, refundStatus: 'refunded', status: 'partially_refunded' });
    expect((await payables.find(h.ctx, bills[1]!.id))!.status).toBe('paid');
    const rest = await refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'the rest too' }, h.gateway);
    expect(rest).toMatchObject({ amount: 7_250n, refundStatus: 'refunded', status: 'refunded' });

    expect((await simTransaction(paid.knetPaymentId)).refunds.map((r) => r.amount)).toEqual(['5.000', '7.250']);
    const after = await balances(bills);
    expect(after.clearing - before.clearing).toBe(-12_250n);
    expect(after.receivables.map((value, i) => value - before.receivables[i]!)).toEqual([5_000n, 7_250n]);
    expect(await findPayment(h.ctx.db, paid.paymentId)).toMatchObject({ status: 'refunded', refundedAmount: 12_250n });
    await expect(refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'once more' }, h.gateway)).rejects.toMatchObject({ code: 'payment_already_refunded' });
    expect((await simTransaction(paid.knetPaymentId)).refunds).toHaveLength(2);
    await expectBalancedLedger(h.ctx);
  });

  it('KNET refuses more than is left of the capture: the refund fails with its code and nothing is posted', async () => {
    const bills = await newBills(10_000n);
    const paid = await payByKnet(bills);
    // Part of the capture was given back at KNET directly (its merchant portal), outside Tasdeed.
    const direct = await h.gateway.refund({ refundTrackId: 'PORTAL1', amount: 4_000n, currency: 'KWD', original: { paymentId: paid.knetPaymentId, trackId: paid.trackId } });
    expect(direct.status).toBe('refunded');
    const before = await balances(bills);

    const result = await refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'customer asked' }, h.gateway);
    expect(result).toMatchObject({ amount: 10_000n, refundStatus: 'failed', failureCode: 'IPAY0100024', status: 'posted' });
    expect(await balances(bills)).toEqual(before);
    expect(await ledger.findTransaction(h.ctx, 'refund', result.refundId)).toBeUndefined();
    expect(await findPayment(h.ctx.db, paid.paymentId)).toMatchObject({ status: 'posted', refundedAmount: 0n });
    expect(await payables.find(h.ctx, bills[0]!.id)).toMatchObject({ status: 'paid' });
    expect((await simTransaction(paid.knetPaymentId)).refunds.map((r) => r.amount)).toEqual(['4.000']);
    const refused = (await auditTrail(h.ctx, 'payment', paid.paymentId)).find((row) => row.action === 'payment.refund' && row.outcome === 'refused');
    expect(refused?.detail).toMatchObject({ refundId: result.refundId, code: 'IPAY0100024' });
    // The items were released, so the refund can be asked again; KNET still has only 6.000 left and refuses again.
    const again = await refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'customer asked again' }, h.gateway);
    expect(again).toMatchObject({ refundStatus: 'failed', failureCode: 'IPAY0100024' });
    expect(await balances(bills)).toEqual(before);
    await expectBalancedLedger(h.ctx);
  });

  it('a replayed refund request (same idempotency key) answers the first refund and is not refunded twice', async () => {
    const bills = await newBills(3_750n);
    const paid = await payByKnet(bills);
    const before = await balances(bills);
    const cookie = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const send = () => h.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.paymentId}/refund`, payload: { reason: 'double charged' }, headers: { cookie, 'idempotency-key': 'refund-replay-1' } });

    const first = await send();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ amount: '3.750', refundStatus: 'refunded', status: 'refunded', replayed: false });
    const second = await send();
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ refundId: first.json().refundId, amount: '3.750', refundStatus: 'refunded', replayed: true });

    // At KNET too: the same refund track id sent again gets the first answer, not a second refund.
    const refund = (await findRefund(h.ctx.db, first.json().refundId))!;
    const resent = await h.gateway.refund({ refundTrackId: refund.gatewayTrackId!, amount: 3_750n, currency: 'KWD', original: { paymentId: paid.knetPaymentId, trackId: paid.trackId } });
    expect(resent).toMatchObject({ status: 'refunded', gatewayRefundId: refund.gatewayRefundId });
    expect((await simTransaction(paid.knetPaymentId)).refunds).toHaveLength(1);
    const after = await balances(bills);
    expect(after.clearing - before.clearing).toBe(-3_750n);
    await expectBalancedLedger(h.ctx);
  });

  it('a connection dropped during the refund leaves it requested with nothing posted; asking again confirms it once', async () => {
    const bills = await newBills(8_000n);
    const paid = await payByKnet(bills);
    const before = await balances(bills);

    h.sim.dropNextRefundAnswer();
    const lost = await refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'customer asked' }, h.gateway);
    expect(lost).toMatchObject({ refundStatus: 'requested', status: 'posted', amount: 8_000n });
    // KNET did refund; we do not know it yet, so nothing moved here.
    expect((await simTransaction(paid.knetPaymentId)).refunds).toHaveLength(1);
    expect(await balances(bills)).toEqual(before);
    expect(await findPayment(h.ctx.db, paid.paymentId)).toMatchObject({ status: 'posted', refundedAmount: 0n });
    // Another refund must wait for this one's answer.
    await expect(refundPayment(h.ctx, admin, { paymentId: paid.paymentId, reason: 'again' }, h.gateway)).rejects.toMatchObject({ code: 'refund_in_progress' });

    // The reconciler's pass (a minute later) sends it again under the same track id.
    h.clock.advance(2 * 60_000);
    const counts = await retryRequestedRefunds(h.ctx, systemActor('payments-reconciler'), h.gateway, { afterMinutes: 1 });
    expect(counts).toMatchObject({ refunded: 1, failed: 0 });
    expect(await findRefund(h.ctx.db, lost.refundId)).toMatchObject({ status: 'refunded', attempts: 2 });
    expect((await simTransaction(paid.knetPaymentId)).refunds).toHaveLength(1);
    const after = await balances(bills);
    expect(after.clearing - before.clearing).toBe(-8_000n);
    expect(after.receivables[0]! - before.receivables[0]!).toBe(8_000n);

    // Asking once more (an admin's confirm, another pass) changes nothing.
    const cookie = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const confirmed = await h.app.inject({ method: 'POST', url: `/api/v1/refunds/${lost.refundId}/confirm`, headers: { cookie } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ refundId: lost.refundId, amount: '8.000', refundStatus: 'refunded', status: 'refunded' });
    expect(await confirmRefund(h.ctx, admin, h.gateway, lost.refundId)).toMatchObject({ refundStatus: 'refunded', status: 'refunded' });
    await expect(confirmRefund(h.ctx, { kind: 'staff', id: 'stf_cashier', role: 'cashier' }, h.gateway, lost.refundId)).rejects.toMatchObject({ code: 'forbidden' });
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/refunds/rfd_00000000000000000000000000/confirm', headers: { cookie } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('refund_not_found');
    h.clock.advance(2 * 60_000);
    expect(await retryRequestedRefunds(h.ctx, systemActor('payments-reconciler'), h.gateway, { afterMinutes: 1 })).toEqual({ requested: 0, refunded: 0, failed: 0 });
    expect(await balances(bills)).toEqual(after);
    expect((await simTransaction(paid.knetPaymentId)).refunds).toHaveLength(1);
    await expectBalancedLedger(h.ctx);
  });
});

describe('KNET ids on the result and the receipt (K-064 §8)', () => {
  it('the result API and the receipt JSON give the KNET payment id and our track id', async () => {
    const bills = await newBills(2_500n);
    const paid = await payByKnet(bills);
    const result = await h.app.inject({ url: `/api/v1/payments/${paid.paymentId}/result` });
    expect(result.statusCode).toBe(200);
    expect(result.json().gateway).toEqual({ name: 'KNET', paymentId: paid.knetPaymentId, trackId: paid.trackId });
    const cookie = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const receipt = await h.app.inject({ url: `/api/v1/receipts/${result.json().receiptNumber}`, headers: { cookie } });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json().gateway).toMatchObject({ name: 'KNET', paymentId: paid.knetPaymentId, trackId: paid.trackId });
  });

  it('a declined KNET payment still shows both ids on its result', async () => {
    const [bill] = await newBills(1_000n);
    const started = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: bill!.id }], language: 'ar' }, headers: { 'idempotency-key': randomUUID() } });
    const { paymentId, redirectUrl } = started.json() as { paymentId: string; redirectUrl: string };
    const trackId = (await findPayment(h.ctx.db, paymentId))!.trackId!;
    const knetPaymentId = await openHostedPage(h.sim, redirectUrl, trackId);
    await chooseOnHostedPage(h.sim, knetPaymentId, 'decline');
    const result = (await h.app.inject({ url: `/api/v1/payments/${paymentId}/result` })).json();
    expect(result).toMatchObject({ status: 'failed', gateway: { name: 'KNET', paymentId: knetPaymentId, trackId } });
  });
});
