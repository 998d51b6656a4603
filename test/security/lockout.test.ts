// Issue #15, points 3 and 5: five wrong passwords from a stranger must not lock the owner out, failures must
// decay, a guesser spread over many addresses is slowed (never a lock), and parallel attempts get no more guesses
// than the limit (run on PostgreSQL too, where the race was seen).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';

let t: TestApp;
let civilIds: string[];

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  civilIds = t.seeded!.people.map((p) => p.civilId);
});
afterAll(async () => t?.close());

function login(civilId: string, password: string, from: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId, password }, remoteAddress: from });
}

function staffLogin(username: string, password: string, from: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password }, remoteAddress: from });
}

describe('lockout per account and source', () => {
  it("five wrong passwords from a stranger lock only the stranger's address, not the owner", async () => {
    const victim = civilIds[0]!;
    for (let i = 0; i < 5; i++) expect((await login(victim, 'wrong-guess-123', '203.0.113.66')).json().code).toBe('login_failed');
    // The stranger is locked out, even with the right password...
    const locked = await login(victim, DEMO_PASSWORD, '203.0.113.66');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'login_locked', message: { ar: expect.any(String), en: expect.any(String) } });
    // ...and the owner, from their own address, is not.
    expect((await login(victim, DEMO_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
  });

  it('forgets failures when the lock ends: one more wrong attempt does not lock again', async () => {
    const victim = civilIds[1]!;
    for (let i = 0; i < 5; i++) await login(victim, 'wrong-guess-123', '203.0.113.67');
    expect((await login(victim, 'wrong-guess-123', '203.0.113.67')).json().code).toBe('login_locked');
    t.clock.advance(15 * 60_000 + 1_000);
    expect((await login(victim, 'wrong-guess-123', '203.0.113.67')).json().code).toBe('login_failed');
    expect((await login(victim, DEMO_PASSWORD, '203.0.113.67')).statusCode).toBe(200);
  });

  it('forgets failures after a quiet quarter of an hour', async () => {
    const victim = civilIds[2]!;
    for (let i = 0; i < 4; i++) await login(victim, 'wrong-guess-123', '203.0.113.68');
    t.clock.advance(16 * 60_000);
    for (let i = 0; i < 4; i++) expect((await login(victim, 'wrong-guess-123', '203.0.113.68')).json().code).toBe('login_failed');
    expect((await login(victim, DEMO_PASSWORD, '203.0.113.68')).statusCode).toBe(200);
  });

  it('locks staff per source too', async () => {
    for (let i = 0; i < 5; i++) await staffLogin('officer', 'wrong-guess-123', '203.0.113.69');
    expect((await staffLogin('officer', DEMO_PASSWORD, '203.0.113.69')).json().code).toBe('login_locked');
    expect((await staffLogin('officer', DEMO_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
  });
});

describe('the per-account brake', () => {
  it('slows a guesser spread over many addresses, and lets the owner in after a short wait', async () => {
    const victim = civilIds[3]!;
    for (let i = 0; i < 20; i++) expect((await login(victim, 'wrong-guess-123', `192.0.2.${i + 1}`)).json().code).toBe('login_failed');
    const slowed = await login(victim, DEMO_PASSWORD, '198.51.100.9');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'login_slowed', details: { retryAfterSeconds: 10 } });
    // One attempt per interval goes through: a guesser gets one, then waits again.
    t.clock.advance(10_000);
    expect((await login(victim, 'wrong-guess-123', '192.0.2.200')).json().code).toBe('login_failed');
    expect((await login(victim, 'wrong-guess-123', '192.0.2.201')).json().code).toBe('login_slowed');
    // Being slowed never turns into a lock: the owner's attempt after the interval gets in.
    t.clock.advance(10_000);
    expect((await login(victim, DEMO_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
  });
});

describe('attempts are counted before the password is checked', () => {
  it('20 parallel wrong passwords from one address get exactly five guesses', async () => {
    const victim = civilIds[4]!;
    const answers = await Promise.all(Array.from({ length: 20 }, () => login(victim, 'wrong-guess-123', '203.0.113.70')));
    const codes = answers.map((a) => a.json().code as string);
    expect(codes.filter((c) => c === 'login_failed')).toHaveLength(5);
    expect(codes.filter((c) => c === 'login_locked')).toHaveLength(15);
    expect((await login(victim, DEMO_PASSWORD, '203.0.113.70')).json().code).toBe('login_locked');
  });

  it('20 parallel attempts with the right password among them: at most five wrong ones checked on either side of it', async () => {
    const victim = civilIds[0]!;
    t.clock.advance(60 * 60_000); // a fresh hour: nothing left from the tests above
    const passwords = Array.from({ length: 20 }, (_, i) => (i === 19 ? DEMO_PASSWORD : `wrong-guess-${i}`));
    const answers = await Promise.all(passwords.map((p) => login(victim, p, '203.0.113.71')));
    // A right password starts the pair's count over (attemptSucceeded). With real concurrency (PostgreSQL) it may be
    // checked early, so the wrong ones get at most five before it and five after it; never the 18-24 of the issue.
    const failed = answers.filter((a) => a.json().code === 'login_failed').length;
    const succeeded = answers.filter((a) => a.statusCode === 200).length;
    expect(succeeded).toBeLessThanOrEqual(1);
    expect(failed).toBeLessThanOrEqual(succeeded ? 10 : 5);
    expect(answers.filter((a) => a.json().code === 'login_locked').length).toBe(20 - failed - succeeded);
    expect(failed + succeeded).toBeGreaterThanOrEqual(5);
  });
});
