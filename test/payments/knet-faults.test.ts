// The KNET response that never comes, comes twice, comes late, or was meddled with. A stand-in merchant server
// takes the simulator's notification (so ours never hears it) and keeps its body, which the tests then replay,
// tamper with and forge. Posting must happen once, only on a capture KNET confirms by inquiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { seedDemo } from '../../src/db/seed/index.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { anonymousActor } from '../../src/platform/actor.js';
import { auditByAction } from '../../src/platform/audit.js';
import { payables, receivableAccountOf, type PayableRow } from '../../src/modules/billers/billers.service.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import { startCheckout } from '../../src/modules/payments/checkout.service.js';
import { createKnetGateway } from '../../src/modules/payments/gateways/index.js';
import { encryptTrandata } from '../../src/modules/payments/gateways/knet/knet.crypto.js';
import { settleWithGateway } from '../../src/modules/payments/gateway-flow.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { reconcilePendingPayments } from '../../src/modules/payments/reconciler.worker.js';
import { KNET_DEMO_CREDENTIALS } from '../../src/dev/knet-sim/knet-sim.command.js';
import { chooseOnHostedPage, openHostedPage, startPaymentsHarness, startRecordingMerchant, type PaymentsHarness, type RecordingMerchant } from './harness.js';
import { expectBalancedLedger, issueTestPayable } from './support.js';

let h: PaymentsHarness;
let person: SeededPerson;
let merchant: RecordingMerchant;

beforeAll(async () => {
  h = await startPaymentsHarness();
  person = (await seedDemo(h.ctx, { people: 2 })).people[1]!;
  merchant = await startRecordingMerchant();
});
afterAll(async () => {
  await merchant?.close();
  await h?.stop();
});

/** A checkout whose KNET notification goes to the stand-in merchant: our server never hears from KNET. */
async function checkoutUnheard(payable: PayableRow, action: 'approve' | 'decline' | 'timeout' = 'approve') {
  const started = await startCheckout(h.ctx, anonymousActor, { items: [{ payableId: payable.id }], channel: 'knet', language: 'ar', idempotencyKey: randomUUID() }, h.gateway,
    () => ({ responseUrl: `${merchant.url}/response`, errorUrl: `${merchant.url}/error` }), 'KWD');
  const payment = (await findPayment(h.ctx.db, started.paymentId))!;
  const knetPaymentId = await openHostedPage(h.sim, started.redirectUrl!, payment.trackId!);
  await chooseOnHostedPage(h.sim, knetPaymentId, action);
  return { payment, notification: merchant.notifications.get(payment.trackId!) };
}

function postResponse(body: Record<string, string>) {
  return h.app.inject({ method: 'POST', url: '/api/v1/payments/knet/response', payload: new URLSearchParams(body).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

async function refusals(action: string, code?: string) {
  return (await auditByAction(h.ctx, action, 1000))
    .filter((row) => row.outcome === 'refused' && (!code || (row.detail as { code?: string }).code === code));
}

describe('a response that never arrives', () => {
  it('is settled by the reconciler after N minutes: a capture posts, a timeout closes', async () => {
    const paid = await issueTestPayable(h.ctx, { amount: 5_000n, civilId: person.civilId, accountNumber: '91001' });
    const lost = await checkoutUnheard(paid, 'approve');
    const timedOutPayable = await issueTestPayable(h.ctx, { amount: 6_000n, civilId: person.civilId, accountNumber: '91002' });
    const timedOut = await checkoutUnheard(timedOutPayable, 'timeout');
    expect((await findPayment(h.ctx.db, lost.payment.id))!.status).toBe('pending');

    // Too early: the reconciler leaves payments younger than N minutes alone.
    const early = await reconcilePendingPayments(h.ctx, h.gateway, { afterMinutes: 10 });
    expect(early.posted).toBe(0);
    h.clock.advance(11 * 60_000);
    const pass = await reconcilePendingPayments(h.ctx, h.gateway, { afterMinutes: 10 });
    expect(pass.posted).toBeGreaterThanOrEqual(1);
    expect((await findPayment(h.ctx.db, lost.payment.id))).toMatchObject({ status: 'posted' });
    expect((await findPayment(h.ctx.db, timedOut.payment.id))).toMatchObject({ status: 'failed', failureCode: 'gateway_host_timeout' });
    expect(await ledger.balance(h.ctx, receivableAccountOf(paid))).toBe(0n);
    expect(await ledger.balance(h.ctx, receivableAccountOf(timedOutPayable))).toBe(6_000n);

    // The response arriving late (out of order) and again (replayed) posts nothing more, and is audited.
    const replays = async () => (await refusals('payment.gateway_callback', 'conflict')).filter((row) => row.entityId === lost.payment.id).length;
    const replaysBefore = await replays();
    for (let i = 0; i < 2; i++) {
      const late = await postResponse(lost.notification!);
      expect(late.statusCode).toBe(200);
      expect(late.body).toBe(`REDIRECT=${h.baseUrl}/pay/result/${lost.payment.id}`);
    }
    expect(await replays()).toBe(replaysBefore + 2);
    expect(await ledger.balance(h.ctx, receivableAccountOf(paid))).toBe(0n);
    expect((await payables.find(h.ctx, paid.id))!.amountPaid).toBe(5_000n);
    await expectBalancedLedger(h.ctx);
  });
});

describe('a response that arrives twice at once', () => {
  it('posts once', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 8_000n, civilId: person.civilId, accountNumber: '91003' });
    const { payment, notification } = await checkoutUnheard(payable);
    const answers = await Promise.all([postResponse(notification!), postResponse(notification!), postResponse(notification!)]);
    for (const answer of answers) expect(answer.body).toBe(`REDIRECT=${h.baseUrl}/pay/result/${payment.id}`);
    // And the reconciler racing them changes nothing.
    await settleWithGateway(h.ctx, anonymousActor, h.gateway, payment);
    const entries = await ledger.findTransaction(h.ctx, 'payment', payment.id);
    expect(entries).toBeDefined();
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);
    expect((await payables.find(h.ctx, payable.id))!.amountPaid).toBe(8_000n);
    await expectBalancedLedger(h.ctx);
  });
});

describe('a meddled response', () => {
  let payable: PayableRow;
  let captured: Awaited<ReturnType<typeof checkoutUnheard>>;

  beforeAll(async () => {
    payable = await issueTestPayable(h.ctx, { amount: 9_500n, civilId: person.civilId, accountNumber: '91004' });
    captured = await checkoutUnheard(payable);
  });

  it('refuses tampered trandata, audits it, and posts nothing', async () => {
    const before = (await refusals('payment.gateway_callback', 'gateway_response_invalid')).length;
    const hex = captured.notification!.trandata!;
    // Change the nibble's value, not its letter case: hex is read case-insensitively, so 'A' → 'a' would change nothing.
    const nibble = (parseInt(hex[10]!, 16) ^ 0x5).toString(16).toUpperCase();
    const flipped = `${hex.slice(0, 10)}${nibble}${hex.slice(11)}`;
    const tampered = await postResponse({ ...captured.notification!, trandata: flipped });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().code).toBe('gateway_response_invalid');
    const truncated = await postResponse({ ...captured.notification!, trandata: hex.slice(0, -32) });
    expect(truncated.json().code).toBe('gateway_response_invalid');
    expect((await refusals('payment.gateway_callback', 'gateway_response_invalid')).length).toBe(before + 2);
    expect((await findPayment(h.ctx.db, captured.payment.id))!.status).toBe('pending');
  });

  it('refuses a message made with another key (forged)', async () => {
    const forged = encryptTrandata(`paymentid=1&result=CAPTURED&trackid=${captured.payment.trackId}&amt=9.500`, 'SomeOtherKey1234');
    const response = await postResponse({ trandata: forged });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('gateway_response_invalid');
  });

  it('refuses a result for an amount different from the one requested', async () => {
    const before = (await refusals('payment.gateway_callback', 'gateway_response_mismatch')).length;
    const otherAmount = encryptTrandata(`paymentid=777&result=CAPTURED&auth=1&ref=2&tranid=3&postdate=1122&trackid=${captured.payment.trackId}&amt=0.500`, KNET_DEMO_CREDENTIALS.resourceKey);
    const response = await postResponse({ trandata: otherAmount });
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('gateway_response_mismatch');
    const mismatches = await refusals('payment.gateway_callback', 'gateway_response_mismatch');
    expect(mismatches.length).toBe(before + 1);
    expect(mismatches[0]).toMatchObject({ entityId: captured.payment.id });
    expect((await findPayment(h.ctx.db, captured.payment.id))!.status).toBe('pending');
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(9_500n);
  });

  it('refuses a response about a payment we never started', async () => {
    const unknown = encryptTrandata('paymentid=9&result=CAPTURED&trackid=TNOSUCHTRACK1&amt=1.000', KNET_DEMO_CREDENTIALS.resourceKey);
    const response = await postResponse({ trandata: unknown });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('payment_callback_unknown');
  });

  it('then the genuine one posts', async () => {
    const genuine = await postResponse(captured.notification!);
    expect(genuine.statusCode).toBe(200);
    expect((await findPayment(h.ctx.db, captured.payment.id))!.status).toBe('posted');
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(0n);
  });
});

describe('an inquiry answer about a different amount', () => {
  it('never posts: the payment is closed as a mismatch and audited', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 4_000n, civilId: person.civilId, accountNumber: '91005' });
    const { payment } = await checkoutUnheard(payable);
    // KNET (as seen through a stub transport) says it captured 0.400 for our track id.
    const lying = createKnetGateway({
      baseUrl: h.sim.url, ...KNET_DEMO_CREDENTIALS,
      fetch: async () => new Response(`<result>CAPTURED</result><payid>123</payid><trackid>${payment.trackId}</trackid><amt>0.400</amt><auth>1</auth><ref>2</ref><tranid>3</tranid>`, { status: 200 }),
    });
    const before = (await refusals('payment.inquiry', 'gateway_response_mismatch')).length;
    const { outcome } = await settleWithGateway(h.ctx, anonymousActor, lying, payment);
    expect(outcome).toBe('failed');
    expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'failed', failureCode: 'gateway_response_mismatch' });
    expect((await refusals('payment.inquiry', 'gateway_response_mismatch')).length).toBe(before + 1);
    expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(4_000n);
    await expectBalancedLedger(h.ctx);
  });
});

describe('the error URL', () => {
  it('lands the browser on a page after KNET voids a payment whose notification failed, and nothing posts', async () => {
    const payable = await issueTestPayable(h.ctx, { amount: 3_500n, civilId: person.civilId, accountNumber: '91006' });
    // Our response URL answers 500 this time, so KNET voids the capture and sends the browser to the error URL.
    const failing = createServer((_request, response) => response.writeHead(500).end('down'));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
      const started = await startCheckout(h.ctx, anonymousActor, { items: [{ payableId: payable.id }], channel: 'knet', language: 'en', idempotencyKey: randomUUID() }, h.gateway,
        () => ({ responseUrl: `${failingUrl}/response`, errorUrl: `${h.baseUrl}/api/v1/payments/knet/error` }), 'KWD');
      const payment = (await findPayment(h.ctx.db, started.paymentId))!;
      const outcome = await chooseOnHostedPage(h.sim, await openHostedPage(h.sim, started.redirectUrl!, payment.trackId!), 'approve');
      expect(outcome.transaction.state).toBe('reversed');
      expect(outcome.redirectUrl).toContain(`${h.baseUrl}/api/v1/payments/knet/error?`);
      const landed = await fetch(outcome.redirectUrl!, { redirect: 'manual' });
      expect(landed.status).toBe(303);
      expect(landed.headers.get('location')).toBe(`${h.baseUrl}/pay/result/${payment.id}`);
      expect(await findPayment(h.ctx.db, payment.id)).toMatchObject({ status: 'failed', failureCode: 'gateway_not_captured' });
      expect(await (await fetch(`${h.baseUrl}/api/v1/payments/${payment.id}/result`)).json()).toMatchObject({ status: 'failed', failureCode: 'gateway_not_captured' });
      expect(await ledger.balance(h.ctx, receivableAccountOf(payable))).toBe(3_500n);
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it('sends a payer back from a bare error URL (after a host timeout) to a payment we hold, else to "unknown"', async () => {
    // A well-formed id of no payment we hold is as unknown as junk: the page never shows an id we did not issue.
    const named = 'pay_01JDEMO0000000000000000000';
    const back = await fetch(`${h.baseUrl}/api/v1/payments/knet/error?payment=${named}`, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${h.baseUrl}/pay/result/unknown`);
    const junk = await fetch(`${h.baseUrl}/api/v1/payments/knet/error?payment=..%2Fadmin`, { redirect: 'manual' });
    expect(junk.headers.get('location')).toBe(`${h.baseUrl}/pay/result/unknown`);
  });
});
