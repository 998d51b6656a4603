// refundPayable, as the fines module calls it when a paid violation is cancelled, and refunds of payments that left
// credit behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import type { Actor } from '../../src/platform/actor.js';
import { anonymousActor } from '../../src/platform/actor.js';
import { payables, receivableAccountOf } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { settleWithGateway } from '../../src/modules/payments/gateway-flow.js';
import type { PaymentGateway } from '../../src/modules/payments/gateways/index.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { refundPayable, refundPayment } from '../../src/modules/payments/refunds.service.js';
import { creditBalance } from '../../src/modules/payments/credits.service.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';
import { attachmentProviderFor } from '../../src/platform/attachments.js';
import { emailAttachments } from '../../src/workers/attachments.js';

let t: TestApp;
const bank: Actor = { kind: 'client', id: 'cli_bank', role: 'bank', name: 'Bank' };
const officer: Actor = { kind: 'staff', id: 'stf_officer', role: 'officer' };
const admin: Actor = { kind: 'staff', id: 'stf_admin', role: 'admin' };
const cashier: Actor = { kind: 'staff', id: 'stf_cashier', role: 'cashier' };

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  await seedDemo(t.ctx, { people: 1 });
});
afterAll(async () => t?.close());

describe('refundPayable', () => {
  it('gives back every payment on a cancelled fine, officer or admin only, with a reason', async () => {
    const fine = await issueTestPayable(t.ctx, { billerCode: 'moi-traffic', amount: 70_000n, plate: '9-90909' });
    const paid = await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'F-1', items: [{ payableId: fine.id, amount: 70_000n }], currency: 'KWD' });
    await expect(refundPayable(t.ctx, cashier, { payableId: fine.id, reason: 'violation cancelled' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(refundPayable(t.ctx, officer, { payableId: fine.id, reason: ' ' })).rejects.toMatchObject({ code: 'refund_reason_required' });
    const [result] = await refundPayable(t.ctx, officer, { payableId: fine.id, reason: 'violation cancelled on objection' });
    expect(result).toMatchObject({ paymentId: paid.payment.id, amount: 70_000n, status: 'refunded' });
    expect(await payables.find(t.ctx, fine.id)).toMatchObject({ status: 'open', amountPaid: 0n });
    expect(await ledger.balance(t.ctx, receivableAccountOf(fine))).toBe(70_000n);
    await expect(refundPayable(t.ctx, officer, { payableId: fine.id, reason: 'again' })).rejects.toMatchObject({ code: 'refund_nothing_to_refund' });
    await expectBalancedLedger(t.ctx);
  });

  it('refunds only the items of that payable when a payment paid several', async () => {
    const a = await issueTestPayable(t.ctx, { amount: 5_000n, accountNumber: 'RF-1' });
    const b = await issueTestPayable(t.ctx, { amount: 6_000n, accountNumber: 'RF-2' });
    const paid = await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'F-2', items: [{ payableId: a.id, amount: 5_000n }, { payableId: b.id, amount: 6_000n }], currency: 'KWD' });
    await refundPayable(t.ctx, admin, { payableId: a.id, reason: 'billed in error' });
    expect(await findPayment(t.ctx.db, paid.payment.id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 5_000n });
    expect((await payables.find(t.ctx, b.id))!.status).toBe('paid');
    // The rest of the payment can still be refunded, once.
    const rest = await refundPayment(t.ctx, admin, { paymentId: paid.payment.id, reason: 'customer asked' });
    expect(rest).toMatchObject({ amount: 6_000n, status: 'refunded' });
    await expectBalancedLedger(t.ctx);
  });
});

describe('refunding an overpayment', () => {
  it('takes back the credit it left, only while the party still holds it', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 10_000n, accountNumber: 'RF-3' });
    const captureAll: PaymentGateway = {
      name: 'knet',
      startPayment: () => ({ redirectUrl: 'http://127.0.0.1:9/pay' }),
      parseCallback: () => { throw new Error('not used'); },
      refund: async (input) => ({ status: 'refunded', gatewayRefundId: '777', refundTrackId: input.refundTrackId, amount: input.amount, currency: input.currency, raw: {} }),
      inquire: async (input) => ({ status: 'captured', paymentId: '4242', trackId: input.trackId, amount: input.amount, currency: input.currency, raw: {} }),
    };
    const started = await startCheckout(t.ctx, anonymousActor, { allocate: { lookup: { accountNumber: 'RF-3' }, amount: '14.000' }, channel: 'knet', language: 'ar', idempotencyKey: 'refund-overpay-1' },
      captureAll, () => ({ responseUrl: 'http://127.0.0.1:9/r', errorUrl: 'http://127.0.0.1:9/e' }), 'KWD');
    await settleWithGateway(t.ctx, anonymousActor, captureAll, (await findPayment(t.ctx.db, started.paymentId))!);
    expect(await creditBalance(t.ctx, 'acct-RF-3', 'KWD')).toBe(4_000n);
    const refunded = await refundPayment(t.ctx, admin, { paymentId: started.paymentId, reason: 'customer asked' }, captureAll);
    expect(refunded).toMatchObject({ amount: 14_000n, status: 'refunded', refundStatus: 'refunded' });
    expect(await creditBalance(t.ctx, 'acct-RF-3', 'KWD')).toBe(0n);
    expect(await ledger.balance(t.ctx, receivableAccountOf(bill))).toBe(10_000n);
    expect(await ledger.balance(t.ctx, 'clearing:knet')).toBe(0n);
    await expectBalancedLedger(t.ctx);
  });
});

describe('the receipt attached to the payment.received email', () => {
  it('is the receipt PDF in the person\'s language, provided to every process that starts the workers', async () => {
    const bill = await issueTestPayable(t.ctx, { amount: 4_250n, accountNumber: 'AT-1' });
    const paid = await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: 'AT-1', items: [{ payableId: bill.id, amount: 4_250n }], currency: 'KWD' });
    const provider = attachmentProviderFor(emailAttachments(), 'payment.received');
    expect(provider).toBeDefined();
    const receiptNumber = paid.payment.receiptNumber!;
    const event = { topic: 'payment.received' as const, outboxId: 1n, payload: { personId: null, paymentId: paid.payment.id, receiptNumber, vars: {} } };
    const [attachment] = await provider!(t.ctx, event, 'ar');
    expect(attachment).toMatchObject({ filename: `receipt-${receiptNumber}-ar.pdf`, contentType: 'application/pdf' });
    expect(attachment!.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
