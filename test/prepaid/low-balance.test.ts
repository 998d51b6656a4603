// The low-balance message: one outbox event when a charge takes the wallet under PREPAID_LOW_BALANCE (10.000 KWD
// by default), none for further charges below the line, and one again after a top-up lifted it above and a charge
// took it under again. The event names the operator's civil ID and carries the formatted values of its SMS/email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { outboxEvents } from '../fines/support.js';
import { expectBalancedLedger, setUpPrepaid, terminal, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;
const CIVIL_ID = '289011200032';

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

async function fill(id: string, plate: string, gallons: number) {
  const post = (url: string, body: object) => terminal(t.app, t.clock.now(), 'POST', url, body);
  const authorised = await post('/api/v1/prepaid/dispenses', { dispenseId: id, plate, nozzle: 1, requestedGallons: 5000 });
  expect(authorised.statusCode, authorised.body).toBe(201);
  const settled = await post(`/api/v1/prepaid/dispenses/${id}/settle`, { gallons });
  expect(settled.statusCode, settled.body).toBe(200);
}

const lowBalanceEvents = async () => (await outboxEvents(t.ctx, 'prepaid.low_balance')).map((row) => row.payload as { civilId: string; operatorId: string; vars: Record<string, string> });

describe('the low-balance message', () => {
  it('is raised once per crossing of the threshold, not per dispense', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/prepaid/operators', headers: { cookie: f.admin },
      payload: { kind: 'person', civilId: CIVIL_ID, nameAr: 'ناقل المياه', nameEn: 'Water Hauler' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const operatorId = created.json().id as string;
    const plate = '41/2001';
    const truck = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/trucks`, headers: { cookie: f.admin }, payload: { plate, tankCapacityGallons: 5000 } });
    expect(truck.statusCode, truck.body).toBe(201);
    await topUp(t, f, operatorId, '11.000');

    // 4,000 gallons at 0.275 per 1,000: 11.000 → 9.900 (the hold of 5,000 gallons alone crosses nothing).
    await fill('LB-1', plate, 4000);
    expect(await lowBalanceEvents()).toEqual([expect.objectContaining({
      civilId: CIVIL_ID, operatorId,
      vars: expect.objectContaining({ amount: '9.900', threshold: '10.000', currency: 'KWD', operatorEn: 'Water Hauler', operatorAr: 'ناقل المياه' }),
    })]);

    // Further down, still under: nothing new.
    await fill('LB-2', plate, 1000);
    expect(await lowBalanceEvents()).toHaveLength(1);

    // Now 9.625. A top-up lifts it to 11.625; 5,000 gallons take it to 10.250 (above), 5,000 more to 8.875.
    await topUp(t, f, operatorId, '2.000');
    await fill('LB-3', plate, 5000);
    expect(await lowBalanceEvents()).toHaveLength(1);
    await fill('LB-4', plate, 5000);
    const events = await lowBalanceEvents();
    expect(events).toHaveLength(2);
    expect(events[1]!.vars).toMatchObject({ amount: '8.875' });
    await expectBalancedLedger(t.ctx);
  });
});
