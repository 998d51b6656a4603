// Prepaid water filling over HTTP: a top-up paid at a bank credits the wallet through the ledger; a signed station
// terminal authorises (hold), reports and settles (charge, release the rest); every refusal has its code, changes
// nothing and is audited; retries are idempotent; the ledger stays balanced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { auditByAction } from '../../src/platform/audit.js';
import { walletBalances } from '../../src/modules/prepaid/index.js';
import { createOperator, expectBalancedLedger, setUpPrepaid, statement, terminal, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

const authorise = (body: object) => terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/dispenses', body);
const report = (id: string, body: object) => terminal(t.app, t.clock.now(), 'POST', `/api/v1/prepaid/dispenses/${id}/reports`, body);
const settle = (id: string, gallons: number) => terminal(t.app, t.clock.now(), 'POST', `/api/v1/prepaid/dispenses/${id}/settle`, { gallons });
let ids = 0;
const nextId = () => `T-${++ids}`;

describe('the wallet', () => {
  it('is credited once the top-up payable is paid, never before, and only once', async () => {
    const { operatorId } = await createOperator(t, f);
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/topups`, headers: { cookie: f.admin }, payload: { amount: '5.000' } });
    expect(response.statusCode).toBe(201);
    expect((await statement(t, f, operatorId)).available).toBe('0.000'); // issued, not paid
    await topUp(t, f, operatorId, '10.000');
    expect((await statement(t, f, operatorId)).available).toBe('10.000');
    expect((await statement(t, f, operatorId)).available).toBe('10.000');
    await expectBalancedLedger(t.ctx);
  });

  it('refuses an operator without its identity: 400, nothing registered', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/prepaid/operators', headers: { cookie: f.admin }, payload: { kind: 'company', nameAr: 'س', nameEn: 'S' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'prepaid_operator_identity_required', message: { ar: expect.any(String), en: expect.any(String) } });
  });
});

describe('authorise → dispense → settle', () => {
  it('holds the price of the requested gallons, charges what was taken and releases the rest', async () => {
    const { operatorId, plates } = await createOperator(t, f);
    await topUp(t, f, operatorId, '10.000');
    const id = nextId();
    const authorised = await authorise({ dispenseId: id, plate: plates[0], nozzle: 1, requestedGallons: 4000 });
    expect(authorised.statusCode, authorised.body).toBe(201);
    expect(authorised.json()).toMatchObject({ status: 'authorised', held: '1.100', pricePerThousandGallons: '0.275' });
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 8_900n, held: 1_100n, debt: 0n });

    expect((await report(id, { sequence: 1, gallons: 1000 })).json()).toMatchObject({ status: 'dispensing', dispensedGallons: 1000 });
    expect((await report(id, { sequence: 2, gallons: 2500 })).json()).toMatchObject({ dispensedGallons: 2500, lastSequence: 2 });
    expect((await report(id, { sequence: 2, gallons: 2500 })).statusCode).toBe(200); // a retried report
    const settled = await settle(id, 3000);
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'settled', dispensedGallons: 3000, charged: '0.825', released: '0.275', settledBy: 'terminal' });
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 9_175n, held: 0n, debt: 0n });

    // Retries change nothing: the same authorise, the same settle.
    expect((await authorise({ dispenseId: id, plate: plates[0], nozzle: 1, requestedGallons: 4000 })).statusCode).toBe(200);
    expect((await settle(id, 3000)).json()).toMatchObject({ charged: '0.825' });
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 9_175n, held: 0n, debt: 0n });
    const view = await statement(t, f, operatorId);
    expect(view.dispenses[0]).toMatchObject({ status: 'settled', gallons: 3000, amount: '0.825' });
    await expectBalancedLedger(t.ctx);

    const day = t.clock.now().toISOString().slice(0, 10);
    const totals = await t.app.inject({ method: 'GET', url: `/api/v1/prepaid/reports/stations?from=${day}&to=${day}`, headers: { cookie: f.admin } });
    expect(totals.statusCode, totals.body).toBe(200);
    expect(totals.json()).toMatchObject({ rows: [{ stationCode: 'ST-01', day, dispenses: 1, gallons: 3000, amount: '0.825' }], total: { amount: '0.825', millionGallons: '0.003', pricePerThousandGallons: '0.275' } });
  });
});

describe('refusals: a code, ar/en messages, nothing changed, audited', () => {
  async function expectRefused(response: { statusCode: number; json(): unknown }, status: number, code: string, operatorId: string, before: object) {
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code, message: { ar: expect.any(String), en: expect.any(String) } });
    expect(await walletBalances(t.ctx, operatorId)).toEqual(before);
  }

  it('refuses authorisations: unknown truck, blocked truck, above the tank, insufficient balance, wrong nozzle', async () => {
    const { operatorId, plates } = await createOperator(t, f, [{ tankCapacityGallons: 3000 }, { tankCapacityGallons: 3000 }]);
    await topUp(t, f, operatorId, '0.500');
    expect((await statement(t, f, operatorId)).available).toBe('0.500');
    const before = await walletBalances(t.ctx, operatorId);
    const cases: [object, number, string][] = [
      [{ plate: '99/99999', requestedGallons: 100 }, 404, 'prepaid_truck_unknown'],
      [{ plate: plates[0], requestedGallons: 3001 }, 400, 'prepaid_tank_capacity_exceeded'],
      [{ plate: plates[0], requestedGallons: 2000 }, 409, 'prepaid_insufficient_balance'],
      [{ plate: plates[0], requestedGallons: 100, nozzle: 9 }, 400, 'prepaid_nozzle_invalid'],
    ];
    for (const [body, status, code] of cases) {
      const id = nextId();
      await expectRefused(await authorise({ dispenseId: id, nozzle: 1, ...body }), status, code, operatorId, before);
      const trail = (await auditByAction(t.ctx, 'prepaid.dispense.authorise')).filter((a) => a.entityId === id);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ outcome: 'refused', detail: expect.objectContaining({ code }) });
    }
    const blocked = await t.app.inject({ method: 'PUT', url: `/api/v1/prepaid/trucks/${encodeURIComponent(plates[1]!)}/blocked`, headers: { cookie: f.admin }, payload: { blocked: true } });
    expect(blocked.statusCode, blocked.body).toBe(200);
    await expectRefused(await authorise({ dispenseId: nextId(), nozzle: 1, plate: plates[1], requestedGallons: 100 }), 409, 'prepaid_truck_blocked', operatorId, before);
  });

  it('refuses reports going back or beyond the hold, and a settle above what was authorised', async () => {
    const { operatorId, plates } = await createOperator(t, f);
    await topUp(t, f, operatorId, '5.000');
    const id = nextId();
    expect((await authorise({ dispenseId: id, plate: plates[0], nozzle: 2, requestedGallons: 2000 })).statusCode).toBe(201);
    expect((await report(id, { sequence: 5, gallons: 800 })).statusCode).toBe(200);
    const before = await walletBalances(t.ctx, operatorId);
    await expectRefused(await report(id, { sequence: 4, gallons: 900 }), 409, 'prepaid_sequence_went_back', operatorId, before);
    await expectRefused(await report(id, { sequence: 6, gallons: 2001 }), 409, 'prepaid_dispense_above_hold', operatorId, before);
    await expectRefused(await report(id, { sequence: 6, gallons: 700 }), 409, 'prepaid_gallons_went_back', operatorId, before);
    await expectRefused(await settle(id, 2001), 409, 'prepaid_settle_above_authorised', operatorId, before);
    const refused = (await auditByAction(t.ctx, 'prepaid.dispense.report')).filter((a) => a.entityId === id && a.outcome === 'refused');
    expect(refused.map((a) => (a.detail as { code: string }).code).sort()).toEqual(['prepaid_dispense_above_hold', 'prepaid_gallons_went_back', 'prepaid_sequence_went_back']);
    expect((await auditByAction(t.ctx, 'prepaid.dispense.settle')).filter((a) => a.entityId === id && a.outcome === 'refused')).toHaveLength(1);
    // The dispense still settles properly afterwards.
    expect((await settle(id, 1000)).json()).toMatchObject({ charged: '0.275', released: '0.275' });
    await expectBalancedLedger(t.ctx);
  });

  it('refuses a terminal with a bad signature: 401 signature_invalid, audited, nothing held', async () => {
    const { operatorId, plates } = await createOperator(t, f);
    await topUp(t, f, operatorId, '5.000');
    await statement(t, f, operatorId);
    const before = await walletBalances(t.ctx, operatorId);
    const forged = await terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/dispenses', { dispenseId: nextId(), plate: plates[0], nozzle: 1, requestedGallons: 100 },
      { keyId: 'demo-station', secret: 'not-the-secret-of-the-demo-station-000' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'signature_invalid' });
    expect(await walletBalances(t.ctx, operatorId)).toEqual(before);
    const refusals = await auditByAction(t.ctx, 'api_client.signature');
    expect(refusals[0]).toMatchObject({ outcome: 'refused', detail: expect.objectContaining({ reason: 'bad_signature', path: '/api/v1/prepaid/dispenses' }) });
  });

  it('refuses the same dispense id with other content: prepaid_dispense_conflict', async () => {
    const id = nextId();
    const owner = await createOperator(t, f);
    await topUp(t, f, owner.operatorId, '5.000');
    expect((await authorise({ dispenseId: id, plate: owner.plates[0], nozzle: 1, requestedGallons: 1000 })).statusCode).toBe(201);
    const conflict = await authorise({ dispenseId: id, plate: owner.plates[0], nozzle: 1, requestedGallons: 1500 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'prepaid_dispense_conflict' });
    expect(await walletBalances(t.ctx, owner.operatorId)).toEqual({ available: 4_725n, held: 275n, debt: 0n });
  });
});
