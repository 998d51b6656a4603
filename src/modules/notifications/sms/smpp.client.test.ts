// The SMPP client against the SMS centre simulator, over loopback TCP: segmentation as the SMS centre sees it,
// receipts, inbound messages, the window, the throttle and what happens when a bind drops.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.js';
import { startSmscSimulator, type SmscSimulator } from '../../../dev/smsc/smsc.simulator.js';
import { createSmppSender, type SmppSender, type SmppSenderOptions } from './smpp.client.js';
import { isRetryableSmsError } from './sms.errors.js';
import type { LimiterTimer } from './sms.throttle.js';
import type { DeliveryReceipt, InboundSms } from './sms.types.js';
import { waitUntil } from '../../../../test/support/wait.js';

const TO = '+96550001234';
const ARABIC_150 = 'عزيزي العميل، صدرت فاتورة الكهرباء والماء لشهر مارس بمبلغ ١٢٫٥٠٠ د.ك. '.repeat(3).slice(0, 150);

let simulator: SmscSimulator;
let senders: SmppSender[] = [];

beforeEach(async () => {
  simulator = await startSmscSimulator({ smppPort: 0, httpPort: 0, systemId: 'tasdeed', password: 'secret1', receiptDelayMs: 20, rejectDestinations: /^96599/ });
});

afterEach(async () => {
  await Promise.all(senders.map((sender) => sender.close()));
  senders = [];
  await simulator.close();
});

function connect(overrides: Partial<SmppSenderOptions> = {}): SmppSender {
  const sender = createSmppSender({
    host: '127.0.0.1',
    port: simulator.smppPort,
    systemId: 'tasdeed',
    password: 'secret1',
    sourceAddr: 'Tasdeed',
    windowSize: 10,
    messagesPerSecond: 1000,
    enquireLinkSeconds: 30,
    reconnectDelayMs: { initial: 20, max: 200 },
    ...overrides,
  });
  senders.push(sender);
  return sender;
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  await waitUntil(condition, what, { intervalMs: 5 });
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(() => null, (error: unknown) => error);
  if (!(outcome instanceof AppError)) throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}

describe('SMPP client ↔ SMS centre simulator', () => {
  it('sends a 150-character Arabic message as 3 UCS-2 segments that the SMS centre reassembles to the same text', async () => {
    const sender = connect();
    const sent = await sender.send({ to: TO, text: ARABIC_150 });
    expect(sent.segments).toBe(3);
    expect(sent.messageIds).toHaveLength(3);
    await waitFor(() => simulator.messages().length === 1, 'the message');
    const [message] = simulator.messages();
    expect(message).toMatchObject({ text: ARABIC_150, segments: 3, dataCoding: 0x08, to: TO, from: 'Tasdeed', messageIds: sent.messageIds });
    expect(simulator.submitsReceived()).toBe(3);
  });

  it('sends 161 GSM-7 characters as 2 segments, decoded by the SMS centre to the same text', async () => {
    const sender = connect();
    const text = ('Pay_bill@tasdeed.kw £12.500 due 28/03 ' + 'x'.repeat(161)).slice(0, 161);
    const sent = await sender.send({ to: TO, text, from: '1234' });
    expect(sent.segments).toBe(2);
    await waitFor(() => simulator.messages().length === 1, 'the message');
    expect(simulator.messages()[0]).toMatchObject({ text, segments: 2, dataCoding: 0x00, from: '1234' });
  });

  it('passes delivery receipts (delivered and undelivered) to onReceipt, matched to the ids send() returned', async () => {
    const sender = connect();
    const receipts: DeliveryReceipt[] = [];
    sender.onReceipt((receipt) => { receipts.push(receipt); });

    const delivered = await sender.send({ to: TO, text: 'Your electricity bill is ready' });
    await waitFor(() => receipts.length === 1, 'the first receipt');
    expect(receipts[0]).toMatchObject({ messageId: delivered.messageIds[0], status: 'delivered', final: true, errorCode: '000' });
    expect(receipts[0]!.doneAt).toBeInstanceOf(Date);

    simulator.setFailureRate(1);
    const lost = await sender.send({ to: TO, text: ARABIC_150 });
    await waitFor(() => receipts.length === 4, 'a receipt per segment');
    expect(receipts.slice(1).map((r) => r.messageId).sort()).toEqual([...lost.messageIds].sort());
    expect(receipts.slice(1).every((r) => r.status === 'undelivered' && r.errorCode !== '000')).toBe(true);
  });

  it('re-binds by itself after the SMS centre drops the bind; sends in flight fail as retryable, later ones succeed', async () => {
    const sender = connect();
    await sender.whenBound();
    simulator.holdResponses(true); // keep the next submits unanswered, so they are in flight at the drop
    const inFlight = Promise.allSettled([1, 2, 3].map((n) => sender.send({ to: TO, text: `in flight ${n}` })));
    await waitFor(() => simulator.submitsReceived() === 3, 'three submits at the SMS centre');
    expect(sender.stats().inFlight).toBe(3);

    expect(await simulator.dropBinds()).toBe(1);
    simulator.holdResponses(false);
    const outcomes = await inFlight;
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as AppError;
      expect(error.code).toBe('sms_connection_lost');
      expect(isRetryableSmsError(error)).toBe(true);
    }

    const after = await sender.send({ to: TO, text: 'after the drop' }); // queued until the re-bind, then sent
    expect(after.messageIds).toHaveLength(1);
    expect(sender.stats()).toMatchObject({ bound: true, binds: 2, inFlight: 0, queued: 0 });
    expect(simulator.messages().map((m) => m.text)).toEqual(['after the drop']); // the unanswered ones were never accepted
  });

  it('drops a bind whose enquire_link goes unanswered and binds again', async () => {
    const sender = connect({ enquireLinkSeconds: 0.05, responseTimeoutMs: 300 });
    await sender.whenBound();
    simulator.setSilent(true); // TCP stays up, nothing answers: only the keep-alive can tell
    await waitFor(() => !sender.isBound(), 'the dead link noticed');
    simulator.setSilent(false);
    await waitFor(() => sender.stats().binds >= 2, 'a new bind'); // ≥: a busy machine may miss one more 300 ms answer
    expect((await sender.send({ to: TO, text: 'alive again' })).segments).toBe(1);
  });

  it('keeps at most windowSize submit_sm unanswered and sends the rest, in order, as answers come', async () => {
    const sender = connect({ windowSize: 2 });
    await sender.whenBound();
    simulator.holdResponses(true);
    const sends = Array.from({ length: 5 }, (_, n) => sender.send({ to: TO, text: `window ${n}` }));
    await waitFor(() => simulator.submitsReceived() === 2 && sender.stats().queued === 3, 'a full window');
    expect(sender.stats().inFlight).toBe(2);
    expect(simulator.submitsReceived()).toBe(2);

    simulator.holdResponses(false);
    await Promise.all(sends);
    expect(simulator.submitsReceived()).toBe(5);
    expect(simulator.messages().map((m) => m.text)).toEqual(['window 0', 'window 1', 'window 2', 'window 3', 'window 4']);
  });

  it('submits no more than messagesPerSecond in any second (time moved by hand)', async () => {
    const timer = handMovedTimer();
    const sender = connect({ messagesPerSecond: 3, timer });
    await sender.whenBound();
    const sends = Array.from({ length: 7 }, (_, n) => sender.send({ to: TO, text: `throttled ${n}` }));

    await waitFor(() => simulator.submitsReceived() === 3 && timer.sleepers() > 0, 'the first second used up');
    expect(simulator.submitsReceived()).toBe(3);
    timer.advance(1000);
    await waitFor(() => simulator.submitsReceived() === 6 && timer.sleepers() > 0, 'the second second used up');
    expect(simulator.submitsReceived()).toBe(6);
    timer.advance(1000);
    await Promise.all(sends);
    expect(simulator.messages().map((m) => m.text)).toEqual(Array.from({ length: 7 }, (_, n) => `throttled ${n}`));
  });

  it('passes messages from handsets to onInbound, long ones reassembled', async () => {
    const sender = connect();
    const inbound: InboundSms[] = [];
    sender.onInbound((message) => { inbound.push(message); });
    await sender.whenBound();
    await simulator.injectInbound('+96550000001', 'STOP');
    expect(inbound[0]).toMatchObject({ from: '+96550000001', to: '1234', text: 'STOP' });

    const complaint = 'أرجو إيقاف رسائل التذكير على هذا الرقم لأنني سددت المخالفة. '.repeat(3);
    await simulator.injectInbound('+96550000002', complaint);
    expect(inbound).toHaveLength(2);
    expect(inbound[1]).toMatchObject({ from: '+96550000002', text: complaint });
  });

  it('answers a receipt whose listener failed with a temporary error, so the SMS centre delivers it again', async () => {
    const sender = connect();
    const seen: string[] = [];
    sender.onReceipt((receipt) => {
      seen.push(receipt.messageId);
      if (seen.length === 1) throw new Error('database unavailable');
    });
    const sent = await sender.send({ to: TO, text: 'Receipt twice' });
    await waitFor(() => seen.length === 2, 'the receipt again');
    expect(seen).toEqual([sent.messageIds[0], sent.messageIds[0]]);
  });

  it('reports a refused message as permanent and a bad number before sending anything', async () => {
    const sender = connect();
    const refused = await failureOf(sender.send({ to: '+96599000000', text: 'No such number' }));
    expect(refused.code).toBe('sms_rejected');
    expect(refused.details).toMatchObject({ commandStatus: '0x0000000b', retryable: false });
    expect(isRetryableSmsError(refused)).toBe(false);

    const invalid = await failureOf(sender.send({ to: 'not a number', text: 'x' }));
    expect(invalid.code).toBe('phone_invalid');
    expect(isRetryableSmsError(invalid)).toBe(false);
    expect(simulator.submitsReceived()).toBe(1);
  });

  it('never binds with a wrong password: sends time out as retryable, close fails what is queued', async () => {
    const sender = connect({ password: 'wrong', sendTimeoutMs: 300 });
    const timedOut = await failureOf(sender.send({ to: TO, text: 'never bound' }));
    expect(timedOut.code).toBe('sms_send_timeout');
    expect(isRetryableSmsError(timedOut)).toBe(true);
    expect(sender.stats()).toMatchObject({ bound: false, binds: 0 });

    const queued = failureOf(sender.send({ to: TO, text: 'queued at close' })); // handled now: close rejects it at once
    await sender.close();
    expect((await queued).code).toBe('sms_sender_closed');
    expect(simulator.submitsReceived()).toBe(0);
  });
});

/** The throttle's clock: frozen until the test advances it; a sleep ends when its time has come. */
function handMovedTimer(): LimiterTimer & { advance(ms: number): void; sleepers(): number } {
  let now = 0;
  let waiting: { until: number; wake(): void }[] = [];
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => waiting.push({ until: now + ms, wake })),
    advance(ms) {
      now += ms;
      const due = waiting.filter((sleeper) => sleeper.until <= now);
      waiting = waiting.filter((sleeper) => sleeper.until > now);
      for (const sleeper of due) sleeper.wake();
    },
    sleepers: () => waiting.length,
  };
}
