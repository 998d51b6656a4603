// End to end over HTTP: inquiry → checkout → the KNET simulator's hosted page → approve / decline / cancel →
// the simulator's POST to our response URL (REDIRECT= handshake) → receipt JSON, PDF and verification page →
// ledger. No browser: the portal's own browser test drives the same flow through the UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { payables, receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { outbox } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { formatAmount } from '../../src/shared/money.js';
import { signIn } from '../support/app.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, type PaymentsHarness } from './harness.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let h: PaymentsHarness;
let citizen: SeededPerson;

beforeAll(async () => {
  h = await startPaymentsHarness();
  citizen = (await seedDemo(h.ctx, { people: 3 })).people[0]!;
});
afterAll(async () => h?.stop());

async function checkout(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: body, headers: { 'idempotency-key': randomUUID(), ...headers } });
}

async function payOnSimulator(payment: { paymentId: string; redirectUrl: string }, action: 'approve' | 'decline' | 'cancel' | 'timeout') {
  const row = await findPayment(h.ctx.db, payment.paymentId);
  const knetPaymentId = await openHostedPage(h.sim, payment.redirectUrl, row!.trackId!);
  return chooseOnHostedPage(h.sim, knetPaymentId, action);
}

describe('paying a bill and a fine through KNET', () => {
  let bill: PayableRow;
  let fine: PayableRow;

  beforeAll(async () => {
    bill = await issueTestPayable(h.ctx, { amount: 12_500n, civilId: citizen.civilId, personId: citizen.id, accountNumber: '880001', dueDate: '2026-11-10' });
    fine = await issueTestPayable(h.ctx, { billerCode: 'moi-traffic', amount: 30_000n, civilId: citizen.civilId, personId: citizen.id, plate: '11-22334', dueDate: '2026-11-20' });
  });

  it('finds both by civil ID without signing in, owner masked, and in full for the owner', async () => {
    const anonymous = await h.app.inject({ url: `/api/v1/dues?civilId=${citizen.civilId}` });
    expect(anonymous.statusCode).toBe(200);
    const dues = anonymous.json();
    // The demo seed gives this person fines of their own: ours are among them, oldest due first.
    const ids = dues.payables.map((p: { id: string }) => p.id);
    expect(ids.indexOf(bill.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(fine.id)).toBeGreaterThan(ids.indexOf(bill.id));
    const sum = dues.payables.reduce((total: bigint, p: { amountDue: string }) => total + BigInt(p.amountDue.replace('.', '')), 0n);
    expect(dues.total).toBe(formatAmount(sum, 'KWD'));
    expect(dues.payables.find((p: { id: string }) => p.id === bill.id)).toMatchObject({ amountDue: '12.500', currency: 'KWD', biller: { code: 'mew-electricity' }, payableOnline: true, holdReason: null });
    const masked = dues.payables.find((p: { id: string }) => p.id === bill.id).owner.name;
    expect(masked.en).toMatch(/^\S\*\*\*( \S\*\*\*)*$/);
    expect(masked.ar).toMatch(/^\S\*\*\*( \S\*\*\*)*$/);
    expect(masked.en).not.toBe(citizen.nameEn);
    const cookie = await signIn(h.app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
    const mine = await h.app.inject({ url: `/api/v1/dues?civilId=${citizen.civilId}`, headers: { cookie } });
    expect(mine.json().payables.find((p: { id: string }) => p.id === bill.id).owner.name).toEqual({ ar: citizen.nameAr, en: citizen.nameEn });
  });

  it('approves on the hosted page, posts once, and shows the receipt', async () => {
    const receivablesBefore = [await ledger.balance(h.ctx, receivableAccountOf(bill)), await ledger.balance(h.ctx, receivableAccountOf(fine))];
    const started = await checkout({ items: [{ payableId: bill.id }, { payableId: fine.id }], language: 'en' });
    expect(started.statusCode).toBe(200);
    const body = started.json();
    expect(body).toMatchObject({ status: 'pending', amount: '42.500', currency: 'KWD' });
    expect(body.redirectUrl).toContain(`${h.sim.url}/kpg/PaymentHTTP.htm?param=paymentInit`);
    // Nothing posts before KNET confirms.
    expect(await ledger.balance(h.ctx, 'clearing:knet')).toBe(0n);

    const outcome = await payOnSimulator(body, 'approve');
    expect(outcome.transaction.notification).toMatchObject({ delivered: true });
    expect(outcome.transaction.state).toBe('captured');
    expect(outcome.redirectUrl).toBe(`${h.baseUrl}/pay/result/${body.paymentId}`);

    const payment = await findPayment(h.ctx.db, body.paymentId);
    expect(payment).toMatchObject({ status: 'posted', amount: 42_500n });
    expect(payment!.receiptNumber).toMatch(/^WEB-\d{4}-\d{6}$/);
    expect((await payables.find(h.ctx, bill.id))!.status).toBe('paid');
    expect((await payables.find(h.ctx, fine.id))!.status).toBe('paid');
    expect(await ledger.balance(h.ctx, receivableAccountOf(bill))).toBe(receivablesBefore[0]! - 12_500n);
    expect(await ledger.balance(h.ctx, receivableAccountOf(bill))).toBe(0n); // the account's only bill
    expect(await ledger.balance(h.ctx, receivableAccountOf(fine))).toBe(receivablesBefore[1]! - 30_000n);
    expect(await ledger.balance(h.ctx, 'clearing:knet')).toBe(42_500n);
    await expectBalancedLedger(h.ctx);

    // The portal's page the browser lands on reads the payment's result (test/e2e/payment-result.test.ts shows it).
    const landed = (await (await fetch(`${h.baseUrl}/api/v1/payments/${body.paymentId}/result`)).json()) as { status: string; receiptNumber: string; items: unknown[] };
    expect(landed).toMatchObject({ status: 'posted', receiptNumber: payment!.receiptNumber });
    expect(landed.items).toHaveLength(2);

    // The receipt, queued for email/SMS through the outbox.
    const events = await h.ctx.db.select().from(outbox).where(eq(outbox.topic, 'payment.received'));
    const event = events.find((e) => (e.payload as { paymentId: string }).paymentId === body.paymentId);
    expect(event?.payload).toMatchObject({ personId: citizen.id, receiptNumber: payment!.receiptNumber, vars: { amount: '42.500', currency: 'KWD' } });

    // The receipt as JSON (owner), PDF, and the public verification page from the QR code.
    const cookie = await signIn(h.app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
    const receipt = await h.app.inject({ url: `/api/v1/receipts/${payment!.receiptNumber}`, headers: { cookie } });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ status: 'paid', total: '42.500', payer: { name: { en: citizen.nameEn } }, gateway: { name: 'KNET', paymentId: payment!.gatewayPaymentId } });
    expect(receipt.json().items).toHaveLength(2);
    for (const lang of ['ar', 'en']) {
      const pdf = await h.app.inject({ url: `/api/v1/receipts/${payment!.receiptNumber}/pdf?lang=${lang}`, headers: { cookie } });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const verifyUrl = new URL(receipt.json().verifyUrl);
    const genuine = await fetch(`${h.baseUrl}${verifyUrl.pathname}${verifyUrl.search}`);
    expect(genuine.status).toBe(200);
    expect(await genuine.text()).toContain('Genuine receipt');
    const forged = await fetch(`${h.baseUrl}${verifyUrl.pathname}?sig=AAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Not a genuine receipt');
    // Without the signature and without signing in, the receipt is not shown.
    expect((await h.app.inject({ url: `/api/v1/receipts/${payment!.receiptNumber}` })).statusCode).toBe(404);
  });

  for (const action of ['decline', 'cancel'] as const) {
    it(`${action}: nothing posts, the payable stays open, the page says not paid`, async () => {
      const open = await issueTestPayable(h.ctx, { amount: 7_250n, civilId: citizen.civilId, accountNumber: `88${action.length}` });
      const clearingBefore = await ledger.balance(h.ctx, 'clearing:knet');
      const started = (await checkout({ items: [{ payableId: open.id }] })).json();
      const outcome = await payOnSimulator(started, action);
      expect(outcome.transaction.notification).toMatchObject({ delivered: true });
      const payment = await findPayment(h.ctx.db, started.paymentId);
      expect(payment).toMatchObject({ status: 'failed', failureCode: action === 'decline' ? 'gateway_not_captured' : 'gateway_canceled', receiptNumber: null });
      expect((await payables.find(h.ctx, open.id))!.amountPaid).toBe(0n);
      expect(await ledger.balance(h.ctx, receivableAccountOf(open))).toBe(7_250n);
      expect(await ledger.balance(h.ctx, 'clearing:knet')).toBe(clearingBefore);
      await expectBalancedLedger(h.ctx);
      const paymentId = new URL(outcome.redirectUrl!).pathname.split('/').at(-1);
      const landed = (await (await fetch(`${h.baseUrl}/api/v1/payments/${paymentId}/result`)).json()) as { status: string; items: Array<{ payableId: string }> };
      expect(landed).toMatchObject({ status: 'failed', receiptNumber: null, items: [{ payableId: open.id, amount: '7.250' }] });
    });
  }
});
