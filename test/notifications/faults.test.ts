// Faults: the SMS centre down or dropping the bind mid-stream, the mail server refusing, a worker dying with
// messages claimed. After recovery every message has reached the simulator exactly once, or is dead-lettered
// with its reason; none is lost, none is sent twice for one outbox row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { notifications } from '../../src/db/schema/index.js';
import type { Dispatcher } from '../../src/modules/notifications/dispatcher.js';
import type { NotificationRow } from '../../src/modules/notifications/notifications.store.js';
import { systemActor } from '../../src/platform/actor.js';
import { claimNotificationWork } from '../../src/modules/notifications/claim.js';
import { resendDeadLetter } from '../../src/modules/notifications/notifications.service.js';
import { countSegments } from '../../src/modules/notifications/sms/sms.encoding.js';
import { createSmppSender } from '../../src/modules/notifications/sms/smpp.client.js';
import { createHarness, eventually, type Harness } from './harness.js';
import { billIssued, emit } from './events.js';

let h: Harness;
afterEach(async () => h?.close());

async function rowsOf(outboxIds: bigint[], channel: 'sms' | 'email') {
  const rows = await h.ctx.db.select().from(notifications).where(inArray(notifications.outboxId, outboxIds));
  return rows.filter((r) => r.channel === channel);
}

/** SMS the simulator accepted for these bills, by bill number. */
function smsCountsByBill(numbers: string[]): Record<string, number> {
  const counts = Object.fromEntries(numbers.map((n) => [n, 0]));
  for (const message of h.smsc!.messages()) for (const n of numbers) if (message.text.includes(n)) counts[n]! += 1;
  return counts;
}

const billNumber = (n: number) => `EB-2026-11-${String(n).padStart(6, '0')}`;

async function emitBills(first: number, count: number): Promise<{ ids: bigint[]; numbers: string[] }> {
  const ids: bigint[] = [];
  const numbers: string[] = [];
  for (let n = first; n < first + count; n++) {
    ids.push(await emit(h.ctx, 'bill.issued', billIssued(h.people[n % h.people.length]!.id, n)));
    numbers.push(billNumber(n));
  }
  return { ids, numbers };
}

/**
 * Waits until `done` holds for the rows, moving time to the next retry whenever every row is waiting for one (never
 * while a send is in flight, which would expire its lease under it).
 */
async function retryUntil(ids: bigint[], channel: 'sms' | 'email', dispatcher: Dispatcher, done: (rows: NotificationRow[]) => boolean): Promise<NotificationRow[]> {
  return eventually(async () => {
    const rows = await rowsOf(ids, channel);
    if (!done(rows) && !rows.some((r) => r.status === 'sending')) {
      const due = rows.filter((r) => r.status === 'failed').map((r) => r.availableAt.getTime());
      const wait = due.length > 0 ? Math.max(...due) - h.clock.now().getTime() : 0;
      if (wait > 0) h.clock.advance(wait + 1);
      dispatcher.wake();
    }
    expect(done(rows)).toBe(true);
    return rows;
  });
}

const allSent = (rows: NotificationRow[]) => rows.length > 0 && rows.every((r) => r.status === 'sent' || r.status === 'delivered');

describe('SMS centre faults', () => {
  beforeEach(async () => {
    h = await createHarness({ smsc: false });
  });

  it('SMS centre down when the send starts: the waiting message goes out once when it comes back', async () => {
    const dispatcher = h.dispatcher();
    const { ids, numbers } = await emitBills(1, 3);
    await eventually(async () => expect((await rowsOf(ids, 'sms')).map((r) => r.status)).toEqual(['sending', 'sending', 'sending']));
    await h.startSmsc();
    await eventually(async () => expect((await rowsOf(ids, 'sms')).every((r) => r.status === 'sent' || r.status === 'delivered')).toBe(true));
    await dispatcher.stop();
    expect(smsCountsByBill(numbers)).toEqual(Object.fromEntries(numbers.map((n) => [n, 1])));
    expect((await rowsOf(ids, 'sms')).map((r) => r.attempts)).toEqual([1, 1, 1]);
  });

  it('SMS centre down for longer: attempts fail as retryable, back off, and succeed once it is back', async () => {
    const transports = h.transports();
    // A sender that waits only briefly for a bind, so attempts fail while the SMS centre is down.
    const sms = createSmppSender({ host: '127.0.0.1', port: h.smsPort, systemId: 'tasdeed', password: 'tasdeed1', sourceAddr: 'Tasdeed', sendTimeoutMs: 300, reconnectDelayMs: { initial: 50, max: 100 } });
    const dispatcher = h.dispatcher({ transports: { sms, mailer: transports.mailer } });
    const { ids, numbers } = await emitBills(10, 2);
    await eventually(async () => {
      const rows = await rowsOf(ids, 'sms');
      expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
      expect(rows.every((r) => r.availableAt > h.clock.now() && r.lastErrorCode !== null)).toBe(true);
    });
    await h.startSmsc();
    // Back up: a worker with the harness's patient sender takes over. The 300 ms one would also bet the bind and the
    // SMS centre's answer on 300 ms, and a busy machine that lost the bet after the submit would send twice.
    await dispatcher.stop();
    await sms.close();
    const recovered = h.dispatcher({ transports });
    await retryUntil(ids, 'sms', recovered, allSent);
    await recovered.stop();
    expect(smsCountsByBill(numbers)).toEqual(Object.fromEntries(numbers.map((n) => [n, 1])));
    expect((await rowsOf(ids, 'sms')).every((r) => r.attempts >= 2)).toBe(true);
  });

  it('the bind drops mid-stream with messages unanswered: they are retried and each arrives once', async () => {
    await h.startSmsc();
    const dispatcher = h.dispatcher();
    // Warm up: one message goes through, so the bind is up.
    const warm = await emitBills(20, 1);
    await eventually(async () => expect((await rowsOf(warm.ids, 'sms'))[0]?.status).toMatch(/sent|delivered/));
    h.smsc!.holdResponses(true);
    const submitted = h.smsc!.submitsReceived();
    const { ids, numbers } = await emitBills(21, 5);
    // Every segment of the five messages reached the SMS centre and waits for its answer.
    await eventually(async () => {
      const rows = await rowsOf(ids, 'sms');
      expect(rows.map((r) => r.status)).toEqual(Array(5).fill('sending'));
      expect(h.smsc!.submitsReceived() - submitted).toBe(rows.reduce((sum, r) => sum + countSegments(r.body), 0));
    });
    expect(await h.smsc!.dropBinds()).toBe(1);
    await eventually(() => expect(h.smsc!.heldResponses()).toBe(0)); // the closed bind took its held submits with it
    h.smsc!.holdResponses(false);
    await eventually(async () => expect((await rowsOf(ids, 'sms')).map((r) => r.status)).toEqual(Array(5).fill('failed')));
    expect((await rowsOf(ids, 'sms')).map((r) => r.lastErrorCode)).toEqual(Array(5).fill('sms_connection_lost'));
    expect(smsCountsByBill(numbers)).toEqual(Object.fromEntries(numbers.map((n) => [n, 0])));
    await retryUntil(ids, 'sms', dispatcher, allSent);
    await dispatcher.stop();
    expect(smsCountsByBill(numbers)).toEqual(Object.fromEntries(numbers.map((n) => [n, 1])));
  });

  it('a worker dies with messages claimed: after the lease another sends each once; one the SMS centre had answered is not resent', async () => {
    await h.startSmsc();
    const { ids, numbers } = await emitBills(30, 4);
    // What a killed worker leaves: rows claimed (`sending`, attempt counted, lease set) and never finished.
    // Claimed until all eight are held (on PostgreSQL one pass once came back with six: the rest were taken by the
    // next pass), as a worker that keeps claiming would.
    const claimed = { rows: [] as Awaited<ReturnType<typeof claimNotificationWork>>['rows'] };
    await eventually(async () => {
      claimed.rows.push(...(await claimNotificationWork(h.ctx, { workerId: 'killed-worker', limit: 100 })).rows);
      expect(claimed.rows.filter((r) => ids.includes(r.outboxId))).toHaveLength(8);
    });
    // One of them had been answered by the SMS centre (its id recorded) before the worker died.
    const answered = claimed.rows.find((r) => r.channel === 'sms' && r.outboxId === ids[0])!;
    await h.ctx.db.update(notifications).set({ providerMessageIds: ['FEEDBEEF'], segments: 1 }).where(eq(notifications.id, answered.id));

    const dispatcher = h.dispatcher();
    await dispatcher.idle();
    expect(smsCountsByBill(numbers)).toEqual(Object.fromEntries(numbers.map((n) => [n, 0]))); // the lease holds
    h.clock.advance(h.config.NOTIFY_LEASE_SECONDS * 1000 + 10_000);
    await eventually(async () => {
      dispatcher.wake();
      expect((await rowsOf(ids, 'sms')).every((r) => r.status === 'sent' || r.status === 'delivered')).toBe(true);
      expect((await rowsOf(ids, 'email')).every((r) => r.status === 'sent')).toBe(true);
    });
    await dispatcher.stop();
    const counts = smsCountsByBill(numbers);
    expect(counts).toEqual({ [numbers[0]!]: 0, [numbers[1]!]: 1, [numbers[2]!]: 1, [numbers[3]!]: 1 });
    const [kept] = await h.ctx.db.select().from(notifications).where(eq(notifications.id, answered.id));
    expect(kept).toMatchObject({ status: 'sent', attempts: 1, providerMessageIds: ['FEEDBEEF'] });
    expect(h.mail.messages().filter((m) => numbers.some((n) => m.subject.includes(n)))).toHaveLength(4);
  });
});

describe('mail server faults', () => {
  beforeEach(async () => {
    h = await createHarness({ config: { NOTIFY_MAX_ATTEMPTS: 3 } });
  });

  it('a permanent refusal (5xx) is dead-lettered at once with its reason; an admin resends it once it is fixed', async () => {
    h.mail.setRefuse(true, 'permanent');
    const dispatcher = h.dispatcher();
    const { ids, numbers } = await emitBills(40, 1);
    await eventually(async () => expect((await rowsOf(ids, 'email'))[0]?.status).toBe('dead'));
    const [dead] = await rowsOf(ids, 'email');
    expect(dead).toMatchObject({ attempts: 1, lastErrorCode: 'email_refused' });
    expect(dead!.lastError).toMatch(/5\d\d|refused/i);
    expect((await rowsOf(ids, 'sms'))[0]?.status).toMatch(/sent|delivered/); // the SMS is not held back
    h.mail.setRefuse(false);
    await resendDeadLetter(h.ctx, systemActor('test'), dead!.id);
    dispatcher.wake();
    await eventually(async () => expect((await rowsOf(ids, 'email'))[0]?.status).toBe('sent'));
    await dispatcher.stop();
    expect(h.mail.messages().filter((m) => m.subject.includes(numbers[0]!))).toHaveLength(1);
  });

  it('a temporary refusal (4xx) is retried with backoff and delivered once', async () => {
    h.mail.setRefuse(true, 'temporary');
    const dispatcher = h.dispatcher();
    const { ids, numbers } = await emitBills(50, 1);
    await eventually(async () => expect((await rowsOf(ids, 'email'))[0]).toMatchObject({ status: 'failed', lastErrorCode: 'email_deferred', attempts: 1 }));
    h.mail.setRefuse(false);
    await retryUntil(ids, 'email', dispatcher, allSent);
    expect((await rowsOf(ids, 'email'))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    await dispatcher.stop();
    expect(h.mail.messages().filter((m) => m.subject.includes(numbers[0]!))).toHaveLength(1);
  });

  it('a relay that keeps deferring is dead-lettered after NOTIFY_MAX_ATTEMPTS, with the reason', async () => {
    h.mail.setRefuse(true, 'temporary');
    const dispatcher = h.dispatcher();
    const { ids } = await emitBills(60, 1);
    await retryUntil(ids, 'email', dispatcher, (rows) => rows[0]?.status === 'dead');
    await dispatcher.stop();
    const [dead] = await rowsOf(ids, 'email');
    expect(dead).toMatchObject({ attempts: 3, lastErrorCode: 'email_deferred' });
    expect(dead!.lastError).toContain('gave up after 3 attempts');
    expect(h.mail.messages()).toHaveLength(0);
  });
});
