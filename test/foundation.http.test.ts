import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, signIn, type TestApp } from './support/app.js';
import { seedDemo } from '../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../src/db/seed/foundation.seed.js';
import { people } from '../src/db/schema/index.js';

let t: TestApp;
let citizen: SeededPerson;

beforeAll(async () => {
  t = await createTestApp();
  const seeded = await seedDemo(t.ctx, { people: 5 });
  citizen = seeded.people[0]!;
});
afterAll(async () => t?.close());

describe('operations endpoints', () => {
  it('answers /health and /ready', async () => {
    expect((await t.app.inject('/health')).statusCode).toBe(200);
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves an OpenAPI document listing every API route with schemas', async () => {
    const response = await t.app.inject('/docs/json');
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/api/v1/auth/login');
    expect(doc.paths['/api/v1/auth/login']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/auth/login']?.post?.responses['200']).toBeDefined();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/')).length).toBeGreaterThanOrEqual(8);
  });

  it('counts requests and latencies in /metrics', async () => {
    await t.app.inject('/api/v1/billers');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/tasdeed_http_requests_total\{method="GET",route="\/api\/v1\/billers",status="200"\} \d+/);
    expect(metrics.body).toContain('tasdeed_http_request_duration_seconds_bucket');
  });

  it('answers a request id header', async () => {
    const response = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });
});

describe('errors', () => {
  it('refuses an invalid civil ID with civil_id_invalid and messages in both languages', async () => {
    for (const civilId of ['12345', '2*9332013455', '292091998297', '288200122596']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId, password: 'x' } });
      expect(response.statusCode, civilId).toBe(400);
      const body = response.json();
      expect(body.code).toBe('civil_id_invalid');
      expect(body.message.ar).toMatch(/[\u0600-\u06FF]/);
      expect(body.message.en).toMatch(/civil ID/);
    }
  });

  it('refuses unknown fields with unknown_field', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId: citizen.civilId, password: 'x', admin: true } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('unknown_field');
  });

  it('refuses malformed JSON and unknown routes in the same error shape', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"civilId":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const missing = await t.app.inject('/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found', message: { ar: expect.any(String), en: expect.any(String) } });
  });
});

describe('sign-in and roles', () => {
  it('signs a citizen in with an httpOnly cookie and knows them afterwards', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId: citizen.civilId, password: DEMO_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tasdeed_session')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `tasdeed_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ kind: 'person', role: 'citizen', civilId: citizen.civilId, name: { ar: citizen.nameAr } });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { civilId: citizen.civilId, password: 'wrong-password' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('login_failed');
  });

  it('lets only an admin create staff, checked in the service', async () => {
    const citizenCookie = await signIn(t.app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
    const body = { username: 'newcashier', nameAr: 'أمين', nameEn: 'Cashier', role: 'cashier', password: 'long-enough-password' };
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/staff', payload: body });
    expect(anonymous.statusCode).toBe(401);
    const asCitizen = await t.app.inject({ method: 'POST', url: '/api/v1/staff', payload: body, headers: { cookie: citizenCookie } });
    expect(asCitizen.statusCode).toBe(403);
    const adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
    const asAdmin = await t.app.inject({ method: 'POST', url: '/api/v1/staff', payload: body, headers: { cookie: adminCookie } });
    expect(asAdmin.statusCode).toBe(201);
    const trail = await t.app.inject({ url: `/api/v1/audit?entityType=staff&entityId=${asAdmin.json().id}`, headers: { cookie: adminCookie } });
    expect(trail.json().entries[0]).toMatchObject({ action: 'staff.create', actorRole: 'admin' });
  });

  it('registers a person only with a valid civil ID and changes nothing otherwise', async () => {
    const adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
    const before = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(people);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: adminCookie }, payload: { civilId: '289011200033', nameAr: 'س', nameEn: 'S' } });
    expect(bad.json().code).toBe('civil_id_invalid');
    const badPhone = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: adminCookie }, payload: { civilId: '289011200032', nameAr: 'س', nameEn: 'S', phones: ['12345'] } });
    expect(badPhone.json().code).toBe('phone_invalid');
    const after = await t.ctx.db.select({ n: sql<number>`count(*)::int` }).from(people);
    expect(after[0]!.n).toBe(before[0]!.n);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: adminCookie }, payload: { civilId: '289011200032', nameAr: 'سالم', nameEn: 'Salem', phones: ['55123456'] } });
    expect(ok.statusCode).toBe(201);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: { cookie: adminCookie }, payload: { civilId: '289011200032', nameAr: 'سالم', nameEn: 'Salem' } });
    expect(again.json().code).toBe('person_exists');
  });

  it('keeps the audit log append-only', async () => {
    const refusal = (error: unknown) => /append-only/.test(String((error as { cause?: Error }).cause?.message ?? error));
    await expect(t.ctx.db.execute(sql`UPDATE audit_log SET action = 'tampered'`)).rejects.toSatisfy(refusal);
    await expect(t.ctx.db.execute(sql`DELETE FROM audit_log`)).rejects.toSatisfy(refusal);
  });
});
