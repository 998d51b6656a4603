// The HTTP side: a citizen's preferences, the unsubscribe link, STOP by SMS, admins' dead letters and templates.
// Whether a preference is honoured is checked on the notifications an event expands into.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { notifications } from '../../src/db/schema/index.js';
import { seedFoundation, type SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { startSmscSimulator, type SmscSimulator } from '../../src/dev/smsc/smsc.simulator.js';
import { claimNotificationWork } from '../../src/modules/notifications/claim.js';
import { markFailed } from '../../src/modules/notifications/notifications.store.js';
import { handleInboundSms, keywordOf } from '../../src/modules/notifications/preferences.service.js';
import { createSmppSender } from '../../src/modules/notifications/sms/smpp.client.js';
import { unsubscribeToken } from '../../src/modules/notifications/unsubscribe.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { billIssued, emit, violationRecorded } from './events.js';
import { eventually } from './harness.js';

let t: TestApp;
let people: SeededPerson[];
let citizen: SeededPerson;
let citizenCookie: string;
let adminCookie: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ people } = await seedFoundation(t.ctx, { people: 4 }));
  citizen = people[0]!;
  citizenCookie = await signIn(t.app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
  adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

/** Expands every event written so far (the app's clock is fixed: catch it up with the database's now()). */
async function claimAll() {
  t.clock.set(new Date(Date.now() + 1_000));
  return claimNotificationWork(t.ctx, { workerId: 'test', limit: 100 });
}

/** What an event turns into for its person: "channel address" per notification. */
async function expansionOf(outboxId: bigint): Promise<string[]> {
  await claimAll();
  const rows = await t.ctx.db.select().from(notifications).where(eq(notifications.outboxId, outboxId));
  return rows.map((r) => `${r.channel} ${r.address}`).sort();
}

describe('preferences API', () => {
  it('shows the defaults and the registered phones', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: { cookie: citizenCookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      preferences: { bills: { sms: true, email: true }, reminders: { sms: true, email: false }, receipts: { sms: true, email: true }, violations: { sms: true, email: true } },
      phones: [{ phone: citizen.phone, sms: true }],
      emails: [citizen.email],
      language: 'ar',
    });
  });

  it('needs a signed-in citizen', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: { cookie: adminCookie } })).statusCode).toBe(403);
  });

  it('turns a topic\'s email off and a phone\'s SMS off, and events follow', async () => {
    const person = people[1]!;
    const cookie = await signIn(t.app, { civilId: person.civilId, password: DEMO_PASSWORD });
    const before = await emit(t.ctx, 'bill.issued', billIssued(person.id, 501));
    expect(await expansionOf(before)).toEqual([`email ${person.email}`, `sms ${person.phone}`]);

    const response = await t.app.inject({
      method: 'PUT', url: '/api/v1/me/notification-preferences', headers: { cookie },
      payload: { preferences: { bills: { email: false } }, phones: [{ phone: person.phone, sms: false }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().preferences.bills).toEqual({ sms: true, email: false });
    expect(response.json().phones).toEqual([{ phone: person.phone, sms: false }]);

    const after = await emit(t.ctx, 'bill.issued', billIssued(person.id, 502));
    expect(await expansionOf(after)).toEqual([]); // no email for bills, and the only phone is off
    const violation = await emit(t.ctx, 'violation.recorded', violationRecorded(person.id, null, 503));
    expect(await expansionOf(violation)).toEqual([`email ${person.email}`]); // violations' email is still on

    const back = await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: { cookie }, payload: { phones: [{ phone: person.phone.replace('+965', ''), sms: true }] } });
    expect(back.json().phones).toEqual([{ phone: person.phone, sms: true }]);
  });

  it('validates phones: not E.164 / Kuwaiti mobile → phone_invalid; someone else\'s → phone_not_registered', async () => {
    const put = (phone: string) => t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: { cookie: citizenCookie }, payload: { phones: [{ phone, sms: false }] } });
    const invalid = await put('+9651234');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('phone_invalid');
    expect((await put('+96512345678')).json().code).toBe('phone_invalid'); // +965 but not a mobile range
    const foreign = await put(people[2]!.phone);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('phone_not_registered');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/me/notification-preferences', headers: { cookie: citizenCookie }, payload: { preferences: { marketing: { sms: true } } } })).statusCode).toBe(400);
  });
});

describe('unsubscribe link', () => {
  it('opts that topic\'s emails out without signing in, and can be undone', async () => {
    const person = people[2]!;
    const token = unsubscribeToken(t.config.secret, person.id, 'violations');
    // GET only asks (a link scanner following it changes nothing); the page's button POSTs.
    const page = await t.app.inject({ method: 'GET', url: `/u/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('إلغاء الاشتراك؟');
    expect(page.body).toContain(`<form method="post" action="/u/${encodeURIComponent(token)}"`);
    const scanned = await emit(t.ctx, 'violation.recorded', violationRecorded(person.id, null, 600));
    expect(await expansionOf(scanned)).toEqual([`email ${person.email}`, `sms ${person.phone}`]);
    const confirmed = await t.app.inject({ method: 'POST', url: `/u/${token}` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('تم إلغاء الاشتراك');
    expect(confirmed.body).toContain('traffic violations');
    const violation = await emit(t.ctx, 'violation.recorded', violationRecorded(person.id, null, 601));
    expect(await expansionOf(violation)).toEqual([`sms ${person.phone}`]);
    const bill = await emit(t.ctx, 'bill.issued', billIssued(person.id, 602));
    expect(await expansionOf(bill)).toEqual([`email ${person.email}`, `sms ${person.phone}`]); // other topics unchanged

    const again = await t.app.inject({ method: 'POST', url: `/u/${token}/resubscribe` });
    expect(again.statusCode).toBe(200);
    const later = await emit(t.ctx, 'violation.recorded', violationRecorded(person.id, null, 603));
    expect(await expansionOf(later)).toEqual([`email ${person.email}`, `sms ${person.phone}`]);

    // RFC 8058 one-click: a POST with the form body mail clients send.
    const oneClick = await t.app.inject({ method: 'POST', url: `/u/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    const last = await emit(t.ctx, 'violation.recorded', violationRecorded(person.id, null, 604));
    expect(await expansionOf(last)).toEqual([`sms ${person.phone}`]);
  });

  it('refuses a forged or altered link', async () => {
    const token = unsubscribeToken(t.config.secret, people[3]!.id, 'bills');
    const forged = unsubscribeToken('another-secret-another-secret-1234', people[3]!.id, 'bills');
    const altered = token.replace('.bills.', '.receipts.');
    for (const bad of [forged, altered, 'nonsense']) {
      const response = await t.app.inject({ method: 'GET', url: `/u/${bad}` });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('الرابط غير صالح');
    }
    const bill = await emit(t.ctx, 'bill.issued', billIssued(people[3]!.id, 701));
    expect(await expansionOf(bill)).toEqual([`email ${people[3]!.email}`, `sms ${people[3]!.phone}`]);
  });
});

describe('opt-out by SMS keyword', () => {
  it('reads STOP and إيقاف (and START) whatever the case, spacing or tatweel', () => {
    for (const stop of ['STOP', 'stop', ' Stop. ', 'إيقاف', 'ايقاف', 'إيـقـاف']) expect(keywordOf(stop)).toBe('stop');
    for (const start of ['START', 'تشغيل']) expect(keywordOf(start)).toBe('start');
    for (const other of ['hello', 'STOPPING the car', 'إيقاف السيارة']) expect(keywordOf(other)).toBeNull();
  });

  it('a STOP sent from a handset through the SMS centre silences that number', async () => {
    const person = people[3]!;
    let smsc: SmscSimulator | undefined;
    const sender = { value: undefined as ReturnType<typeof createSmppSender> | undefined };
    try {
      smsc = await startSmscSimulator({ smppPort: 0, httpPort: 0, receiptDelayMs: 0 });
      sender.value = createSmppSender({ host: '127.0.0.1', port: smsc.smppPort, systemId: 'tasdeed', password: 'tasdeed1', sourceAddr: 'Tasdeed' });
      const handled: string[] = [];
      sender.value.onInbound(async (message) => {
        handled.push((await handleInboundSms(t.ctx, message)).action);
      });
      await sender.value.whenBound();
      await smsc.injectInbound(person.phone, 'إيقاف');
      await eventually(() => expect(handled).toEqual(['opted_out']));
    } finally {
      await sender.value?.close();
      await smsc?.close();
    }
    const bill = await emit(t.ctx, 'bill.issued', billIssued(person.id, 801));
    expect(await expansionOf(bill)).toEqual([`email ${person.email}`]);
    const prefs = await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: { cookie: await signIn(t.app, { civilId: person.civilId, password: DEMO_PASSWORD }) } });
    expect(prefs.json().phones).toEqual([{ phone: person.phone, sms: false }]);

    expect(await handleInboundSms(t.ctx, { from: person.phone.slice(1), text: 'START' })).toEqual({ action: 'opted_in', people: 1 });
    const later = await emit(t.ctx, 'bill.issued', billIssued(person.id, 802));
    expect(await expansionOf(later)).toEqual([`email ${person.email}`, `sms ${person.phone}`]);
    expect(await handleInboundSms(t.ctx, { from: '+96599999999', text: 'STOP' })).toEqual({ action: 'opted_out', people: 0 });
  });
});

describe('dead letters (admin)', () => {
  it('lists dead letters with their reason and resends one; citizens may not', async () => {
    const outboxId = await emit(t.ctx, 'bill.issued', billIssued(people[0]!.id, 901));
    const { rows } = await claimAll();
    const row = rows.find((r) => r.outboxId === outboxId && r.channel === 'email')!;
    await markFailed(t.ctx.db, { id: row.id, workerId: 'test', attempt: row.attempts }, { dead: true, code: 'email_refused', message: '550 mailbox unavailable', retryAt: new Date(), at: new Date() });

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/notifications/dead', headers: { cookie: citizenCookie } })).statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/notifications/dead', headers: { cookie: adminCookie } });
    expect(list.statusCode).toBe(200);
    const dead = list.json().notifications.find((n: { id: string }) => n.id === row.id);
    expect(dead).toMatchObject({ status: 'dead', channel: 'email', lastErrorCode: 'email_refused', lastError: '550 mailbox unavailable', outboxId: String(outboxId), attempts: 1 });

    const resend = await t.app.inject({ method: 'POST', url: `/api/v1/admin/notifications/dead/${row.id}/resend`, headers: { cookie: adminCookie } });
    expect(resend.statusCode).toBe(200);
    expect(resend.json()).toMatchObject({ id: row.id, status: 'pending', attempts: 0 });
    const twice = await t.app.inject({ method: 'POST', url: `/api/v1/admin/notifications/dead/${row.id}/resend`, headers: { cookie: adminCookie } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('notification_not_dead');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/notifications/dead/ntf_nope/resend', headers: { cookie: adminCookie } })).statusCode).toBe(404);
    const [requeued] = await t.ctx.db.select().from(notifications).where(inArray(notifications.id, [row.id]));
    expect(requeued!.status).toBe('pending');
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entityType=notification&entityId=${row.id}`, headers: { cookie: adminCookie } });
    expect(audit.json().entries[0]).toMatchObject({ action: 'notification.resend', detail: { previousError: 'email_refused' } });
  });
});

describe('templates (admin)', () => {
  const url = '/api/v1/admin/notifications/templates/violation.recorded/sms/ar';

  it('lists every topic × channel × language with its placeholders', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/admin/notifications/templates', headers: { cookie: adminCookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json().templates).toHaveLength(13 * 2 * 2); // twelve message topics and the sign-in code
    expect(response.json().placeholders['bill.issued']).toContain('amount');
    expect(response.json().smsMaxSegments).toBe(3);
  });

  it('refuses at save time an SMS text too long for SMS_MAX_SEGMENTS with the longest expected values', async () => {
    const tooLong = 'مخالفة مرورية مسجلة على مركبتكم رقم {{violationNumber}} من نوع {{type}} في {{place}} بتاريخ {{occurredAt}} للمركبة ذات اللوحة {{plate}} بمبلغ {{amount}}. يرجى الدفع خلال المدة المحددة عبر الرابط: {{payUrl}}';
    const refused = await t.app.inject({ method: 'PUT', url, headers: { cookie: adminCookie }, payload: { body: tooLong } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'template_too_long', details: { max: 3 } });
    expect(refused.json().details.segments).toBeGreaterThan(3);
    const unknown = await t.app.inject({ method: 'PUT', url, headers: { cookie: adminCookie }, payload: { body: 'مخالفة {{secret}}' } });
    expect(unknown.json()).toMatchObject({ code: 'template_placeholder_unknown', details: { unknown: ['secret'] } });

    const fine = await t.app.inject({ method: 'PUT', url, headers: { cookie: adminCookie }, payload: { body: 'مخالفة {{violationNumber}}: {{type}}، {{amount}}. للدفع: {{payUrl}}' } });
    expect(fine.statusCode).toBe(200);
    expect(fine.json()).toMatchObject({ topic: 'violation.recorded', channel: 'sms', language: 'ar', body: 'مخالفة {{violationNumber}}: {{type}}، {{amount}}. للدفع: {{payUrl}}' });
    const person = people[0]!;
    const outboxId = await emit(t.ctx, 'violation.recorded', violationRecorded(person.id, null, 1001));
    await claimAll();
    const [sms] = await t.ctx.db.select().from(notifications).where(eq(notifications.outboxId, outboxId)).then((rows) => rows.filter((r) => r.channel === 'sms'));
    expect(sms!.body).toBe('مخالفة TV-2026-001001: تجاوز الإشارة الحمراء، 150.000 د.ك. للدفع: http://localhost:3000/pay/pbl_v1001');
    expect((await t.app.inject({ method: 'PUT', url, headers: { cookie: citizenCookie }, payload: { body: 'x' } })).statusCode).toBe(403);
  });

  it('needs a subject for email templates', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/notifications/templates/bill.issued/email/en', headers: { cookie: adminCookie }, payload: { body: 'Hello {{name}}' } });
    expect(response.json().code).toBe('template_subject_required');
  });
});
