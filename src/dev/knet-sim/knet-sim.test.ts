// The whole KNET loop on this machine: our gateway adapter, the simulator on an ephemeral port, and a tiny
// merchant server that takes KNET's notification and answers `REDIRECT=` (or, for some tests, fails to).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import type { GatewayResult, PaymentGateway } from '../../modules/payments/gateways/gateway.js';
import { createKnetGateway, formatRedirectReply } from '../../modules/payments/gateways/knet/knet.gateway.js';
import { encryptTrandata } from '../../modules/payments/gateways/knet/knet.crypto.js';
import { startKnetSimulator, type KnetSimulator } from './knet-sim.server.js';
import type { SimTransaction } from './knet-sim.store.js';
import { WAIT_BOUND_MS } from '../../../test/support/wait.js';

const TERMINAL = { tranportalId: '700100', tranportalPassword: 'demo700100', resourceKey: 'TasdeedDemoKey16' };

type MerchantMode = 'redirect' | 'http500' | 'no-redirect-line';
interface Received {
  body: Record<string, string>;
  result?: GatewayResult;
  error?: string;
  inquiryDuringCallback?: GatewayResult;
}

let sim: KnetSimulator;
let gateway: PaymentGateway;
let merchant: Server;
let merchantUrl: string;
let merchantMode: MerchantMode = 'redirect';
const received = new Map<string, Received>();
let sequence = 0;

beforeAll(async () => {
  sim = await startKnetSimulator({ ...TERMINAL, port: 0, notifyTimeoutMs: WAIT_BOUND_MS });
  gateway = createKnetGateway({ baseUrl: sim.url, ...TERMINAL });
  merchant = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        const entry: Received = { body };
        try {
          entry.result = gateway.parseCallback(body);
          // What a careful merchant does before answering: confirm with KNET server-to-server.
          entry.inquiryDuringCallback = await gateway.inquire({ trackId: entry.result.trackId, amount: entry.result.amount, currency: 'KWD' });
        } catch (error) {
          entry.error = error instanceof AppError ? error.code : String(error);
        }
        received.set(body.trackid ?? 'unknown', entry);
        if (merchantMode === 'http500') {
          response.writeHead(500, { 'content-type': 'text/plain' }).end('database down');
        } else if (merchantMode === 'no-redirect-line') {
          response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Thank you!</body></html>');
        } else {
          response.writeHead(200, { 'content-type': 'text/plain' }).end(formatRedirectReply(`${merchantUrl}/receipt/${body.trackid}`));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sim?.close();
  await new Promise<void>((resolve) => (merchant ? merchant.close(() => resolve()) : resolve()));
});

function newTrackId(): string {
  sequence += 1;
  return `T${Date.now().toString(36).toUpperCase()}${sequence}`;
}

/** Starts a payment and loads KNET's page as a browser would; returns the page and the payment id on it. */
async function openPayment(trackId: string, amount: bigint, language: 'ar' | 'en' = 'en') {
  const { redirectUrl } = gateway.startPayment({
    trackId,
    amount,
    currency: 'KWD',
    language,
    responseUrl: `${merchantUrl}/knet/response`,
    errorUrl: `${merchantUrl}/knet/error`,
    udf: ['bill_42', 'محمد'],
  });
  const page = await fetch(redirectUrl);
  const html = await page.text();
  const paymentId = /action="\/sim\/pay\/(\d+)"/.exec(html)?.[1];
  return { status: page.status, html, paymentId: paymentId!, redirectUrl };
}

async function choose(paymentId: string, action: string) {
  const response = await fetch(`${sim.url}/sim/pay/${paymentId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
  });
  return { status: response.status, body: (await response.json()) as { transaction: SimTransaction; redirectUrl: string | null; error?: { code: string } } };
}

async function simTransaction(paymentId: string): Promise<SimTransaction> {
  const { transactions } = (await (await fetch(`${sim.url}/sim/transactions`)).json()) as { transactions: SimTransaction[] };
  return transactions.find((t) => t.paymentId === paymentId)!;
}

describe('KNET simulator, full loop', () => {
  it('approve: the merchant gets a captured notification, answers REDIRECT=, and inquiry confirms the amount', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { status, html, paymentId } = await openPayment(trackId, 12_500n);
    expect(status).toBe(200);
    for (const label of ['Approve payment', 'Decline (bank refuses)', 'Cancel and go back', 'Bank timeout']) expect(html).toContain(label);
    expect(html).toContain('12.500');

    const { status: chosen, body } = await choose(paymentId, 'approve');
    expect(chosen).toBe(200);
    expect(body.redirectUrl).toBe(`${merchantUrl}/receipt/${trackId}`);

    const notification = received.get(trackId)!;
    expect(notification.error).toBeUndefined();
    expect(notification.result).toMatchObject({ status: 'captured', trackId, amount: 12_500n, currency: 'KWD', paymentId });
    expect(notification.result!.raw).toMatchObject({ udf1: 'bill_42', udf2: 'محمد' });
    expect(notification.result!.authCode).toMatch(/^\d{6}$/);
    // KNET already holds the payment as captured while it waits for the merchant's answer.
    expect(notification.inquiryDuringCallback?.status).toBe('captured');

    const confirmed = await gateway.inquire({ trackId, amount: 12_500n, currency: 'KWD' });
    expect(confirmed).toMatchObject({ status: 'captured', paymentId, amount: 12_500n, reference: notification.result!.reference });
    const byPaymentId = await gateway.inquire({ trackId, amount: 12_500n, currency: 'KWD', paymentId });
    expect(byPaymentId.status).toBe('captured');
    expect((await simTransaction(paymentId)).notification).toMatchObject({ delivered: true, httpStatus: 200 });
  });

  it("the page's button does the same through a form post and redirects the browser to the receipt", async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 1_000n);
    const response = await fetch(`${sim.url}/sim/pay/${paymentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=approve',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${merchantUrl}/receipt/${trackId}`);
    expect(received.get(trackId)?.result?.status).toBe('captured');
  });

  it('decline: not captured in the notification and by inquiry', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 7_250n);
    const { body } = await choose(paymentId, 'decline');
    expect(body.redirectUrl).toBe(`${merchantUrl}/receipt/${trackId}`);
    expect(received.get(trackId)?.result).toMatchObject({ status: 'not_captured', amount: 7_250n });
    expect((await gateway.inquire({ trackId, amount: 7_250n, currency: 'KWD' })).status).toBe('not_captured');
  });

  it('cancel: canceled in the notification and by inquiry', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 3_000n);
    await choose(paymentId, 'cancel');
    expect(received.get(trackId)?.result).toMatchObject({ status: 'canceled', paymentId });
    expect((await gateway.inquire({ trackId, amount: 3_000n, currency: 'KWD' })).status).toBe('canceled');
  });

  it('timeout: the merchant hears nothing and learns host timeout only by inquiry', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 45_000n);
    const { body } = await choose(paymentId, 'timeout');
    expect(body.redirectUrl).toBeNull();
    expect(received.has(trackId)).toBe(false);
    const inquiry = await gateway.inquire({ trackId, amount: 45_000n, currency: 'KWD' });
    expect(inquiry).toMatchObject({ status: 'host_timeout', paymentId, amount: 45_000n });
  });

  for (const mode of ['http500', 'no-redirect-line'] as const) {
    it(`failed handshake (${mode}): KNET reverses the payment and sends the browser to the error URL`, async () => {
      merchantMode = mode;
      try {
        const trackId = newTrackId();
        const { paymentId } = await openPayment(trackId, 20_550n);
        const { body } = await choose(paymentId, 'approve');
        // The merchant did see a captured notification; that is exactly why it must not trust it alone.
        expect(received.get(trackId)?.result?.status).toBe('captured');

        expect(body.redirectUrl?.startsWith(`${merchantUrl}/knet/error?`)).toBe(true);
        const errorQuery = Object.fromEntries(new URL(body.redirectUrl!).searchParams);
        expect(gateway.parseCallback(errorQuery)).toMatchObject({ status: 'not_captured', errorCode: 'IPAY0100249', trackId, paymentId, amount: 20_550n });

        const transaction = await simTransaction(paymentId);
        expect(transaction.state).toBe('reversed');
        expect(transaction.notification?.delivered).toBe(false);
        expect((await gateway.inquire({ trackId, amount: 20_550n, currency: 'KWD' })).status).toBe('not_captured');
      } finally {
        merchantMode = 'redirect';
      }
    });
  }

  it('inquiry before any choice, or about an attempt KNET never saw, is unknown', async () => {
    const trackId = newTrackId();
    await openPayment(trackId, 500n);
    expect(await gateway.inquire({ trackId, amount: 500n, currency: 'KWD' })).toMatchObject({ status: 'unknown', errorCode: 'IPAY0100263' });
    expect(await gateway.inquire({ trackId: newTrackId(), amount: 500n, currency: 'KWD' })).toMatchObject({ status: 'unknown', errorCode: 'IPAY0100054' });
  });

  it('inquiry refuses an answer about another amount, and KNET refuses a wrong password', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 9_999n);
    await choose(paymentId, 'approve');
    await expect(gateway.inquire({ trackId, amount: 9_990n, currency: 'KWD' })).rejects.toMatchObject({ code: 'gateway_response_mismatch' });
    const impostor = createKnetGateway({ baseUrl: sim.url, ...TERMINAL, tranportalPassword: 'wrong-password' });
    await expect(impostor.inquire({ trackId, amount: 9_999n, currency: 'KWD' })).rejects.toMatchObject({ code: 'gateway_inquiry_rejected' });
  });

  it('a completed payment cannot be chosen again, and its track id cannot be reused', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const first = await openPayment(trackId, 1_500n);
    const reload = await openPayment(trackId, 1_500n);
    expect(reload.paymentId).toBe(first.paymentId); // a page reload is the same attempt
    await choose(first.paymentId, 'decline');
    const again = await choose(first.paymentId, 'approve');
    expect(again.status).toBe(409);
    expect((await gateway.inquire({ trackId, amount: 1_500n, currency: 'KWD' })).status).toBe('not_captured');
    const reused = await openPayment(trackId, 1_500n);
    expect(reused.status).toBe(400);
    expect(reused.html).toContain('IPAY0100114');
  });

  it('refuses payment requests KNET would refuse, with its error codes', async () => {
    const trackId = newTrackId();
    const wrongPassword = createKnetGateway({ baseUrl: sim.url, ...TERMINAL, tranportalPassword: 'wrong-password' });
    const { redirectUrl } = wrongPassword.startPayment({
      trackId, amount: 100n, currency: 'KWD', language: 'en', responseUrl: `${merchantUrl}/r`, errorUrl: `${merchantUrl}/e`,
    });
    const page = await fetch(redirectUrl);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('IPAY0100015');

    const plaintext = `id=700100&password=demo700100&action=1&langid=USA&currencycode=414&amt=1.000&responseURL=${merchantUrl}/r&errorURL=${merchantUrl}/e&trackid=${trackId}`;
    const cases: [string, string][] = [
      [encryptTrandata(`${plaintext}&udf1=ali@example.com`, TERMINAL.resourceKey), 'IPAY0100028'],
      [encryptTrandata(plaintext.replace('amt=1.000', 'amt=1.5'), TERMINAL.resourceKey), 'IPAY0100024'],
      [encryptTrandata(plaintext.replace('currencycode=414', 'currencycode=840'), TERMINAL.resourceKey), 'IPAY0100022'],
      [encryptTrandata(plaintext, 'SomeOtherKey1234'), 'IPAY0100176'],
    ];
    for (const [trandata, code] of cases) {
      const response = await fetch(`${sim.url}/kpg/PaymentHTTP.htm?param=paymentInit&trandata=${trandata}&tranportalId=700100`);
      expect(response.status, code).toBe(400);
      expect(await response.text(), code).toContain(code);
    }
  });

  it('shows the card page in Arabic when asked, and lists payments as JSON and HTML', async () => {
    const trackId = newTrackId();
    const { html } = await openPayment(trackId, 2_000n, 'ar');
    expect(html).toContain('dir="rtl"');
    for (const label of ['موافقة على الدفع', 'رفض البنك للعملية', 'إلغاء والعودة', 'انتهاء مهلة البنك']) expect(html).toContain(label);
    const list = (await (await fetch(`${sim.url}/sim/transactions`)).json()) as { transactions: SimTransaction[] };
    expect(list.transactions.find((t) => t.trackId === trackId)).toMatchObject({ state: 'initialized', amount: '2.000', language: 'AR' });
    expect(await (await fetch(`${sim.url}/`)).text()).toContain(trackId);
  });
});

describe('KNET simulator, refunds (action 2)', () => {
  const refund = (input: { refundTrackId: string; amount: bigint; paymentId: string; trackId: string }, via: PaymentGateway = gateway) =>
    via.refund({ refundTrackId: input.refundTrackId, amount: input.amount, currency: 'KWD', original: { paymentId: input.paymentId, trackId: input.trackId } });

  it('refunds a capture in parts up to what was captured, then refuses more with KNET\'s invalid amount', async () => {
    merchantMode = 'redirect';
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 10_000n);
    await choose(paymentId, 'approve');
    const first = await refund({ refundTrackId: `R${trackId}A`, amount: 6_000n, paymentId, trackId });
    expect(first).toMatchObject({ status: 'refunded', amount: 6_000n, refundTrackId: `R${trackId}A` });
    expect(first.gatewayRefundId).toMatch(/^\d{18}$/);
    expect(first.gatewayRefundId).not.toBe(paymentId);
    expect(await refund({ refundTrackId: `R${trackId}B`, amount: 4_001n, paymentId, trackId })).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100024' });
    expect(await refund({ refundTrackId: `R${trackId}C`, amount: 4_000n, paymentId, trackId })).toMatchObject({ status: 'refunded' });
    expect(await refund({ refundTrackId: `R${trackId}D`, amount: 1n, paymentId, trackId })).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100024' });
    expect((await simTransaction(paymentId)).refunds.map((r) => [r.trackId, r.amount])).toEqual([[`R${trackId}A`, '6.000'], [`R${trackId}C`, '4.000']]);
    expect(await (await fetch(`${sim.url}/`)).text()).toContain(`6.000 (R${trackId}A), 4.000 (R${trackId}C)`);
  });

  it('answers a refund sent again under its track id with the first answer; another refund under it is a duplicate', async () => {
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 5_000n);
    await choose(paymentId, 'approve');
    const first = await refund({ refundTrackId: `R${trackId}`, amount: 5_000n, paymentId, trackId });
    const again = await refund({ refundTrackId: `R${trackId}`, amount: 5_000n, paymentId, trackId });
    expect(again).toMatchObject({ status: 'refunded', gatewayRefundId: first.gatewayRefundId });
    expect(await refund({ refundTrackId: `R${trackId}`, amount: 2_000n, paymentId, trackId })).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100114' });
    expect((await simTransaction(paymentId)).refunds).toHaveLength(1);
  });

  it('refuses to refund what was not captured, what it never saw, and a wrong password', async () => {
    const trackId = newTrackId();
    const { paymentId } = await openPayment(trackId, 3_000n);
    await choose(paymentId, 'decline');
    expect(await refund({ refundTrackId: `R${trackId}`, amount: 3_000n, paymentId, trackId })).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100054' });
    expect(await refund({ refundTrackId: `R${trackId}X`, amount: 3_000n, paymentId: '999999999999999999', trackId })).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100054' });
    const wrongPassword = createKnetGateway({ baseUrl: sim.url, ...TERMINAL, tranportalPassword: 'wrong' });
    expect(await refund({ refundTrackId: `R${trackId}Y`, amount: 3_000n, paymentId, trackId }, wrongPassword)).toMatchObject({ status: 'rejected', errorCode: 'IPAY0100015' });
    expect((await simTransaction(paymentId)).refunds).toEqual([]);
  });
});
