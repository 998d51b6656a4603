// The requests API: a citizen signs in, reads the types, submits and follows a request; refusals carry their code
// in both languages; only service staff see the queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { seedRequestTypes } from '../../src/modules/requests/index.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { serviceStaff } from './support.js';
import { moveRequest } from '../../src/modules/requests/index.js';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  await seedRequestTypes(t.ctx);
  cookie = await signIn(t.app, { civilId: t.seeded!.people[0]!.civilId, password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

describe('requests over HTTP', () => {
  it('lists the types with their forms and fees', async () => {
    const response = await t.app.inject({ url: '/api/v1/request-types' });
    expect(response.statusCode).toBe(200);
    const types = response.json() as { code: string; fee: string }[];
    expect(types.map((x) => x.code)).toEqual(expect.arrayContaining(['new_connection', 'reconnection', 'bill_dispute', 'meter_inspection', 'insulation_certificate', 'change_of_owner', 'closure']));
    expect(types.find((x) => x.code === 'reconnection')!.fee).toBe('5.000');
  });

  it('lets a citizen submit, follow and comment on a request', async () => {
    const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { cookie }, payload: { typeCode: 'reconnection', office: 'hawalli', fields: { accountNumber: '880900' } } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { id } = submitted.json() as { id: string };
    await moveRequest(t.ctx, serviceStaff, id, { step: 'accept' });
    const comment = await t.app.inject({ method: 'POST', url: `/api/v1/requests/${id}/comments`, headers: { cookie }, payload: { body: 'I have paid the arrears.' } });
    expect(comment.statusCode, comment.body).toBe(204);
    const mine = await t.app.inject({ url: '/api/v1/requests/mine', headers: { cookie } });
    expect((mine.json() as { id: string }[]).map((r) => r.id)).toContain(id);
    const detail = await t.app.inject({ url: `/api/v1/requests/${id}`, headers: { cookie } });
    expect(detail.json()).toMatchObject({ status: 'accepted', feePaid: false, history: [{ toStatus: 'submitted' }, { toStatus: 'accepted' }, { kind: 'comment', body: 'I have paid the arrears.' }] });
  });

  it('has the demo service user, who stays signed in (GET /auth/me) and works the queue of the types the demo seeds', async () => {
    const staff = await signIn(t.app, { username: 'service', password: DEMO_PASSWORD });
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: staff } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'staff', role: 'service', unit: 'hawalli' });
    const queue = await t.app.inject({ url: '/api/v1/requests/queue?office=hawalli&typeCode=reconnection', headers: { cookie: staff } });
    expect(queue.statusCode, queue.body).toBe(200);
  });

  it('refuses a missing field with its code in Arabic and English, and the queue to a citizen', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { cookie, 'accept-language': 'ar' }, payload: { typeCode: 'reconnection', office: 'hawalli', fields: {} } });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('request_field_missing');
    const queue = await t.app.inject({ url: '/api/v1/requests/queue?office=hawalli', headers: { cookie } });
    expect(queue.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/requests', payload: { typeCode: 'reconnection', office: 'hawalli', fields: { accountNumber: '1' } } });
    expect(anonymous.statusCode).toBe(401);
  });
});
