// Issue #15, point 3: the owner locked out by a stranger's guesses still has a way in, a code by SMS to their
// registered phone through the notifications outbox; and the code itself cannot be guessed or flooded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { notifications, outbox } from '../../src/db/schema/index.js';
import { claimNotificationWork } from '../../src/modules/notifications/claim.js';
import { deliverNotification } from '../../src/modules/notifications/deliver.js';
import type { OutgoingSms, SmsSender } from '../../src/modules/notifications/sms/sms.types.js';
import { unseal } from '../../src/platform/sealing.js';
import { systemClock } from '../../src/platform/clock.js';
import { expandEvents } from '../../src/modules/notifications/expand.js';
import { loadTemplates } from '../../src/modules/notifications/templates.service.js';
import { inTransaction } from '../../src/platform/context.js';
import { makeKuwaitiCivilId } from '../../src/shared/civil-id.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
});
afterAll(async () => t?.close());

const person = (i: number) => t.seeded!.people[i]!;

function post(url: string, payload: object, from = '198.51.100.20') {
  return t.app.inject({ method: 'POST', url, payload, remoteAddress: from });
}

/** The code in an event, opened as only the server can (the row itself holds it sealed). */
function codeIn(event: { payload: unknown }): string {
  return unseal((event.payload as { sealedVars: { code: string } }).sealedVars.code, t.ctx.config.secret, 'one-time-codes');
}

async function codeEvents(personId: string) {
  const rows = await t.ctx.db.select().from(outbox).where(eq(outbox.topic, 'auth.sign_in_code'));
  return rows.filter((r) => (r.payload as { personId: string }).personId === personId);
}

describe('sign-in code by SMS', () => {
  it('lets the owner in while a stranger has locked their password and braked the account', async () => {
    const owner = person(0);
    for (let i = 0; i < 25; i++) await post('/api/v1/auth/login', { civilId: owner.civilId, password: 'wrong-guess-123' }, `192.0.2.${(i % 5) + 1}`);
    expect((await post('/api/v1/auth/login', { civilId: owner.civilId, password: 'x-wrong-pass' })).statusCode).toBe(429);

    const asked = await post('/api/v1/auth/sign-in-code', { civilId: owner.civilId });
    expect(asked.statusCode).toBe(202);
    const [event] = await codeEvents(owner.id);
    const payload = event!.payload as { phone: string };
    expect(payload.phone).toBe(owner.phone);
    const code = codeIn(event!);
    expect(code).toMatch(/^\d{6}$/);

    // The notifications worker turns it into one SMS to that phone (and no email), whatever the preferences.
    const templates = await loadTemplates(t.ctx);
    const expansion = await inTransaction(t.ctx, (tx) => expandEvents(tx, [{ id: event!.id, topic: event!.topic, payload: event!.payload, attempts: 0 }], templates));
    expect(expansion.rows.map((r) => [r.channel, r.address])).toEqual([['sms', owner.phone]]);
    expect(unseal(expansion.rows[0]!.sealedBody!, t.ctx.config.secret, 'one-time-codes')).toContain(code);

    const signedIn = await post('/api/v1/auth/sign-in-code/verify', { civilId: owner.civilId, code });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.cookies.map((c) => c.name).sort()).toEqual(['tasdeed_csrf', 'tasdeed_session']);
    // Used once only.
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: owner.civilId, code })).json().code).toBe('sign_in_code_invalid');
  });

  it('answers alike for an unregistered civil ID, and sends nothing', async () => {
    const count = async () => ((await t.ctx.db.execute(sql`SELECT count(*)::int AS n FROM outbox`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    const before = await count();
    const unknown = await post('/api/v1/auth/sign-in-code', { civilId: makeKuwaitiCivilId('1990-01-01', 4242) });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({ status: 'sent_if_registered' });
    expect(await count()).toBe(before);
  });

  it('sends at most one code a minute (no SMS flood)', async () => {
    const target = person(1);
    for (let i = 0; i < 5; i++) await post('/api/v1/auth/sign-in-code', { civilId: target.civilId }, `192.0.2.${i + 50}`);
    expect(await codeEvents(target.id)).toHaveLength(1);
    t.clock.advance(61_000);
    await post('/api/v1/auth/sign-in-code', { civilId: target.civilId });
    expect(await codeEvents(target.id)).toHaveLength(2);
  });

  it('burns a code after five wrong tries, even tried in parallel, and refuses an expired one', async () => {
    const target = person(2);
    await post('/api/v1/auth/sign-in-code', { civilId: target.civilId });
    const [event] = await codeEvents(target.id);
    const code = codeIn(event!);
    const wrong = Array.from({ length: 12 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrong.map((c) => post('/api/v1/auth/sign-in-code/verify', { civilId: target.civilId, code: c })));
    expect(answers.every((a) => a.json().code === 'sign_in_code_invalid')).toBe(true);
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: target.civilId, code })).json().code).toBe('sign_in_code_invalid');

    const other = person(3);
    await post('/api/v1/auth/sign-in-code', { civilId: other.civilId });
    const otherCode = codeIn((await codeEvents(other.id))[0]!);
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: other.civilId, code: otherCode })).json().code).toBe('sign_in_code_invalid');
  });

  it('keeps the code out of every table in clear, while the SMS that leaves carries it', async () => {
    const target = person(4);
    expect((await post('/api/v1/auth/sign-in-code', { civilId: target.civilId })).statusCode).toBe(202);
    const sent: OutgoingSms[] = [];
    const sms: SmsSender = {
      send: async (message) => {
        sent.push(message);
        return { messageIds: [`m-${sent.length}`], segments: 1 };
      },
      onReceipt: () => undefined,
      onInbound: () => undefined,
      close: async () => undefined,
    };
    // One pass of the notifications worker: expand the event, then send what it claimed. (On the wall clock: the
    // outbox row is stamped by the database, the test's clock is elsewhere.)
    const worker = { ...t.ctx, clock: systemClock };
    const work = await claimNotificationWork(worker, { workerId: 'test-worker', limit: 100 });
    for (const row of work.rows) await deliverNotification(worker, { sms }, 'test-worker', row);
    const [row] = await t.ctx.db.select().from(notifications).where(and(eq(notifications.personId, target.id), eq(notifications.topic, 'auth.sign_in_code')));
    expect(row!.status).toBe('sent');
    const [message] = sent.filter((m) => m.key === row!.id);
    expect(message!.to).toBe(target.phone);
    const code = /\b(\d{6})\b/.exec(message!.text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(code).toBe(codeIn((await codeEvents(target.id))[0]!));

    // A reader of the database (every column of every row in the outbox and notifications) finds no code.
    const dump = async (table: string) => JSON.stringify(((await t.ctx.db.execute(sql.raw(`SELECT * FROM ${table}`))) as unknown as { rows: unknown[] }).rows);
    // (As a number of its own: a civil ID or a phone number may hold the same six digits inside it.)
    const standalone = new RegExp(`(?<!\\d)${code}(?!\\d)`);
    for (const table of ['outbox', 'notifications', 'login_codes', 'audit_log']) expect(await dump(table), table).not.toMatch(standalone);
    expect(row!.body).toContain('••••••');

    // And the code from the SMS signs in.
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: target.civilId, code: code! })).statusCode).toBe(200);
  });
});
