// Issue #15, point 3: the owner locked out by a stranger's guesses still has a way in, a code by SMS to their
// registered phone through the notifications outbox; and the code itself cannot be guessed or flooded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { outbox } from '../../src/db/schema/index.js';
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
    const payload = event!.payload as { phone: string; vars: { code: string } };
    expect(payload.phone).toBe(owner.phone);
    expect(payload.vars.code).toMatch(/^\d{6}$/);

    // The notifications worker turns it into one SMS to that phone (and no email), whatever the preferences.
    const templates = await loadTemplates(t.ctx);
    const expansion = await inTransaction(t.ctx, (tx) => expandEvents(tx, [{ id: event!.id, topic: event!.topic, payload: event!.payload, attempts: 0 }], templates));
    expect(expansion.rows.map((r) => [r.channel, r.address])).toEqual([['sms', owner.phone]]);
    expect(expansion.rows[0]!.body).toContain(payload.vars.code);

    const signedIn = await post('/api/v1/auth/sign-in-code/verify', { civilId: owner.civilId, code: payload.vars.code });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.cookies.map((c) => c.name).sort()).toEqual(['tasdeed_csrf', 'tasdeed_session']);
    // Used once only.
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: owner.civilId, code: payload.vars.code })).json().code).toBe('sign_in_code_invalid');
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
    const code = (event!.payload as { vars: { code: string } }).vars.code;
    const wrong = Array.from({ length: 12 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrong.map((c) => post('/api/v1/auth/sign-in-code/verify', { civilId: target.civilId, code: c })));
    expect(answers.every((a) => a.json().code === 'sign_in_code_invalid')).toBe(true);
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: target.civilId, code })).json().code).toBe('sign_in_code_invalid');

    const other = person(3);
    await post('/api/v1/auth/sign-in-code', { civilId: other.civilId });
    const otherCode = ((await codeEvents(other.id))[0]!.payload as { vars: { code: string } }).vars.code;
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await post('/api/v1/auth/sign-in-code/verify', { civilId: other.civilId, code: otherCode })).json().code).toBe('sign_in_code_invalid');
  });
});
