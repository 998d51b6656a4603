// Issue #15, point 1: a page on the same site (another port, a sibling subdomain) must not be able to use a
// signed-in person's cookie. Each route group is attacked as a cross-site form would, and as a script without the
// token would; every attempt is refused before the route runs, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';

let t: TestApp;
let admin: string;
let citizen: string;
let otherCitizen: string;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  admin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  citizen = await signIn(t.app, { civilId: t.seeded!.people[0]!.civilId, password: DEMO_PASSWORD });
  otherCitizen = await signIn(t.app, { civilId: t.seeded!.people[1]!.civilId, password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

// One state-changing route of each module that takes a session cookie, with a body it would accept.
const routeGroups = [
  { group: 'identity: create an admin', as: () => admin, method: 'POST', url: '/api/v1/staff', body: { username: 'mallory', nameAr: 'م', nameEn: 'M', role: 'admin', password: 'correct horse battery staple' } },
  { group: 'identity: language', as: () => citizen, method: 'PUT', url: '/api/v1/me/language', body: { language: 'en' } },
  { group: 'identity: sign out', as: () => citizen, method: 'POST', url: '/api/v1/auth/logout', body: undefined },
  { group: 'payments: refund', as: () => admin, method: 'POST', url: '/api/v1/payments/pay_x/refund', body: { amount: '1.000', reason: 'forged' } },
  { group: 'payments: checkout', as: () => citizen, method: 'POST', url: '/api/v1/checkout', body: { payableIds: ['pay_x'], idempotencyKey: 'forged-1' } },
  { group: 'fines: vehicles', as: () => admin, method: 'POST', url: '/api/v1/vehicles', body: { plate: '1/11111' } },
  { group: 'metering: readings', as: () => citizen, method: 'POST', url: '/api/v1/readings', body: { meterNumber: 'M-1', reading: '1' } },
  { group: 'notifications: preferences', as: () => citizen, method: 'PUT', url: '/api/v1/me/notification-preferences', body: { sms: false } },
  { group: 'billing: bill runs', as: () => admin, method: 'POST', url: '/api/v1/bill-runs', body: { billerCode: 'mew-electricity', period: '2026-02' } },
  { group: 'tariffs', as: () => admin, method: 'POST', url: '/api/v1/tariffs', body: { code: 'x' } },
  { group: 'accounts: status', as: () => admin, method: 'PUT', url: '/api/v1/accounts/A-1/status', body: { status: 'closed' } },
] as const;

function form(body: object | undefined): string {
  return new URLSearchParams(Object.entries(body ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
}

async function changes(): Promise<unknown> {
  const result = await t.ctx.db.execute(sql`SELECT (SELECT count(*) FROM staff_users) AS staff, (SELECT count(*) FROM sessions) AS sessions,
    (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM people WHERE preferred_language = 'en') AS english`);
  return (result as unknown as { rows: unknown[] }).rows?.[0] ?? result;
}

describe.each(routeGroups)('CSRF on $group', ({ as, method, url, body }) => {
  it('refuses a cross-site form post from a sibling origin carrying the cookie', async () => {
    const before = await changes();
    const response = await t.app.inject({
      method, url, payload: form(body),
      headers: { cookie: as(), 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:4000', 'sec-fetch-site': 'same-site', 'x-csrf-token': '' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_refused', message: { ar: expect.any(String), en: expect.any(String) } });
    expect(await changes()).toEqual(before);
  });

  it('refuses JSON sent with the cookie but without the token', async () => {
    const before = await changes();
    const response = await t.app.inject({ method, url, payload: body ?? {}, headers: { cookie: as(), 'x-csrf-token': '' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('csrf_refused');
    expect(await changes()).toEqual(before);
  });

  it("refuses another session's token", async () => {
    const stolen = /tasdeed_csrf=([^;]+)/.exec(otherCitizen)![1]!;
    const before = await changes();
    const response = await t.app.inject({ method, url, payload: body ?? {}, headers: { cookie: as(), 'x-csrf-token': stolen } });
    expect(response.json().code).toBe('csrf_refused');
    expect(await changes()).toEqual(before);
  });

  it('refuses a form body even with the right token (only JSON on the API)', async () => {
    const response = await t.app.inject({ method, url, payload: form(body), headers: { cookie: as(), 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });
});

describe('the portal keeps working', () => {
  it('creates a staff user with the token from its own origin', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/v1/staff', payload: { username: 'second-admin', nameAr: 'مشرف', nameEn: 'Admin two', role: 'officer', password: 'Qm8#vrT2-lake-Orbit' },
      headers: { cookie: admin, origin: t.config.publicUrl, 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses a sign-in posted from another origin (login CSRF) and gives a token with every session', async () => {
    const civilId = t.seeded!.people[2]!.civilId;
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId, password: DEMO_PASSWORD }, headers: { origin: 'http://evil.localhost' } });
    expect(forged.json().code).toBe('csrf_refused');
    const real = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId, password: DEMO_PASSWORD } });
    const token = real.cookies.find((c) => c.name === 'tasdeed_csrf');
    expect(token?.value).toMatch(/^[\w-]{43}$/);
    expect(token?.httpOnly).toBeFalsy(); // the portal must be able to read it
  });

  it('gives the token back to a session cookie that lost it', async () => {
    const sessionOnly = admin.split(';')[0]!;
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: sessionOnly } });
    expect(me.statusCode).toBe(200);
    expect(me.cookies.find((c) => c.name === 'tasdeed_csrf')?.value).toBe(/tasdeed_csrf=([^;]+)/.exec(admin)![1]);
  });
});
