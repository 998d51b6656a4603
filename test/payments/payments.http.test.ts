// The payments API through app.inject: inquiry (validation, masking, audit, rate limit), checkout refusals (each
// with its code, audited, ledger untouched), idempotency, allocation, the bank channel (HMAC) and the cashier's
// counter, refunds and what the receipt's verification page then says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKuwaitiCivilId } from '../../src/shared/civil-id.js';
import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import { auditByAction } from '../../src/platform/audit.js';
import { payables, receivableAccountOf } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { findPayment, itemsOf } from '../../src/modules/payments/payments.store.js';
import { createTestApp, signIn } from '../support/app.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, type PaymentsHarness } from './harness.js';
import { eventually } from '../support/wait.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let h: PaymentsHarness;
let person: SeededPerson;
const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;

beforeAll(async () => {
  h = await startPaymentsHarness();
  person = (await seedDemo(h.ctx, { people: 2 })).people[1]!;
});
afterAll(async () => h?.stop());

function signedPost(url: string, body: unknown, client: { keyId: string; secret: string } = bank) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
  return h.app.inject({
    method: 'POST', url, payload: text,
    headers: { 'content-type': 'application/json', 'x-tasdeed-key': client.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(client.secret, 'POST', url, timestamp, text) },
  });
}

const refusedCount = async (action: string) => (await auditByAction(h.ctx, action, 1000)).filter((r) => r.outcome === 'refused').length;

describe('GET /api/v1/dues', () => {
  it('refuses an invalid civil ID with civil_id_invalid, and a look-up without exactly one key', async () => {
    const bad = await h.app.inject({ url: '/api/v1/dues?civilId=123456789012' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('civil_id_invalid');
    expect((await h.app.inject({ url: '/api/v1/dues' })).json().code).toBe('lookup_required');
    expect((await h.app.inject({ url: `/api/v1/dues?civilId=${person.civilId}&plate=1-2` })).json().code).toBe('lookup_required');
  });

  it('finds by account, meter and plate, shows holds, and audits every look-up', async () => {
    // Payables carry the canonical plate (written with a slash); the inquiry accepts any way of writing it.
    const held = await issueTestPayable(h.ctx, { billerCode: 'moi-traffic', amount: 150_000n, plate: '44/55667', payableOnline: false });
    const metered = await issueTestPayable(h.ctx, { billerCode: 'mew-water', amount: 2_000n, accountNumber: 'W-1', meterNumber: 'M-77' });
    const before = (await auditByAction(h.ctx, 'dues.inquiry', 1000)).length;
    const byPlate = (await h.app.inject({ url: '/api/v1/dues?plate=44-55667' })).json();
    expect(byPlate.payables).toEqual([]);
    expect(byPlate.held[0]).toMatchObject({ id: held.id, payableOnline: false, holdReason: { en: 'Held for legal process' }, allowsPartialPayment: false, owner: null });
    expect((await h.app.inject({ url: '/api/v1/dues?meterNumber=M-77' })).json().payables[0].id).toBe(metered.id);
    expect((await h.app.inject({ url: '/api/v1/dues?accountNumber=W-1' })).json()).toMatchObject({ total: '2.000', currency: 'KWD' });
    expect((await h.app.inject({ url: '/api/v1/dues?accountNumber=NOPE' })).json()).toEqual({ payables: [], held: [], total: '0.000', heldTotal: '0.000', currency: 'KWD' });
    const rows = await auditByAction(h.ctx, 'dues.inquiry', 1000);
    expect(rows.length).toBe(before + 4);
    expect(rows[0]).toMatchObject({ entityId: 'accountNumber:NOPE', actorKind: 'anonymous' });
  });

  it('keeps held items apart and totals only what can be paid now (#16: a held 150 KD fine beside 206.897 payable)', async () => {
    const civilId = makeKuwaitiCivilId('1990-01-01', 4242);
    const fine = await issueTestPayable(h.ctx, { billerCode: 'moi-traffic', amount: 150_000n, civilId, plate: '45/10001', payableOnline: false });
    const bill = await issueTestPayable(h.ctx, { billerCode: 'mew-electricity', amount: 206_897n, civilId, accountNumber: 'HELD-1' });
    const dues = (await h.app.inject({ url: `/api/v1/dues?civilId=${civilId}` })).json();
    expect(dues.payables.map((p: { id: string }) => p.id)).toEqual([bill.id]);
    expect(dues.held.map((p: { id: string }) => p.id)).toEqual([fine.id]);
    expect(dues).toMatchObject({ total: '206.897', heldTotal: '150.000', currency: 'KWD' });
  });

  it('is rate limited per client', async () => {
    const t = await createTestApp({ config: { INQUIRY_RATE_LIMIT_PER_MINUTE: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await t.app.inject({ url: '/api/v1/dues?plate=1-1' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const limited = await t.app.inject({ url: '/api/v1/dues?plate=1-1' });
      expect(limited.json().code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});

describe('POST /api/v1/checkout refusals', () => {
  it('refuses each bad request with its code, audits it, and leaves the ledger alone', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 20_000n, accountNumber: 'R-1' });
    const fine = await issueTestPayable(h.ctx, { billerCode: 'moi-traffic', amount: 30_000n, plate: 'R-2' });
    const held = await issueTestPayable(h.ctx, { billerCode: 'moi-traffic', amount: 30_000n, plate: 'R-3', payableOnline: false });
    const paid = await issueTestPayable(h.ctx, { amount: 1_000n, accountNumber: 'R-4' });
    await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'R-4-paid', items: [{ payableId: paid.id, amount: '1.000' }] });
    const cancelled = await issueTestPayable(h.ctx, { amount: 1_000n, accountNumber: 'R-5' });
    await payables.cancel(h.ctx, cancelled.id);
    const clearing = await ledger.balance(h.ctx, 'clearing:knet');
    const cases: [unknown, number, string][] = [
      [{ items: [{ payableId: bill.id, amount: '25.000' }] }, 409, 'payable_overpaid'],
      [{ items: [{ payableId: bill.id, amount: '0.500' }] }, 409, 'payment_below_minimum'],
      [{ items: [{ payableId: fine.id, amount: '10.000' }] }, 409, 'payment_partial_not_allowed'],
      [{ items: [{ payableId: bill.id, amount: '-1.000' }] }, 400, 'amount_invalid'],
      [{ items: [{ payableId: bill.id, amount: '12,5' }] }, 400, 'amount_invalid'],
      [{ items: [{ payableId: bill.id, amount: '1.0001' }] }, 400, 'amount_too_precise'],
      [{ items: [{ payableId: bill.id, amount: '0' }] }, 400, 'amount_not_positive'],
      [{ items: [{ payableId: 'pbl_NOSUCH' }] }, 404, 'payable_not_found'],
      [{ items: [{ payableId: paid.id }] }, 409, 'payable_already_paid'],
      [{ items: [{ payableId: cancelled.id }] }, 409, 'payable_cancelled'],
      [{ items: [{ payableId: held.id }] }, 409, 'payable_not_payable_online'],
      [{ items: [{ payableId: bill.id }, { payableId: bill.id }] }, 400, 'payment_items_duplicate'],
      [{ items: [] }, 400, 'payment_items_required'],
      [{ allocate: { lookup: { accountNumber: 'EMPTY-1' }, amount: '5.000' } }, 409, 'nothing_due'],
    ];
    const before = await refusedCount('payment.checkout');
    for (const [body, status, code] of cases) {
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: body as object, headers: { 'idempotency-key': randomUUID() } });
      expect({ code: response.json().code, status: response.statusCode }, JSON.stringify(body)).toEqual({ code, status });
    }
    expect(await refusedCount('payment.checkout')).toBe(before + cases.length);
    expect(await ledger.balance(h.ctx, 'clearing:knet')).toBe(clearing);
    expect((await payables.find(h.ctx, bill.id))!.amountPaid).toBe(0n);
  });

  it('needs an idempotency key', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 1_000n, accountNumber: 'R-6' });
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: bill.id }] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toMatchObject({ field: 'idempotencyKey' });
  });
});

describe('checkout', () => {
  it('answers a retry with the same key with the first result, and refuses the key for another request', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 4_000n, accountNumber: 'I-1' });
    const key = randomUUID();
    // Signed in: keys are the payer's own, so another request with the same key is a conflict.
    const cookie = await signIn(h.app, { civilId: person.civilId, password: DEMO_PASSWORD });
    const first = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { payableIds: [bill.id], idempotencyKey: key }, headers: { cookie } });
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { payableIds: [bill.id] }, headers: { 'idempotency-key': key, cookie } });
    expect(first.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: bill.id, amount: '2.000' }] }, headers: { 'idempotency-key': key, cookie } });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_conflict');
    // Anonymous keys are scoped by the request (issue #15): the same key for another request is another payment,
    // never a conflict naming someone else's (test/security/hardening.http.test.ts).
    const status = await h.app.inject({ url: `/api/v1/payments/${first.json().paymentId}` });
    expect(status.json()).toMatchObject({ status: 'pending', amount: '4.000', receiptNumber: null });
  });

  it('pays partly where the biller allows it', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 40_000n, accountNumber: 'P-1' });
    const started = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: bill.id, amount: '15.250' }] }, headers: { 'idempotency-key': randomUUID() } });
    expect(started.json()).toMatchObject({ amount: '15.250', status: 'pending' });
    expect((await itemsOf(h.ctx.db, [started.json().paymentId]))[0]!.amount).toBe(15_250n);
  });

  it('allocates an amount oldest due first, partly paying the first it cannot cover, and keeps the rest as credit', async () => {
    const older = await issueTestPayable(h.ctx, { amount: 10_000n, accountNumber: 'A-1', dueDate: '2026-10-01' });
    const newer = await issueTestPayable(h.ctx, { amount: 10_000n, accountNumber: 'A-1', dueDate: '2026-11-01' });
    const partly = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { allocate: { lookup: { accountNumber: 'A-1' }, amount: '15.000' } }, headers: { 'idempotency-key': randomUUID() } });
    const items = await itemsOf(h.ctx.db, [partly.json().paymentId]);
    expect(items.map((i) => [i.payableId, i.amount])).toEqual([[older.id, 10_000n], [newer.id, 5_000n]]);
    const over = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { allocate: { lookup: { accountNumber: 'A-1' }, amount: '25.000' } }, headers: { 'idempotency-key': randomUUID() } });
    const payment = (await findPayment(h.ctx.db, over.json().paymentId))!;
    expect(payment).toMatchObject({ amount: 25_000n, creditAmount: 5_000n, creditParty: 'acct-A-1' });
  });

  it('allocates past a payable that cannot take a part payment (issue #16, 9): 50 KD over bill 10, fine 150, bill 20', async () => {
    const first = await issueTestPayable(h.ctx, { amount: 10_000n, accountNumber: 'A-9', dueDate: '2026-09-01' });
    const fine = await issueTestPayable(h.ctx, { billerCode: 'moi-traffic', amount: 150_000n, accountNumber: 'A-9', dueDate: '2026-10-01' });
    const last = await issueTestPayable(h.ctx, { amount: 20_000n, accountNumber: 'A-9', dueDate: '2026-11-01' });
    const started = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { allocate: { lookup: { accountNumber: 'A-9' }, amount: '50.000' } }, headers: { 'idempotency-key': randomUUID() } });
    expect(started.statusCode).toBe(200);
    const items = await itemsOf(h.ctx.db, [started.json().paymentId]);
    expect(items.map((i) => [i.payableId, i.amount])).toEqual([[first.id, 10_000n], [last.id, 20_000n]]);
    // Through the card gateway to the ledger: both bills paid in full, the fine untouched, the rest the payer's credit.
    const row = (await findPayment(h.ctx.db, started.json().paymentId))!;
    const knetPaymentId = await openHostedPage(h.sim, started.json().redirectUrl, row.trackId!);
    await chooseOnHostedPage(h.sim, knetPaymentId, 'approve');
    await eventually(async () => expect((await findPayment(h.ctx.db, row.id))!.status).toBe('posted'));
    expect(await ledger.balance(h.ctx, receivableAccountOf(first))).toBe(0n);
    expect(await ledger.balance(h.ctx, receivableAccountOf(last))).toBe(0n);
    expect(await ledger.balance(h.ctx, receivableAccountOf(fine))).toBe(150_000n);
    expect((await findPayment(h.ctx.db, row.id))!).toMatchObject({ amount: 50_000n, creditAmount: 20_000n });
    await expectBalancedLedger(h.ctx);
  });
});

describe('bank and counter channels', () => {
  it('posts a signed bank payment once per bank transaction id, with a BNK receipt', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 7_000n, accountNumber: 'B-1', civilId: person.civilId, personId: person.id });
    const body = { channel: 'bank', externalId: 'NBK-2026-0001', items: [{ payableId: bill.id, amount: '7.000' }] };
    const first = await signedPost('/api/v1/payments', body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'posted', replayed: false, amount: '7.000' });
    expect(first.json().receiptNumber).toMatch(/^BNK-\d{4}-\d{6}$/);
    const again = await signedPost('/api/v1/payments', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ paymentId: first.json().paymentId, replayed: true });
    expect(await ledger.balance(h.ctx, receivableAccountOf(bill))).toBe(0n);
    expect(await ledger.balance(h.ctx, 'clearing:bank')).toBeGreaterThanOrEqual(7_000n);
  });

  it("refuses a bank payment for more than is due, audited; a citizen may not post; a cashier's counter cash needs a drawer", async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 3_000n, accountNumber: 'B-2' });
    const before = await refusedCount('payment.channel');
    const over = await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'NBK-over', items: [{ payableId: bill.id, amount: '3.001' }] });
    expect(over.json().code).toBe('payable_overpaid');
    const negative = await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'NBK-neg', items: [{ payableId: bill.id, amount: '-3' }] });
    expect(negative.json().code).toBe('amount_invalid');
    const asCounter = await signedPost('/api/v1/payments', { channel: 'counter', externalId: 'NBK-ctr', items: [{ payableId: bill.id, amount: '3.000' }] });
    expect(asCounter.statusCode).toBe(403);
    expect(await refusedCount('payment.channel')).toBe(before + 3);
    const citizen = await signIn(h.app, { civilId: person.civilId, password: DEMO_PASSWORD });
    const byCitizen = await h.app.inject({ method: 'POST', url: '/api/v1/payments', payload: { channel: 'counter', externalId: 'X', items: [{ payableId: bill.id, amount: '3.000' }] }, headers: { cookie: citizen } });
    expect(byCitizen.statusCode).toBe(403);
    const cashier = await signIn(h.app, { username: 'cashier', password: DEMO_PASSWORD });
    // Counter cash goes through an open drawer (/api/v1/counter/payments), never straight here.
    const counter = await h.app.inject({ method: 'POST', url: '/api/v1/payments', payload: { channel: 'counter', externalId: 'CTR-1', items: [{ payableId: bill.id, amount: '3.000' }] }, headers: { cookie: cashier } });
    expect(counter.statusCode).toBe(409);
    expect(counter.json().code).toBe('payment_counter_needs_drawer');
    expect((await payables.find(h.ctx, bill.id))?.status).toBe('open');
    await expectBalancedLedger(h.ctx);
  });
});

describe('GET /api/v1/me/payments', () => {
  it("lists the citizen's payments newest first, including a bank payment of their bill, and nobody else's", async () => {
    const own = await issueTestPayable(h.ctx, { amount: 2_000n, accountNumber: 'H-1', civilId: person.civilId, personId: person.id });
    const other = await issueTestPayable(h.ctx, { amount: 2_500n, accountNumber: 'H-2' });
    const paidOwn = await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'HIST-1', items: [{ payableId: own.id, amount: '2.000' }] });
    const paidOther = await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'HIST-2', items: [{ payableId: other.id, amount: '2.500' }] });
    expect((await h.app.inject('/api/v1/me/payments')).statusCode).toBe(401);
    const citizen = await signIn(h.app, { civilId: person.civilId, password: DEMO_PASSWORD });
    const history = (await h.app.inject({ url: '/api/v1/me/payments', headers: { cookie: citizen } })).json().payments as { paymentId: string; receiptNumber: string }[];
    const ids = history.map((p) => p.paymentId);
    expect(ids).toContain(paidOwn.json().paymentId);
    expect(ids).not.toContain(paidOther.json().paymentId);
    expect(history.find((p) => p.paymentId === paidOwn.json().paymentId)).toMatchObject({ status: 'posted', amount: '2.000', receiptNumber: paidOwn.json().receiptNumber });
  });
});

describe('refunds and reversals', () => {
  it('an admin refunds with a reason: the ledger mirrors the payment, the payable reopens, the receipt says refunded', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 11_000n, accountNumber: 'F-1', civilId: person.civilId });
    const paid = (await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'NBK-refund', items: [{ payableId: bill.id, amount: '11.000' }] })).json();
    const verify = new URL(paid.verifyUrl);
    expect(await (await fetch(`${h.baseUrl}${verify.pathname}${verify.search}`)).text()).toContain('Genuine receipt');
    const clearingBefore = await ledger.balance(h.ctx, 'clearing:bank');

    const cashier = await signIn(h.app, { username: 'cashier', password: DEMO_PASSWORD });
    const notAdmin = await h.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.paymentId}/refund`, payload: { reason: 'customer asked' }, headers: { cookie: cashier } });
    expect(notAdmin.statusCode).toBe(403);
    const admin = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const noReason = await h.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.paymentId}/refund`, payload: { reason: '' }, headers: { cookie: admin } });
    expect(noReason.statusCode).toBe(400);
    const refunded = await h.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.paymentId}/refund`, payload: { reason: 'paid twice by mistake' }, headers: { cookie: admin } });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json()).toMatchObject({ amount: '11.000', status: 'refunded' });
    const twice = await h.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.paymentId}/refund`, payload: { reason: 'again' }, headers: { cookie: admin } });
    expect(twice.json().code).toBe('payment_already_refunded');

    expect((await payables.find(h.ctx, bill.id))).toMatchObject({ status: 'open', amountPaid: 0n });
    expect(await ledger.balance(h.ctx, receivableAccountOf(bill))).toBe(11_000n);
    expect(await ledger.balance(h.ctx, 'clearing:bank')).toBe(clearingBefore - 11_000n);
    const page = await (await fetch(`${h.baseUrl}${verify.pathname}${verify.search}`)).text();
    expect(page).toContain('Refunded');
    const receipt = await h.app.inject({ url: `/api/v1/receipts/${paid.receiptNumber}`, headers: { cookie: admin } });
    expect(receipt.json()).toMatchObject({ status: 'refunded', refunded: '11.000' });
    const audit = await auditByAction(h.ctx, 'payment.refund', 10);
    expect(audit.find((row) => row.entityId === paid.paymentId && row.outcome === 'ok')?.detail).toMatchObject({ reason: 'paid twice by mistake' });
    await expectBalancedLedger(h.ctx);
  });

  it('a reversal marks the receipt reversed', async () => {
    const bill = await issueTestPayable(h.ctx, { amount: 2_500n, accountNumber: 'F-2' });
    const paid = (await signedPost('/api/v1/payments', { channel: 'bank', externalId: 'NBK-reverse', items: [{ payableId: bill.id, amount: '2.500' }] })).json();
    const admin = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const reversed = await h.app.inject({ method: 'POST', url: `/api/v1/payments/${paid.paymentId}/refund`, payload: { reason: 'bank reversal notice', kind: 'reversal' }, headers: { cookie: admin } });
    expect(reversed.json().status).toBe('reversed');
    const verify = new URL(paid.verifyUrl);
    expect(await (await fetch(`${h.baseUrl}${verify.pathname}${verify.search}`)).text()).toContain('Reversed');
  });
});

