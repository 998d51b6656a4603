// A dispense whose terminal went silent is settled on its last reported gallons once PREPAID_STUCK_AFTER_SECONDS
// have passed since its last report, never before; the clock is moved by the test, nothing waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { settleStuckDispenses, walletBalances } from '../../src/modules/prepaid/index.js';
import { auditByAction } from '../../src/platform/audit.js';
import { createOperator, expectBalancedLedger, setUpPrepaid, statement, terminal, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

describe('a stuck dispense', () => {
  it('is settled on its last report after the timeout from that report, and its rest released', async () => {
    const timeoutMs = t.config.PREPAID_STUCK_AFTER_SECONDS * 1000;
    const { operatorId, plates } = await createOperator(t, f);
    await topUp(t, f, operatorId, '5.000');
    const post = (url: string, body: object) => terminal(t.app, t.clock.now(), 'POST', url, body);
    expect((await post('/api/v1/prepaid/dispenses', { dispenseId: 'S-1', plate: plates[0], nozzle: 1, requestedGallons: 4000 })).statusCode).toBe(201);
    t.clock.advance(timeoutMs - 1000);
    expect((await post('/api/v1/prepaid/dispenses/S-1/reports', { sequence: 1, gallons: 2000 })).statusCode).toBe(200);

    // Longer than the timeout since authorising, but not since the last report: left alone.
    t.clock.advance(timeoutMs - 1000);
    expect(await settleStuckDispenses(t.ctx)).toBe(0);
    expect((await walletBalances(t.ctx, operatorId)).held).toBe(1_100n);

    t.clock.advance(2000);
    expect(await settleStuckDispenses(t.ctx)).toBe(1);
    expect(await settleStuckDispenses(t.ctx)).toBe(0);
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 4_450n, held: 0n, debt: 0n });
    const view = await statement(t, f, operatorId);
    expect(view.dispenses[0]).toMatchObject({ status: 'settled', gallons: 2000, amount: '0.550' });
    const [audit] = (await auditByAction(t.ctx, 'prepaid.dispense.settle')).filter((a) => a.entityId === 'S-1');
    expect(audit).toMatchObject({ actorKind: 'system', detail: expect.objectContaining({ by: 'timeout', gallons: 2000 }) });

    // The terminal coming back late with the same gallons gets the settled dispense; with more, a refusal.
    const late = await post('/api/v1/prepaid/dispenses/S-1/settle', { gallons: 2000 });
    expect(late.json()).toMatchObject({ status: 'settled', settledBy: 'timeout', charged: '0.550' });
    expect((await post('/api/v1/prepaid/dispenses/S-1/settle', { gallons: 2500 })).json()).toMatchObject({ code: 'prepaid_dispense_settled' });
    await expectBalancedLedger(t.ctx);
  });
});
