// The kiosk channel: a KNET card payment made at a self-service kiosk. It goes through the same checkout and KNET
// handshake as the portal's, is recorded under channel `kiosk`, comes back to the kiosk's own result page and is
// numbered from the kiosk's own yearly sequence (KSK-2026-000001, starting again each year). A replayed KNET
// response posts nothing more; bad input is refused with its code and writes nothing; KSK is no office's code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { anonymousActor } from '../../src/platform/actor.js';
import { inTransaction } from '../../src/platform/context.js';
import { payables, receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { receiptYear } from '../../src/modules/payments/posting.js';
import { drawYearlyReceiptNumber, findPayment } from '../../src/modules/payments/payments.store.js';
import { signIn } from '../support/app.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, startRecordingMerchant, type PaymentsHarness, type RecordingMerchant } from './harness.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let h: PaymentsHarness;
let person: SeededPerson;
let merchant: RecordingMerchant;
const KSK = /^KSK-(\d{4})-(\d{6})$/;

beforeAll(async () => {
  h = await startPaymentsHarness();
  person = (await seedDemo(h.ctx, { people: 2 })).people[1]!;
  merchant = await startRecordingMerchant();
});
afterAll(async () => {
  await merchant?.close();
  await h?.stop();
});

const checkout = (body: Record<string, unknown>) =>
  h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: body, headers: { 'idempotency-key': randomUUID() } });

const paymentCount = async () => (await h.ctx.db.execute('SELECT count(*)::int AS n FROM payments') as unknown as { rows: { n: number }[] }).rows[0]!.n;

/** A kiosk checkout through the API, approved on the simulator's page (which tells our server). */
async function payAtKiosk(payable: PayableRow) {
  const started = await checkout({ payableIds: [payable.id], channel: 'kiosk', language: 'ar' });
  expect(started.statusCode).toBe(200);
  const body = started.json() as { paymentId: string; redirectUrl: string };
  const row = (await findPayment(h.ctx.db, body.paymentId))!;
  expect(row).toMatchObject({ channel: 'kiosk', status: 'pending', gateway: 'knet' });
  const outcome = await chooseOnHostedPage(h.sim, await openHostedPage(h.sim, body.redirectUrl, row.trackId!), 'approve');
  expect(outcome.transaction.notification).toMatchObject({ delivered: true });
  return { outcome, payment: (await findPayment(h.ctx.db, body.paymentId))! };
}

describe('paying at a kiosk through KNET', () => {
  it('posts under channel kiosk, returns to the kiosk result page, and numbers receipts KSK-<year>-NNNNNN in sequence', async () => {
    const first = await issueTestPayable(h.ctx, { amount: 7_250n, civilId: person.civilId, accountNumber: '770001' });
    const second = await issueTestPayable(h.ctx, { amount: 3_000n, civilId: person.civilId, accountNumber: '770002' });
    const paidFirst = await payAtKiosk(first);
    expect(paidFirst.outcome.redirectUrl).toBe(`${h.baseUrl}/kiosk/result/${paidFirst.payment.id}`);
    expect(paidFirst.payment).toMatchObject({ status: 'posted', channel: 'kiosk', receiptPoint: 'KSK' });
    const paidSecond = await payAtKiosk(second);
    const [, year1, n1] = KSK.exec(paidFirst.payment.receiptNumber ?? '') ?? [];
    const [, year2, n2] = KSK.exec(paidSecond.payment.receiptNumber ?? '') ?? [];
    expect(year1).toBe(receiptYear(h.ctx));
    expect(year2).toBe(year1);
    expect(Number(n2)).toBe(Number(n1) + 1);

    // The money sits in KNET's clearing account like the web's, and the payables are paid.
    expect(await ledger.balance(h.ctx, receivableAccountOf(first))).toBe(0n);
    expect((await payables.find(h.ctx, second.id))!.amountPaid).toBe(3_000n);
    await expectBalancedLedger(h.ctx);

    // The receipt names the kiosk as its issuing point; the portal's own card payments still draw WEB numbers.
    const sig = new URL((await h.app.inject({ url: `/api/v1/payments/${paidFirst.payment.id}` })).json().verifyUrl).searchParams.get('sig');
    const receipt = await h.app.inject({ url: `/api/v1/receipts/${paidFirst.payment.receiptNumber}?sig=${sig}` });
    expect(receipt.json()).toMatchObject({ channel: 'kiosk', issuingPoint: { code: 'KSK', en: 'Self-service kiosk' }, total: '7.250' });
    const web = await issueTestPayable(h.ctx, { amount: 1_000n, civilId: person.civilId, accountNumber: '770003' });
    const webStarted = (await checkout({ payableIds: [web.id] })).json() as { paymentId: string; redirectUrl: string };
    const webRow = (await findPayment(h.ctx.db, webStarted.paymentId))!;
    await chooseOnHostedPage(h.sim, await openHostedPage(h.sim, webStarted.redirectUrl, webRow.trackId!), 'approve');
    expect((await findPayment(h.ctx.db, webRow.id))!.receiptNumber).toMatch(/^WEB-\d{4}-\d{6,}$/);
  });

  it('draws numbers once each under concurrent postings, and starts again at 000001 in a new year', async () => {
    const year = receiptYear(h.ctx);
    const before = await inTransaction(h.ctx, (tx) => drawYearlyReceiptNumber(tx.db, 'KSK', year));
    const drawn = await Promise.all(Array.from({ length: 8 }, () => inTransaction(h.ctx, (tx) => drawYearlyReceiptNumber(tx.db, 'KSK', year))));
    const numbers = drawn.map((n) => Number(KSK.exec(n)![2])).sort((a, b) => a - b);
    const start = Number(KSK.exec(before)![2]);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
    // A transaction that rolls back gives its number back: the next one draws it again (no gap).
    await expect(inTransaction(h.ctx, async (tx) => {
      await drawYearlyReceiptNumber(tx.db, 'KSK', year);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await inTransaction(h.ctx, (tx) => drawYearlyReceiptNumber(tx.db, 'KSK', year))).toBe(`KSK-${year}-${String(start + 9).padStart(6, '0')}`);
    const nextYear = String(Number(year) + 1);
    expect(await inTransaction(h.ctx, (tx) => drawYearlyReceiptNumber(tx.db, 'KSK', nextYear))).toBe(`KSK-${nextYear}-000001`);
  });

  it('posts once when KNET\'s response is delivered again (replayed)', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 4_500n, civilId: person.civilId, accountNumber: '770010' });
    const started = await startCheckout(h.ctx, anonymousActor, { items: [{ payableId: payable.id }], channel: 'kiosk', language: 'en', idempotencyKey: randomUUID() }, h.gateway,
      () => ({ responseUrl: `${merchant.url}/response`, errorUrl: `${merchant.url}/error` }), 'KWD');
    const pending = (await findPayment(h.ctx.db, started.paymentId))!;
    await chooseOnHostedPage(h.sim, await openHostedPage(h.sim, started.redirectUrl!, pending.trackId!), 'approve');
    const notification = merchant.notifications.get(pending.trackId!)!;
    expect(notification.trandata).toBeTruthy();
    const deliver = () => h.app.inject({ method: 'POST', url: '/api/v1/payments/knet/response', payload: new URLSearchParams(notification).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const answers = [await deliver(), await deliver(), await deliver()];
    for (const answer of answers) expect(answer.body).toBe(`REDIRECT=${h.baseUrl}/kiosk/result/${pending.id}`);
    // The first delivery may leave the confirmation running behind its answer: wait for it through the result API.
    const result = await h.app.inject({ url: `/api/v1/payments/${pending.id}/result` });
    expect(result.json()).toMatchObject({ status: 'posted', channel: 'kiosk' });
    const posted = (await findPayment(h.ctx.db, pending.id))!;
    expect(posted.receiptNumber).toMatch(KSK);
    expect((await payables.find(h.ctx, payable.id))!.amountPaid).toBe(4_500n);
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);
    const ledgerRows = (await h.ctx.db.execute(`SELECT count(*)::int AS n FROM ledger_transactions WHERE source_ref = '${pending.id}'`) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    expect(ledgerRows).toBe(1);
    await expectBalancedLedger(h.ctx);
  });
});

describe('bad input at the kiosk', () => {
  it('refuses an unknown channel, nothing to pay, an unknown payable and a malformed amount, writing nothing', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 2_000n, civilId: person.civilId, accountNumber: '770020' });
    const before = await paymentCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ payableIds: [payable.id], channel: 'atm' }, 'validation_failed'],
      [{ channel: 'kiosk' }, 'payment_items_required'],
      [{ payableIds: ['pbl_NOPE'], channel: 'kiosk' }, 'payable_not_found'],
      [{ items: [{ payableId: payable.id, amount: '-1' }], channel: 'kiosk' }, 'amount_invalid'],
      [{ allocate: { lookup: { civilId: person.civilId }, amount: '1.000' }, payableIds: [payable.id], channel: 'kiosk' }, 'validation_failed'],
    ];
    for (const [body, code] of cases) {
      const refused = await checkout(body);
      expect(refused.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
      const answer = refused.json() as { code: string; message: { ar: string; en: string } };
      expect(answer.code, JSON.stringify(body)).toBe(code);
      expect(answer.message.ar).toMatch(/[\u0600-\u06FF]/);
      expect(answer.message.en).toMatch(/[A-Za-z]/);
    }
    expect(await paymentCount()).toBe(before);
    expect((await payables.find(h.ctx, payable.id))!.amountPaid).toBe(0n);
  });

  it('keeps KSK from being an office code, with its own code in Arabic and English', async () => {
    const admin = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const offices = () => h.app.inject({ url: '/api/v1/counter/offices', headers: { cookie: admin } });
    const before = (await offices()).json().offices.length;
    const refused = await h.app.inject({ method: 'POST', url: '/api/v1/counter/offices', headers: { cookie: admin }, payload: { code: 'KSK', nameAr: 'كشك', nameEn: 'Kiosk' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('counter_office_code_reserved');
    expect(refused.json().message.ar).toMatch(/[\u0600-\u06FF]/);
    expect(refused.json().message.en).toMatch(/reserved/);
    expect((await offices()).json().offices.length).toBe(before);
  });
});
