// From an outbox event to the SMS centre and the mail server, over real SMPP and SMTP on loopback: per the
// person's language and preferences, each message once, receipts recorded, long Arabic texts concatenated.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { notifications, outbox, personPhones } from '../../src/db/schema/index.js';
import { newId } from '../../src/shared/ids.js';
import { systemActor } from '../../src/platform/actor.js';
import { saveTemplate } from '../../src/modules/notifications/templates.service.js';
import { expandEvents } from '../../src/modules/notifications/expand.js';
import { claimOutboxBatch } from '../../src/platform/outbox.queue.js';
import { insertNotifications } from '../../src/modules/notifications/notifications.store.js';
import { loadTemplates } from '../../src/modules/notifications/templates.service.js';
import type { AttachmentProviders } from '../../src/platform/attachments.js';
import { inTransaction } from '../../src/platform/context.js';
import { writeOutbox } from '../../src/platform/outbox.store.js';
import { issuePayable, payables } from '../../src/modules/billers/index.js';
import { createHarness, eventually, type Harness } from './harness.js';
import { billIssued, emit, violationRecorded } from './events.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ people: 4 });
});
afterAll(async () => h?.close());

async function rowsFor(outboxId: bigint) {
  return h.ctx.db.select().from(notifications).where(eq(notifications.outboxId, outboxId)).orderBy(notifications.channel, notifications.address);
}

describe('dispatching events', () => {
  let before: { sms: number; mail: number };
  beforeEach(() => {
    before = { sms: h.smsc!.messages().length, mail: h.mail.messages().length };
  });

  it('sends a new bill by SMS in the person\'s language and by email in both, once each, and records delivery', async () => {
    const person = h.people[0]!; // preferredLanguage ar
    const dispatcher = h.dispatcher();
    const outboxId = await emit(h.ctx, 'bill.issued', billIssued(person.id, 1));
    await eventually(async () => expect((await rowsFor(outboxId)).map((r) => r.status)).toEqual(['sent', 'delivered']));
    await dispatcher.stop();

    const sms = h.smsc!.messages().slice(before.sms);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.to).toBe(person.phone);
    expect(sms[0]!.text).toContain('صدرت فاتورة وزارة الكهرباء والماء - الكهرباء رقم EB-2026-11-000001');
    expect(sms[0]!.text).toContain('12.500 د.ك');
    expect(sms[0]!.dataCoding).toBe(0x08);

    // The mail simulator records a message once parsed, which may be a moment after its 250 reply.
    const mails = await eventually(() => {
      const found = h.mail.messages().filter((m) => m.subject.includes('EB-2026-11-000001'));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(h.mail.messages().length - before.mail).toBe(1);
    const mail = mails[0]!;
    expect(mail.to).toEqual([person.email]);
    expect(mail.subject).toBe('فاتورة جديدة من وزارة الكهرباء والماء - الكهرباء رقم EB-2026-11-000001');
    // Arabic first, English below, amounts in each language's convention, an unsubscribe link in both places.
    expect(mail.text!.indexOf('المبلغ المستحق: 12.500 د.ك')).toBeGreaterThan(-1);
    expect(mail.text!.indexOf('Amount due: KWD 12.500')).toBeGreaterThan(mail.text!.indexOf('المبلغ المستحق'));
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.html).toContain('Ministry of Electricity &amp; Water — Electricity');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/u\/u1\.[\w-]+\.bills\.[\w-]+>$/);
    const link = mail.headers['list-unsubscribe']!.slice(1, -1);
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link);
    expect(mail.attachments).toHaveLength(0); // no attachment provider registered

    const rows = await rowsFor(outboxId);
    const smsRow = rows.find((r) => r.channel === 'sms')!;
    await eventually(async () => {
      const [row] = await h.ctx.db.select().from(notifications).where(eq(notifications.id, smsRow.id));
      expect(row!.status).toBe('delivered');
      expect(row!.providerMessageIds).toEqual(sms[0]!.messageIds);
      expect(row!.settledAt).not.toBeNull();
    });
    const [event] = await h.ctx.db.select().from(outbox).where(eq(outbox.id, outboxId));
    expect(event!.status).toBe('done');
  });

  it('sends an English speaker English, to every registered phone, and finds a person by civil ID', async () => {
    const person = h.people[3]!; // preferredLanguage en
    await h.ctx.db.insert(personPhones).values({ id: newId('phn'), personId: person.id, phone: '+96590001111', isPrimary: false });
    const dispatcher = h.dispatcher();
    const outboxId = await emit(h.ctx, 'violation.recorded', violationRecorded(null, person.civilId, 7));
    await eventually(async () => expect((await rowsFor(outboxId)).filter((r) => r.status === 'sent' || r.status === 'delivered')).toHaveLength(3));
    await dispatcher.stop();
    const sms = h.smsc!.messages().slice(before.sms);
    expect(sms.map((m) => m.to).sort()).toEqual([person.phone, '+96590001111'].sort());
    for (const message of sms) {
      expect(message.text).toBe('Traffic violation TV-2026-000007: Running a red light, Arabian Gulf Street, 2026-11-22 10:15. Fine KWD 150.000. Pay: http://localhost:3000/pay/pbl_v7');
      expect(message.dataCoding).toBe(0x00); // GSM-7: the English text has no character outside it
    }
    const mail = await eventually(() => {
      const [found] = h.mail.messages().filter((m) => m.subject.includes('TV-2026-000007'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.subject).toBe('New traffic violation TV-2026-000007');
    expect(mail!.text!.indexOf('Amount: KWD 150.000')).toBeLessThan(mail!.text!.indexOf('المبلغ: 150.000 د.ك'));
  });

  it('sends reminders by SMS only by default', async () => {
    const person = h.people[1]!;
    const dispatcher = h.dispatcher();
    const outboxId = await emit(h.ctx, 'bill.due_soon', {
      personId: person.id, payableId: 'pbl_9', vars: { billNumber: 'EB-9', billerAr: 'وزارة الكهرباء والماء - الماء', billerEn: 'Water', amount: '3.000', currency: 'KWD', dueDate: '2026-12-01', payUrl: 'http://localhost:3000/pay/9' },
    });
    await eventually(async () => expect((await rowsFor(outboxId)).map((r) => `${r.channel}:${r.status}`)).toEqual(['sms:delivered']));
    await dispatcher.stop();
    expect(h.mail.messages().filter((m) => m.subject.includes('EB-9'))).toHaveLength(0);
  });

  it('drops a due-date reminder whose bill was cancelled or paid before it fell due', async () => {
    const person = h.people[1]!;
    const { payable } = await issuePayable(h.ctx, {
      billerCode: 'mew-water', kind: 'bill', sourceId: 'bill_reminded', reference: 'EB-77', personId: person.id, amount: 3000n,
      issuedOn: '2026-11-01', dueDate: '2026-12-01', descriptionAr: 'فاتورة', descriptionEn: 'Bill',
    });
    await payables.cancel(h.ctx, payable.id);
    const dispatcher = h.dispatcher();
    const outboxId = await emit(h.ctx, 'bill.due_soon', {
      personId: person.id, payableId: payable.id, vars: { billNumber: 'EB-77', billerAr: 'الماء', billerEn: 'Water', amount: '3.000', currency: 'KWD', dueDate: '2026-12-01', payUrl: 'http://localhost:3000/pay/77' },
    });
    await eventually(async () => {
      const [event] = await h.ctx.db.select().from(outbox).where(eq(outbox.id, outboxId));
      expect(event).toMatchObject({ status: 'done', lastError: 'the bill was paid or cancelled before its reminder was due' });
    });
    await dispatcher.stop();
    expect(await rowsFor(outboxId)).toHaveLength(0);
  });

  it('concatenates a 150-character Arabic message into 3 UCS-2 segments that the SMS centre reassembles exactly', async () => {
    const text = 'نذكركم بأن موعد الفحص الفني الدوري لمركبتكم قد اقترب، يرجى زيارة أقرب مركز فحص معتمد قبل الموعد المحدد لتجنب المخالفة وشكراً لكم على حسن تعاونكم معنا.';
    expect(text).toHaveLength(150);
    await saveTemplate(h.ctx, systemActor('test'), { topic: 'violation.reminder', channel: 'sms', language: 'ar', body: text });
    const person = h.people[0]!;
    const dispatcher = h.dispatcher();
    const outboxId = await emit(h.ctx, 'violation.reminder', { personId: person.id, kind: 'inspection_due', subjectId: 'veh_1', vars: { plate: '12/34567', dueDate: '2026-12-01', daysLeft: '9' } });
    await eventually(async () => expect((await rowsFor(outboxId)).map((r) => r.status)).toEqual(['delivered']));
    await dispatcher.stop();
    const [message] = h.smsc!.messages().slice(before.sms);
    expect(message!.segments).toBe(3);
    expect(message!.dataCoding).toBe(0x08);
    expect(message!.text).toBe(text);
    const [row] = await rowsFor(outboxId);
    expect(row!.segments).toBe(3);
    expect(row!.providerMessageIds).toHaveLength(3);
  });

  it('records an undelivered receipt as undelivered, not as a failure to retry', async () => {
    h.smsc!.setFailureRate(1);
    try {
      const person = h.people[1]!;
      const dispatcher = h.dispatcher();
      const outboxId = await emit(h.ctx, 'payment.received', { personId: person.id, paymentId: 'pay_1', receiptNumber: 'WEB-2026-000001', vars: { receiptNumber: 'WEB-2026-000001', amount: '12.500', currency: 'KWD', paidAt: '2026-11-22 10:00', verifyUrl: 'http://localhost:3000/r/WEB-2026-000001?sig=x', items: 'EB-1' } });
      await eventually(async () => expect((await rowsFor(outboxId)).find((r) => r.channel === 'sms')?.status).toBe('undelivered'));
      await dispatcher.stop();
      expect(h.smsc!.messages().slice(before.sms)).toHaveLength(1);
    } finally {
      h.smsc!.setFailureRate(0);
    }
  });

  it('attaches the document a module provides for the topic', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%test\n%%EOF\n');
    const attachments: AttachmentProviders = {
      'bill.issued': async (_ctx, event, language) => [
        { filename: `${event.payload.billId}-${language}.pdf`, content: pdf, contentType: 'application/pdf' },
      ],
    };
    {
      const dispatcher = h.dispatcher({ transports: { ...h.transports(), attachments } });
      const outboxId = await emit(h.ctx, 'bill.issued', billIssued(h.people[2]!.id, 42));
      await eventually(async () => expect((await rowsFor(outboxId)).find((r) => r.channel === 'email')?.status).toBe('sent'));
      await dispatcher.stop();
      const mail = await eventually(() => {
        const [found] = h.mail.messages().filter((m) => m.subject.includes('EB-2026-11-000042'));
        expect(found).toBeDefined();
        return found;
      });
      expect(mail!.attachments).toHaveLength(1);
      expect(mail!.attachments[0]).toMatchObject({ filename: 'bill_42-ar.pdf', contentType: 'application/pdf' });
      expect(mail!.attachments[0]!.content.equals(pdf)).toBe(true);
    }
  });

  it('an event without vars, or of a topic nobody handles, is dead at once with its reason, and sends nothing', async () => {
    const noVars = await inTransaction(h.ctx, (tx) => writeOutbox(tx.db, { topic: 'bill.issued', payload: { personId: h.people[0]!.id, payableId: 'p', billId: 'b' } }));
    const unknown = await inTransaction(h.ctx, (tx) => writeOutbox(tx.db, { topic: 'bill.cancelled', payload: { personId: h.people[0]!.id, vars: { a: '1' } } }));
    const dispatcher = h.dispatcher();
    await eventually(async () => {
      const rows = await h.ctx.db.select().from(outbox).where(inArray(outbox.id, [noVars!, unknown!])).orderBy(outbox.id);
      expect(rows.map((r) => [r.status, r.lastError])).toEqual([['dead', 'the event carries no vars for its message'], ['dead', 'unknown topic bill.cancelled']]);
    });
    await dispatcher.stop();
    expect(await h.ctx.db.select().from(notifications).where(inArray(notifications.outboxId, [noVars!, unknown!]))).toHaveLength(0);
  });

  it('expands an event once even if asked twice', async () => {
    const outboxId = await emit(h.ctx, 'bill.issued', billIssued(h.people[1]!.id, 77));
    const templates = await loadTemplates(h.ctx);
    const expandOnce = () => inTransaction(h.ctx, async (tx) => {
      const [event] = (await claimOutboxBatch(tx.db, { now: h.clock.now(), limit: 100 })).filter((e) => e.id === outboxId);
      const expansion = await expandEvents(tx, [event!], templates);
      return insertNotifications(tx.db, expansion.rows);
    });
    expect(await expandOnce()).toHaveLength(2);
    expect(await expandOnce()).toHaveLength(0);
    const [{ count }] = await h.ctx.db.select({ count: sql<number>`count(*)::int` }).from(notifications).where(eq(notifications.outboxId, outboxId)) as [{ count: number }];
    expect(Number(count)).toBe(2);
    await h.ctx.db.update(outbox).set({ status: 'done' }).where(eq(outbox.id, outboxId));
  });
});
