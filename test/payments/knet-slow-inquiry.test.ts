// KNET voids a capture whose merchant does not answer `REDIRECT=` in time. Our response handler records the
// notification, answers, and confirms by inquiry behind the answer, so a slow KNET inquiry (held in the
// simulator until the test releases it) never costs the customer's payment. And KNET's error URL with only
// clear parameters still leads to that payment's page and starts its inquiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { anonymousActor } from '../../src/platform/actor.js';
import { auditTrail } from '../../src/platform/audit.js';
import { receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { waitUntil } from '../support/wait.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, type PaymentsHarness } from './harness.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let h: PaymentsHarness;
let person: SeededPerson;

beforeAll(async () => {
  h = await startPaymentsHarness();
  person = (await seedDemo(h.ctx, { people: 2 })).people[1]!;
});
afterAll(async () => {
  await h?.stop();
});

async function checkoutToOurServer(payable: PayableRow) {
  const started = await startCheckout(h.ctx, anonymousActor, { items: [{ payableId: payable.id }], channel: 'knet', language: 'en', idempotencyKey: randomUUID() }, h.gateway,
    (paymentId) => ({ responseUrl: `${h.baseUrl}/api/v1/payments/knet/response`, errorUrl: `${h.baseUrl}/api/v1/payments/knet/error?payment=${paymentId}` }), 'KWD');
  const payment = (await findPayment(h.ctx.db, started.paymentId))!;
  const knetPaymentId = await openHostedPage(h.sim, started.redirectUrl!, payment.trackId!);
  return { payment, knetPaymentId };
}

describe('a slow KNET inquiry', () => {
  it('does not hold the REDIRECT= answer: KNET keeps the capture, and the payment posts once the inquiry returns', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 3_750n, civilId: person.civilId, accountNumber: '94001' });
    const { payment, knetPaymentId } = await checkoutToOurServer(payable);
    const hold = h.sim.holdInquiries();
    try {
      const chosen = await chooseOnHostedPage(h.sim, knetPaymentId, 'approve');
      await hold.reached; // our inquiry is out, and KNET has not answered it
      // KNET got its answer while the inquiry was still waiting, so it did not void.
      expect(chosen.transaction.notification).toMatchObject({ delivered: true, reply: `REDIRECT=${h.baseUrl}/pay/result/${payment.id}` });
      expect(chosen.transaction.state).toBe('captured');
      expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'pending' });
      // The notification itself is on record before the confirmation.
      expect((await auditTrail(h.ctx, 'payment', payment.id)).some((row) => row.action === 'payment.gateway_callback' && row.outcome === 'ok')).toBe(true);
    } finally {
      hold.release();
    }
    const posted = await waitUntil(async () => {
      const row = await findPayment(h.ctx.db, payment.id);
      return row?.status === 'posted' && row;
    }, 'the background confirmation to post the payment');
    expect(posted.gatewayPaymentId).toBe(knetPaymentId);
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);
    await expectBalancedLedger(h.ctx);
  });
});

describe('the error URL with clear parameters only', () => {
  it("shows that payment's own page and asks KNET about it", async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 2_000n, civilId: person.civilId, accountNumber: '94002' });
    const { payment, knetPaymentId } = await checkoutToOurServer(payable);
    // A host timeout: KNET notifies nobody, so only the error URL can tell us to ask.
    const chosen = await chooseOnHostedPage(h.sim, knetPaymentId, 'timeout');
    expect(chosen.transaction.state).toBe('host_timeout');
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'pending' });
    // A browser arriving with only the clear parameters (no trandata), as some KNET kits send them.
    const query = new URLSearchParams({ Error: 'IPAY0100158', ErrorText: 'Host timeout', paymentid: knetPaymentId, trackid: payment.trackId!, amt: '2.000' });
    const answer = await h.app.inject({ url: `/api/v1/payments/knet/error?${query.toString()}` });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe(`${h.baseUrl}/pay/result/${payment.id}`);
    const trail = await auditTrail(h.ctx, 'payment', payment.id);
    expect(trail.find((row) => row.action === 'payment.gateway_error_url')?.detail).toMatchObject({ error: 'IPAY0100158', gatewayPaymentId: knetPaymentId, trackId: payment.trackId });
    // Its inquiry ran: KNET answers host timeout, so the payment is closed with that reason.
    const closed = await waitUntil(async () => { const row = await findPayment(h.ctx.db, payment.id); return row?.status === 'failed' && row; }, 'the payment to close');
    expect(closed.failureCode).toBe('gateway_host_timeout');
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(2_000n);
    // An unknown track id still lands on the "unknown payment" page, and nothing is recorded against anyone.
    const unknown = await h.app.inject({ url: `/api/v1/payments/knet/error?${new URLSearchParams({ Error: 'IPAY0100249', trackid: 'NOSUCHTRACK1' }).toString()}` });
    expect(unknown.headers.location).toBe(`${h.baseUrl}/pay/result/unknown`);
  });
});
