// A station without its link: it downloads a signed allow-list (per-truck caps from the wallet snapshot), fills
// offline, and uploads when the link returns. Each dispense is recorded exactly once; the overdraft is a debt that
// blocks new authorisations until a top-up repays it; the ledger balances throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { allowListSignatureValid, walletBalances } from '../../src/modules/prepaid/index.js';
import { createOperator, expectBalancedLedger, setUpPrepaid, statement, terminal, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

describe('offline filling', () => {
  it('allow-list, upload exactly once, overdraft as debt that blocks authorisation until a top-up repays it', async () => {
    const { operatorId, plates } = await createOperator(t, f, [{ tankCapacityGallons: 5000 }, { tankCapacityGallons: 3000 }]);
    await topUp(t, f, operatorId, '1.000');
    await statement(t, f, operatorId);

    const list = await terminal(t.app, t.clock.now(), 'GET', '/api/v1/prepaid/allow-list');
    expect(list.statusCode, list.body).toBe(200);
    const { body, signature } = list.json() as { body: string; signature: string };
    expect(allowListSignatureValid(t.config.secret, body, signature)).toBe(true);
    expect(allowListSignatureValid(t.config.secret, body.replace('3636', '9999'), signature)).toBe(false);
    const allowList = JSON.parse(body) as { stationCode: string; trucks: { plate: string; capGallons: number }[] };
    expect(allowList.stationCode).toBe('ST-01');
    // 1.000 KD at 0.275 per 1,000 gallons buys 3,636 gallons; the second truck's tank holds 3,000.
    expect(allowList.trucks.filter((tr) => plates.includes(tr.plate))).toEqual([{ plate: plates[0], capGallons: 3636 }, { plate: plates[1], capGallons: 3000 }]);

    // Both trucks filled offline within their caps: together more than the wallet.
    const upload = { dispenses: [
      { dispenseId: 'OFF-1', plate: plates[0], nozzle: 1, gallons: 2000, at: t.clock.now().toISOString() },
      { dispenseId: 'OFF-2', plate: plates[1], nozzle: 2, gallons: 2000, at: t.clock.now().toISOString() },
    ] };
    const first = await terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/offline-dispenses', upload);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results).toEqual([
      { dispenseId: 'OFF-1', outcome: 'recorded', charged: '0.550', debt: '0.000', code: null },
      { dispenseId: 'OFF-2', outcome: 'recorded', charged: '0.550', debt: '0.100', code: null },
    ]);
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 0n, held: 0n, debt: 100n });

    const again = await terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/offline-dispenses', upload);
    expect(again.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['already_recorded', 'already_recorded']);
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 0n, held: 0n, debt: 100n });
    expect((await statement(t, f, operatorId)).dispenses).toHaveLength(2);

    await topUp(t, f, operatorId, '0.050');
    const blocked = await terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/dispenses', { dispenseId: 'ON-1', plate: plates[0], nozzle: 1, requestedGallons: 10 });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'prepaid_operator_in_debt' });
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 0n, held: 0n, debt: 50n });

    await topUp(t, f, operatorId, '2.000');
    const allowed = await terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/dispenses', { dispenseId: 'ON-2', plate: plates[0], nozzle: 1, requestedGallons: 1000 });
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 1_675n, held: 275n, debt: 0n });
    await expectBalancedLedger(t.ctx);
  });

  it('refuses an unknown plate in an upload with its code and records the rest', async () => {
    const { operatorId, plates } = await createOperator(t, f);
    await topUp(t, f, operatorId, '1.000');
    const response = await terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/offline-dispenses', { dispenses: [
      { dispenseId: 'OFF-X', plate: '98/76543', nozzle: 1, gallons: 100, at: t.clock.now().toISOString() },
      { dispenseId: 'OFF-Y', plate: plates[0], nozzle: 1, gallons: 1000, at: t.clock.now().toISOString() },
    ] });
    expect(response.json().results.map((r: { outcome: string; code: string | null }) => [r.outcome, r.code])).toEqual([['refused', 'prepaid_truck_unknown'], ['recorded', null]]);
    await expectBalancedLedger(t.ctx);
  });
});
