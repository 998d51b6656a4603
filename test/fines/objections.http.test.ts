// Objections: the owner files, an officer upholds or cancels with a reason; a cancelled violation's payable closes
// and the ledger returns to where it was before the violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { payables } from '../../src/modules/billers/billers.service.js';
import { balance } from '../../src/modules/ledger/ledger.service.js';
import { auditTrail } from '../../src/platform/audit.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import { cameraPost, violationBody } from './support.js';

let t: TestApp;
let people: SeededPerson[];
let officer: string;
let owner: string;

beforeAll(async () => {
  // The 'demo' seed is seedDemo(ctx, { people: 5 }) at this time, made once per run (test/support/seeds.ts).
  t = await createTestApp({ now: '2026-03-15T09:00:00.000Z', seeded: 'demo' });
  people = t.seeded!.people;
  officer = await signIn(t.app, { username: 'officer', password: DEMO_PASSWORD });
  owner = await signIn(t.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const postJson = (url: string, payload: object, cookie?: string) => t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

async function recordOnOwnersCar(typeCode = 'no-seatbelt') {
  const response = await cameraPost(t.app, violationBody({ plate: demoPlate(0, 0), typeCode }), t.clock.now());
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; payableId: string; violationNumber: string };
}

describe('filing an objection', () => {
  it('is for the owner only, once per violation', async () => {
    const violation = await recordOnOwnersCar();
    const url = `/api/v1/violations/${violation.id}/objections`;
    expect((await postJson(url, { reason: 'I was not driving that day' })).statusCode).toBe(401);
    const stranger = await signIn(t.app, { civilId: people[1]!.civilId, password: DEMO_PASSWORD });
    expect((await postJson(url, { reason: 'Not my car at all' }, stranger)).statusCode).toBe(403);
    expect((await postJson(url, { reason: 'x' }, owner)).statusCode).toBe(400);

    const filed = await postJson(url, { reason: 'The seatbelt was fastened; see the photo' }, owner);
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ violationId: violation.id, status: 'pending', civilId: people[0]!.civilId });
    const again = await postJson(url, { reason: 'Filing a second time' }, owner);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('objection_exists');

    const queue = await t.app.inject({ url: '/api/v1/objections', headers: { cookie: officer } });
    expect(queue.json().objections.map((o: { id: string }) => o.id)).toContain(filed.json().id);
    expect((await t.app.inject({ url: '/api/v1/objections', headers: { cookie: owner } })).statusCode).toBe(403);
    const view = await t.app.inject({ url: `/api/v1/violations/${violation.id}`, headers: { cookie: owner } });
    expect(view.json().objection).toEqual({ id: filed.json().id, status: 'pending' });
  });
});

describe('deciding an objection', () => {
  it('upholds with a reason: the fine stays due, and a decision is final', async () => {
    const violation = await recordOnOwnersCar();
    const objection = (await postJson(`/api/v1/violations/${violation.id}/objections`, { reason: 'Too harsh for a short trip' }, owner)).json();
    const url = `/api/v1/objections/${objection.id}/decision`;
    expect((await postJson(url, { decision: 'cancel', reason: 'I decide for myself' }, owner)).statusCode).toBe(403);
    const decided = await postJson(url, { decision: 'uphold', reason: 'The photo shows no seatbelt' }, officer);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ objection: { status: 'upheld', decisionReason: 'The photo shows no seatbelt' }, cancellation: null });
    expect(await payables.find(t.ctx, violation.payableId)).toMatchObject({ status: 'open', amount: 30_000n });
    const twice = await postJson(url, { decision: 'cancel', reason: 'Changed my mind' }, officer);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('objection_already_decided');
    expect((await auditTrail(t.ctx, 'violation', violation.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['objection.file', 'objection.uphold', 'violation.record']));
  });

  it('cancels an unpaid violation: the payable closes and the receivable and revenue return to where they were', async () => {
    const receivable = `receivable:moi-traffic:cid-${people[0]!.civilId}`;
    const [receivableBefore, revenueBefore] = [await balance(t.ctx, receivable), await balance(t.ctx, 'revenue:moi-traffic')];
    const violation = await recordOnOwnersCar('phone-while-driving');
    expect(await balance(t.ctx, receivable)).toBe(receivableBefore + 75_000n);
    const objection = (await postJson(`/api/v1/violations/${violation.id}/objections`, { reason: 'I was parked with the engine off' }, owner)).json();
    const decided = await postJson(`/api/v1/objections/${objection.id}/decision`, { decision: 'cancel', reason: 'Evidence shows the car parked' }, officer);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ objection: { status: 'cancelled' }, cancellation: { refunded: '0.000', writtenOff: '75.000', currency: 'KWD' } });

    expect(await payables.find(t.ctx, violation.payableId)).toMatchObject({ status: 'cancelled' });
    expect(await balance(t.ctx, receivable)).toBe(receivableBefore);
    expect(await balance(t.ctx, 'revenue:moi-traffic')).toBe(revenueBefore);
    const view = (await t.app.inject({ url: `/api/v1/violations/${violation.id}`, headers: { cookie: owner } })).json();
    expect(view).toMatchObject({ status: 'cancelled', amountDue: '0.000', objection: { status: 'cancelled' } });
    const clearance = (await t.app.inject({ url: `/api/v1/clearance?civilId=${people[0]!.civilId}`, headers: { cookie: officer } })).json();
    expect(clearance.blocking.map((b: { violationId: string }) => b.violationId)).not.toContain(violation.id);
  });

  it('cancels a paid violation: the payment is refunded through payments, the payable closes, every account returns to zero', async () => {
    const receivable = `receivable:moi-traffic:cid-${people[0]!.civilId}`;
    const before = { receivable: await balance(t.ctx, receivable), revenue: await balance(t.ctx, 'revenue:moi-traffic'), counter: await balance(t.ctx, 'clearing:counter') };
    const violation = await recordOnOwnersCar('red-light');
    const cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
    // Counter cash goes through the cashier's open drawer.
    const drawer = await postJson('/api/v1/counter/drawers', { counterCode: 'C01', openingFloat: '10.000' }, cashier);
    expect(drawer.statusCode, drawer.body).toBe(201);
    const paid = await postJson('/api/v1/counter/payments', { id: `ctr-${violation.id}`, items: [{ payableId: violation.payableId, amount: '150.000' }], tenders: [{ kind: 'cash', amount: '150.000' }] }, cashier);
    expect(paid.statusCode, paid.body).toBe(201);
    const paymentId = paid.json().paymentId as string;
    expect(await payables.find(t.ctx, violation.payableId)).toMatchObject({ status: 'paid', amountPaid: 150_000n });
    expect(await balance(t.ctx, 'clearing:counter')).toBe(before.counter + 150_000n);

    const objection = (await postJson(`/api/v1/violations/${violation.id}/objections`, { reason: 'The light was green; the camera is out of sync' }, owner)).json();
    const decided = await postJson(`/api/v1/objections/${objection.id}/decision`, { decision: 'cancel', reason: 'Camera clock found 40 s fast' }, officer);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().cancellation).toEqual({ violationId: violation.id, refunded: '150.000', writtenOff: '150.000', currency: 'KWD' });

    expect(await payables.find(t.ctx, violation.payableId)).toMatchObject({ status: 'cancelled', amountPaid: 0n });
    const payment = (await t.app.inject({ url: `/api/v1/payments/${paymentId}` })).json();
    expect(payment.status).toBe('refunded');
    expect(await balance(t.ctx, receivable)).toBe(before.receivable);
    expect(await balance(t.ctx, 'revenue:moi-traffic')).toBe(before.revenue);
    expect(await balance(t.ctx, 'clearing:counter')).toBe(before.counter);
    expect((await auditTrail(t.ctx, 'payment', paymentId)).map((a) => a.action)).toContain('payment.refund');
  });
});
