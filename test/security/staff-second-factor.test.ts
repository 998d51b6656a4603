// Issue #15, point 9: staff sign in with a second factor, an authenticator app's code (RFC 6238). The codes are
// checked against the RFC's own test vectors and against oath-toolkit's `oathtool` (Debian), an implementation we
// did not write; then the sign-in: no code, a wrong code, a replayed code, parallel use of one code, enrolment,
// and a deployment that requires the factor of everyone.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { hotp, newTotpSecret, totpAt, STEP_SECONDS } from '../../src/modules/identity/totp.js';
import { enrolByOperator } from '../../src/modules/identity/second-factor.js';
import { findStaffByUsername } from '../../src/modules/identity/identity.store.js';
import { auditTrail } from '../../src/platform/audit.js';

describe('codes (RFC 6238)', () => {
  it('match the RFC 6238 appendix B vectors (SHA-1, eight digits)', () => {
    const key = Buffer.from('12345678901234567890', 'ascii');
    const vectors: [number, string][] = [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']];
    for (const [seconds, code] of vectors) expect(hotp(key, BigInt(Math.floor(seconds / STEP_SECONDS)), 8)).toBe(code);
  });

  it("agree with oath-toolkit's oathtool", () => {
    for (const seconds of [0, 1_764_000_000, 1_800_000_029, 1_800_000_030, 4_102_444_800]) {
      const secret = newTotpSecret();
      const theirs = execFileSync('oathtool', ['--totp', '-b', secret, '-N', `@${seconds}`], { encoding: 'utf8' }).trim();
      expect(totpAt(secret, new Date(seconds * 1000))).toBe(theirs);
    }
  });
});

describe('staff sign-in with an authenticator', () => {
  let t: TestApp;
  let secret: string;
  const login = (payload: Record<string, string>, from = '198.51.100.20') =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'cashier', password: DEMO_PASSWORD, ...payload }, remoteAddress: from });
  const codeNow = () => totpAt(secret, t.clock.now());

  beforeAll(async () => {
    t = await createTestApp({ seeded: 'demo' });
  });
  afterAll(async () => t?.close());

  it('is enrolled by the member: the secret shown once, active only after a code from it', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor' })).json().code).toBe('unauthenticated');
    const citizen = await signIn(t.app, { civilId: t.seeded!.people[0]!.civilId, password: DEMO_PASSWORD });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor', headers: { cookie: citizen } })).json().code).toBe('forbidden');

    const cookie = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor', headers: { cookie } });
    expect(started.statusCode).toBe(201);
    secret = started.json().secret;
    expect(started.json().otpauthUri).toBe(`otpauth://totp/Tasdeed%3Acashier?secret=${secret}&issuer=Tasdeed&algorithm=SHA1&digits=6&period=30`);

    // A wrong code confirms nothing: the password alone still signs in.
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor/confirm', headers: { cookie }, payload: { code: otherCode(codeNow()) } });
    expect(wrong.json()).toMatchObject({ code: 'second_factor_invalid', message: { ar: expect.any(String), en: expect.any(String) } });
    expect((await login({})).statusCode).toBe(200);

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor/confirm', headers: { cookie }, payload: { code: codeNow() } })).statusCode).toBe(204);
    t.clock.advance(STEP_SECONDS * 1000);
  });

  it('asks for the code after the password, and opens no session without it', async () => {
    const response = await login({});
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'second_factor_required', message: { ar: expect.any(String), en: expect.any(String) } });
    expect(response.cookies.find((c) => c.name === 'tasdeed_session')).toBeUndefined();
  });

  it('refuses a wrong code like a wrong password', async () => {
    const response = await login({ code: otherCode(codeNow()) });
    expect(response.json().code).toBe('login_failed');
    expect(response.cookies.find((c) => c.name === 'tasdeed_session')).toBeUndefined();
  });

  it('signs in with the code, once: the same code again is refused, the next one passes', async () => {
    const code = codeNow();
    const first = await login({ code });
    expect(first.statusCode).toBe(200);
    const session = first.cookies.find((c) => c.name === 'tasdeed_session')!.value;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `tasdeed_session=${session}` } })).json().role).toBe('cashier');
    expect((await login({ code }, '198.51.100.21')).json().code).toBe('login_failed');
    t.clock.advance(STEP_SECONDS * 1000);
    expect((await login({ code: codeNow() })).statusCode).toBe(200);
  });

  it('lets one code open one session when sign-ins race with it', async () => {
    t.clock.advance(STEP_SECONDS * 1000);
    const code = codeNow();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => login({ code }, `198.51.100.${40 + i}`)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 200).map((a) => a.json().code)).toEqual(Array(5).fill('login_failed'));
  });

  it('accepts the code of the step before (a slow phone), not of two steps before', async () => {
    t.clock.advance(STEP_SECONDS * 1000);
    const previous = codeNow();
    t.clock.advance(STEP_SECONDS * 1000);
    const older = totpAt(secret, new Date(t.clock.now().getTime() - 2 * STEP_SECONDS * 1000));
    expect((await login({ code: older })).json().code).toBe('login_failed');
    expect((await login({ code: previous })).statusCode).toBe(200);
  });
});

describe('replacing an enrolled authenticator (a stolen session must not swap the factor)', () => {
  let t: TestApp;
  let secret: string;
  let cookie: string;
  const start = (payload?: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor', headers: { cookie }, ...(payload ? { payload } : {}) });
  const confirm = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor/confirm', headers: { cookie }, payload: { code } });
  const login = (code: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'admin', password: DEMO_PASSWORD, code } });

  beforeAll(async () => {
    t = await createTestApp({ seeded: 'demo' });
    cookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
    secret = (await start()).json().secret;
    expect((await confirm(totpAt(secret, t.clock.now()))).statusCode).toBe(204);
    t.clock.advance(STEP_SECONDS * 1000);
  });
  afterAll(async () => t?.close());

  it('refuses to start without the current code, or with a wrong or spent one, and audits each refusal', async () => {
    const admin = await findStaffByUsername(t.ctx.db, 'admin');
    const bare = await start();
    expect(bare.statusCode).toBe(403);
    expect(bare.json()).toMatchObject({ code: 'second_factor_current_required', message: { ar: expect.any(String), en: expect.any(String) } });
    expect((await start({})).json().code).toBe('second_factor_current_required');
    expect((await start({ currentCode: otherCode(totpAt(secret, t.clock.now())) })).json().code).toBe('second_factor_invalid');
    // A code the member already spent signing in is spent for this too.
    const spent = totpAt(secret, t.clock.now());
    expect((await login(spent)).statusCode).toBe(200);
    expect((await start({ currentCode: spent })).json().code).toBe('second_factor_invalid');

    // Nothing pending was written: a confirmation has nothing to confirm, and the enrolled secret still rules.
    const after = await findStaffByUsername(t.ctx.db, 'admin');
    expect(after!.totpPendingCiphertext).toBeNull();
    expect(after!.totpSecretCiphertext).toBe(admin!.totpSecretCiphertext);
    const refusals = (await auditTrail(t.ctx, 'staff', admin!.id)).filter((row) => row.action === 'staff.second_factor.start' && row.outcome === 'refused');
    expect(refusals.reverse().map((row) => row.detail)).toEqual([
      { replacing: true, reason: 'current_code_missing' }, { replacing: true, reason: 'current_code_missing' },
      { replacing: true, reason: 'current_code_wrong' }, { replacing: true, reason: 'current_code_wrong' },
    ]);
  });

  it('replaces it with the current code: the new app signs in, the old one no longer does; both steps audited', async () => {
    t.clock.advance(STEP_SECONDS * 1000);
    const started = await start({ currentCode: totpAt(secret, t.clock.now()) });
    expect(started.statusCode).toBe(201);
    const replacement = started.json().secret as string;
    expect(replacement).not.toBe(secret);
    // Until confirmed, the old app still rules.
    t.clock.advance(STEP_SECONDS * 1000);
    expect((await login(totpAt(replacement, t.clock.now()))).json().code).toBe('login_failed');
    expect((await confirm(totpAt(replacement, t.clock.now()))).statusCode).toBe(204);
    t.clock.advance(STEP_SECONDS * 1000);
    expect((await login(totpAt(secret, t.clock.now()))).json().code).toBe('login_failed');
    expect((await login(totpAt(replacement, t.clock.now()))).statusCode).toBe(200);

    const admin = await findStaffByUsername(t.ctx.db, 'admin');
    const trail = (await auditTrail(t.ctx, 'staff', admin!.id)).filter((row) => row.action.startsWith('staff.second_factor.') && row.outcome !== 'refused');
    expect(trail.reverse().map((row) => [row.action, row.detail])).toEqual([
      ['staff.second_factor.start', { replacing: false }], ['staff.second_factor.confirm', { replaced: false }],
      ['staff.second_factor.start', { replacing: true }], ['staff.second_factor.confirm', { replaced: true }],
    ]);
  });
});

describe('a deployment that requires the second factor (STAFF_SECOND_FACTOR=required, the production default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seeded: 'demo', config: { STAFF_SECOND_FACTOR: 'required' } });
  });
  afterAll(async () => t?.close());

  it('refuses staff without one, with an audited refusal; citizens are not asked', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'officer', password: DEMO_PASSWORD } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'second_factor_not_enrolled', message: { ar: expect.any(String), en: expect.any(String) } });
    const officer = await findStaffByUsername(t.ctx.db, 'officer');
    const logins = (await auditTrail(t.ctx, 'staff', officer!.id)).filter((row) => row.action === 'auth.login');
    expect(logins.map((row) => ({ outcome: row.outcome, detail: row.detail }))).toEqual([{ outcome: 'refused', detail: { reason: 'second_factor_not_enrolled' } }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId: t.seeded!.people[0]!.civilId, password: DEMO_PASSWORD } })).statusCode).toBe(200);
  });

  it("lets the operator enrol one (tasdeed staff second-factor), after which the member's code opens the session", async () => {
    const { secret } = await enrolByOperator(t.ctx, 'officer');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'officer', password: DEMO_PASSWORD } })).json().code).toBe('second_factor_required');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'officer', password: DEMO_PASSWORD, code: totpAt(secret, t.clock.now()) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().role).toBe('officer');
  });
});

/** A six-digit code that is not `code`. */
function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
