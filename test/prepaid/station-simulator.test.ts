// The `tasdeed dev station` terminal against the app (through app.inject, on the app's movable clock): two nozzles
// fill online with reports and a settle; with the link cut it fills from the allow-list and uploads once back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { walletBalances } from '../../src/modules/prepaid/index.js';
import { StationTerminal, type Transport } from '../../src/dev/station/station.simulator.js';
import { createOperator, demoStation, expectBalancedLedger, setUpPrepaid, statement, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

describe('the simulated station', () => {
  it('fills two trucks online, then one offline and uploads it when the link returns', async () => {
    const { operatorId, plates } = await createOperator(t, f, [{ tankCapacityGallons: 5000 }, { tankCapacityGallons: 5000 }]);
    await topUp(t, f, operatorId, '3.000');
    await statement(t, f, operatorId);
    const transport: Transport = async ({ method, path, body, headers }) => {
      const response = await t.app.inject({ method, url: path, headers, ...(method === 'POST' ? { payload: body } : {}) });
      return { status: response.statusCode, json: response.json() };
    };
    const terminal = new StationTerminal({
      keyId: demoStation.keyId, secret: demoStation.secret, transport, nozzles: 2, flowGallonsPerMinute: 600, reportEveryMs: 30_000,
      now: () => t.clock.now(), sleep: async (ms) => t.clock.advance(ms),
    });
    expect(await terminal.refreshAllowList()).toBeGreaterThan(0);
    const [a, b] = await Promise.all([terminal.fill(plates[0]!, 3000, 1), terminal.fill(plates[1]!, 2000, 2)]);
    expect(a).toMatchObject({ mode: 'online', gallons: 3000, charged: '0.825' });
    expect(b).toMatchObject({ mode: 'online', gallons: 2000, charged: '0.550' });
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 1_625n, held: 0n, debt: 0n });

    terminal.cutLink();
    const offline = await terminal.fill(plates[0]!, 1000, 1);
    expect(offline).toMatchObject({ mode: 'offline', gallons: 1000 });
    expect(terminal.pendingUploads).toBe(1);
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 1_625n, held: 0n, debt: 0n });
    await terminal.restoreLink();
    expect(terminal.pendingUploads).toBe(0);
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 1_350n, held: 0n, debt: 0n });
    expect((await statement(t, f, operatorId)).dispenses.map((d) => d.gallons).sort()).toEqual([1000, 2000, 3000]);
    await expectBalancedLedger(t.ctx);
  });
});
