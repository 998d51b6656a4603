// Issue #15, point 9 (the low ones), each tried as the attacker did: loose HMAC forms, cached personal JSON,
// colliding anonymous idempotency keys, a 100 k-character URL, operator pages open to all in production, and
// trivial passwords. (Unsubscribe by a plain GET: test/notifications/notifications.http.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { sql } from 'drizzle-orm';
import { startPaymentsHarness, type PaymentsHarness } from '../payments/harness.js';
import { createTestApp, signIn } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import { issueTestPayable } from '../payments/support.js';

let h: PaymentsHarness;
let people: SeededPerson[];
const bank = DEMO_API_CLIENTS[0];

beforeAll(async () => {
  h = await startPaymentsHarness();
  people = (await seedDemo(h.ctx, { people: 3 })).people;
});
afterAll(async () => h?.stop());

function signedGet(headers: { key?: string; timestamp?: string; signature?: (valid: string) => string }) {
  const url = '/api/v1/auth/me';
  const timestamp = headers.timestamp ?? String(Math.floor(h.clock.now().getTime() / 1000));
  const valid = signRequest(bank.secret, 'GET', url, timestamp, '');
  return h.app.inject({
    method: 'GET', url,
    headers: { 'x-tasdeed-key': headers.key ?? bank.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': (headers.signature ?? ((v) => v))(valid) },
  });
}

describe('HMAC signatures are checked strictly', () => {
  it('accepts the exact form', async () => {
    const response = await signedGet({});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'client', role: 'bank' });
  });

  it('refuses trailing junk, extra hex and a truncated signature', async () => {
    for (const signature of [(v: string) => `${v}zz`, (v: string) => `${v}00`, (v: string) => `${v} `, (v: string) => v.slice(0, 62)]) {
      const response = await signedGet({ signature });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('signature_invalid');
    }
  });

  it('refuses loose timestamp forms', async () => {
    const now = Math.floor(h.clock.now().getTime() / 1000);
    for (const timestamp of [`+${now}`, `${now}.0`, ` ${now}`, `${now / 1e9}e9`, `0x${now.toString(16)}`]) {
      const response = await signedGet({ timestamp });
      expect(response.statusCode, timestamp).toBe(401);
    }
  });

  it('answers an unknown key exactly like a wrong signature', async () => {
    const unknown = await signedGet({ key: 'no-such-key' });
    const wrong = await signedGet({ signature: (v) => v.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });
});

describe('personal JSON is never cached', () => {
  it('sends Cache-Control: no-store on API answers', async () => {
    const cookie = await signIn(h.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
    for (const url of ['/api/v1/auth/me', `/api/v1/dues?civilId=${people[0]!.civilId}`, '/api/v1/me/profile']) {
      const response = await h.app.inject({ url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });
});

describe('anonymous idempotency keys', () => {
  it("reusing a stranger's key neither reveals nor blocks their payment", async () => {
    const mine = await issueTestPayable(h.ctx, { amount: 5_000n, civilId: people[1]!.civilId, personId: people[1]!.id, accountNumber: '990001', dueDate: '2026-12-10' });
    const theirs = await issueTestPayable(h.ctx, { amount: 7_000n, civilId: people[2]!.civilId, personId: people[2]!.id, accountNumber: '990002', dueDate: '2026-12-10' });
    const key = `shared-${randomUUID()}`;
    const first = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: theirs.id }], language: 'en' }, headers: { 'idempotency-key': key } });
    expect(first.statusCode, first.body).toBe(200);
    const second = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: mine.id }], language: 'en' }, headers: { 'idempotency-key': key } });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().paymentId).not.toBe(first.json().paymentId);
    expect(second.body).not.toContain(first.json().paymentId);
    // The same request again is still the same payment (a retry).
    const retry = await h.app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: [{ payableId: theirs.id }], language: 'en' }, headers: { 'idempotency-key': key } });
    expect(retry.json().paymentId).toBe(first.json().paymentId);
  });
});

describe('a 100 k-character URL', () => {
  it("is answered 431 in the app's error format", async () => {
    const { status, contentType, body } = await new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
      const request = httpRequest(`${h.baseUrl}/api/v1/dues?civilId=${'1'.repeat(100_000)}`, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), body: text }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(431);
    expect(contentType).toContain('application/json');
    expect(JSON.parse(body)).toMatchObject({ code: 'request_too_large', message: { ar: expect.any(String), en: expect.any(String) } });
  });
});

describe('/metrics and /docs in production', () => {
  it('answer only the allowed addresses', async () => {
    const t = await createTestApp({ config: { NODE_ENV: 'production', TASDEED_SECRET: 'a-production-secret-of-forty-characters!!', OPS_ALLOWED_ADDRESSES: '127.0.0.1,10.20.0.0/16' } });
    try {
      for (const url of ['/metrics', '/docs', '/docs/json', '/docs/static/index.html']) {
        const outside = await t.app.inject({ url, remoteAddress: '203.0.113.50' });
        expect(outside.statusCode, url).toBe(404);
        expect(outside.json().code).toBe('not_found');
      }
      expect((await t.app.inject({ url: '/metrics', remoteAddress: '10.20.3.4' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/docs/json', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/health', remoteAddress: '203.0.113.50' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('password policy', () => {
  it('refuses common and trivial passwords, for admins too, and creates nothing', async () => {
    const admin = await signIn(h.app, { username: 'admin', password: DEMO_PASSWORD });
    const staffCount = async () => ((await h.ctx.db.execute(sql`SELECT count(*)::int AS n FROM staff_users`)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    const before = await staffCount();
    for (const password of ['password123', 'Password2024!', '1234567890', 'aaaaaaaaaaaa', 'abcabcabcabc', 'qwertyuiop', '9876543210', 'newadmin-2026', 'letmein12345']) {
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/staff', headers: { cookie: admin }, payload: { username: 'newadmin', nameAr: 'م', nameEn: 'N', role: 'admin', password } });
      expect(response.statusCode, password).toBe(400);
      expect(response.json().code, password).toBe('password_too_weak');
    }
    expect(await staffCount()).toBe(before);
    const ok = await h.app.inject({ method: 'POST', url: '/api/v1/staff', headers: { cookie: admin }, payload: { username: 'newadmin', nameAr: 'م', nameEn: 'N', role: 'admin', password: 'violet-Harbour-93-kettle' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
