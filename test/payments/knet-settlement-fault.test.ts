// The daily KNET settlement check against a real simulator. A stand-in merchant server sits between the
// simulator and Tasdeed: for one attempt it hands KNET's notification to Tasdeed (which posts) and then loses
// Tasdeed's `REDIRECT=` answer on the way back, so KNET voids a payment Tasdeed posted; for another it swallows
// the notification, so KNET captured a payment Tasdeed never posted. The next settlement run must show both as
// the day's exceptions and fix each with a ledger posting; a second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { anonymousActor, systemActor } from '../../src/platform/actor.js';
import { auditByAction } from '../../src/platform/audit.js';
import { localDate } from '../../src/platform/clock.js';
import { payables, receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { listKnetSettlementExceptions, runKnetSettlement } from '../../src/modules/payments/knet-settlement.service.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { signIn } from '../support/app.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, type PaymentsHarness } from './harness.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

type Mode = 'post-then-lose-answer' | 'swallow';

let h: PaymentsHarness;
let person: SeededPerson;
let merchant: Server;
let merchantUrl: string;
const modes = new Map<string, Mode>();
const tasdeedAnswers = new Map<string, string>();

beforeAll(async () => {
  h = await startPaymentsHarness();
  person = (await seedDemo(h.ctx, { people: 2 })).people[1]!;
  merchant = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      const trackId = fields.trackid ?? '';
      void (async () => {
        if (modes.get(trackId) === 'post-then-lose-answer') {
          // Tasdeed gets the notification and posts; its answer is then lost before it reaches KNET.
          const answer = await h.app.inject({ method: 'POST', url: '/api/v1/payments/knet/response', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
          tasdeedAnswers.set(trackId, answer.body);
          response.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway');
          return;
        }
        response.writeHead(200, { 'content-type': 'text/plain' }).end('REDIRECT=http://127.0.0.1/elsewhere');
      })();
    });
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => merchant?.close(resolve));
  await h?.stop();
});

async function checkoutThrough(payable: PayableRow, mode: Mode) {
  const started = await startCheckout(h.ctx, anonymousActor, { items: [{ payableId: payable.id }], channel: 'knet', language: 'ar', idempotencyKey: randomUUID() }, h.gateway,
    () => ({ responseUrl: `${merchantUrl}/response`, errorUrl: `${merchantUrl}/error` }), 'KWD');
  const payment = (await findPayment(h.ctx.db, started.paymentId))!;
  modes.set(payment.trackId!, mode);
  const knetPaymentId = await openHostedPage(h.sim, started.redirectUrl!, payment.trackId!);
  const chosen = await chooseOnHostedPage(h.sim, knetPaymentId, 'approve');
  return { payment, knetPaymentId, knetState: chosen.transaction.state };
}

const today = () => localDate(h.clock.now(), 'Asia/Kuwait');
const admin = systemActor('settlement-test');

describe('KNET settlement', () => {
  it('reverses a payment Tasdeed posted but KNET voided (the REDIRECT= answer was lost), once', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 7_250n, civilId: person.civilId, accountNumber: '93001' });
    const { payment, knetPaymentId, knetState } = await checkoutThrough(payable, 'post-then-lose-answer');
    // Tasdeed posted and answered REDIRECT=; KNET never got it and voided.
    expect(tasdeedAnswers.get(payment.trackId!)).toBe(`REDIRECT=${h.baseUrl}/pay/result/${payment.id}`);
    expect(knetState).toBe('reversed');
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'posted', gatewayPaymentId: knetPaymentId });
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);

    const first = await runKnetSettlement(h.ctx, admin, h.gateway, today());
    const found = first.found.filter((f) => f.paymentId === payment.id);
    expect(found).toEqual([{ kind: 'posted_but_voided', paymentId: payment.id, status: 'resolved', resolutionRef: expect.stringMatching(/^reversal:/) }]);
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'reversed', refundedAmount: 7_250n });
    // The fix is a ledger posting: the receivable is owed again and the KNET clearing account gave the money back.
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(7_250n);
    expect((await payables.find(h.ctx, payable.id))!.amountPaid).toBe(0n);
    await expectBalancedLedger(h.ctx);

    const listed = await listKnetSettlementExceptions(h.ctx, admin, today());
    expect(listed.filter((row) => row.paymentId === payment.id)).toMatchObject([{ kind: 'posted_but_voided', knetPaymentId, amount: 7_250n, tasdeedStatus: 'posted', knetResult: 'not_captured' }]);
    expect((await auditByAction(h.ctx, 'knet_settlement.posted_but_voided', 100)).filter((row) => row.entityId === payment.id)).toHaveLength(1);

    // Twice: nothing new, nothing moves.
    const second = await runKnetSettlement(h.ctx, admin, h.gateway, today());
    expect(second.found.filter((f) => f.paymentId === payment.id)).toEqual([]);
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(7_250n);
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'reversed', refundedAmount: 7_250n });
    expect(await listKnetSettlementExceptions(h.ctx, admin, today())).toHaveLength(listed.length);
    await expectBalancedLedger(h.ctx);
  });

  it('posts a payment KNET captured but Tasdeed never heard about, once', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 4_500n, civilId: person.civilId, accountNumber: '93002' });
    const { payment, knetState } = await checkoutThrough(payable, 'swallow');
    expect(knetState).toBe('captured');
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'pending' });

    const first = await runKnetSettlement(h.ctx, admin, h.gateway, today());
    expect(first.found.filter((f) => f.paymentId === payment.id)).toEqual([{ kind: 'captured_not_posted', paymentId: payment.id, status: 'resolved', resolutionRef: `payment:${payment.id}` }]);
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'posted' });
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);
    await expectBalancedLedger(h.ctx);

    const count = (await listKnetSettlementExceptions(h.ctx, admin, today())).length;
    const second = await runKnetSettlement(h.ctx, admin, h.gateway, today());
    expect(second.found).toEqual([]);
    expect(second.agreed).toBe(second.attempts - second.unanswered);
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);
    expect(await listKnetSettlementExceptions(h.ctx, admin, today())).toHaveLength(count);
    await expectBalancedLedger(h.ctx);
  });

  it('an admin runs it and lists the day through the API; others are refused', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 1_125n, civilId: person.civilId, accountNumber: '93003' });
    const { payment } = await checkoutThrough(payable, 'post-then-lose-answer');
    const admin = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const anonymous = await h.app.inject({ method: 'POST', url: `/api/v1/admin/knet-settlement/${today()}/run` });
    expect(anonymous.statusCode).toBe(401);
    const run = await h.app.inject({ method: 'POST', url: `/api/v1/admin/knet-settlement/${today()}/run`, headers: { cookie: admin } });
    expect(run.statusCode).toBe(200);
    expect(run.json().found).toEqual([{ kind: 'posted_but_voided', paymentId: payment.id, status: 'resolved', resolutionRef: expect.stringMatching(/^reversal:/) }]);
    const listed = await h.app.inject({ url: `/api/v1/admin/knet-settlement/${today()}/exceptions`, headers: { cookie: admin } });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().exceptions).toContainEqual(expect.objectContaining({ paymentId: payment.id, kind: 'posted_but_voided', amount: '1.125', currency: 'KWD', status: 'resolved' }));
    const badDate = await h.app.inject({ url: '/api/v1/admin/knet-settlement/2026-13-01/exceptions', headers: { cookie: admin } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().code).toBe('validation_failed');
    await expectBalancedLedger(h.ctx);
  });

  it('refuses a malformed date and a non-admin', async () => {
    await expect(runKnetSettlement(h.ctx, admin, h.gateway, '2026-02-30')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(runKnetSettlement(h.ctx, anonymousActor, h.gateway, today())).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
