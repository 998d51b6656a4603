// What the portal's prepaid pages read: a person's own wallets (and no one else's), the statement's top-ups with
// their state from asked to credited, and the station report by day and by month with its headline figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { demoPeople } from '../../src/db/seed/foundation.seed.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { createOperator, expectBalancedLedger, setUpPrepaid, terminal, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;
const [owner, stranger] = demoPeople(2);

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

async function personOperator(civilId: string) {
  const created = await t.app.inject({
    method: 'POST', url: '/api/v1/prepaid/operators', headers: { cookie: f.admin },
    payload: { kind: 'person', civilId, nameAr: 'سالم', nameEn: 'Salem' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const operatorId = created.json().id as string;
  const truck = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/trucks`, headers: { cookie: f.admin }, payload: { plate: '41/2001', tankCapacityGallons: 5000 } });
  expect(truck.statusCode, truck.body).toBe(201);
  return { operatorId, plate: '41/2001' };
}

describe('a person’s own wallet', () => {
  it('lists the operator registered with their civil ID, and nothing for another person or staff', async () => {
    const { operatorId } = await personOperator(owner!.civilId);
    const mine = await signIn(t.app, { civilId: owner!.civilId, password: DEMO_PASSWORD });
    const theirs = await signIn(t.app, { civilId: stranger!.civilId, password: DEMO_PASSWORD });

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/my-operators', headers: { cookie: mine } });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ operators: [{ id: operatorId, kind: 'person', wallet: { available: '0.000' } }] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/my-operators', headers: { cookie: theirs } })).json()).toEqual({ operators: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/my-operators', headers: { cookie: f.admin } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/my-operators' })).statusCode).toBe(401);

    // The statement and the top-up of someone else's wallet are refused.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/prepaid/operators/${operatorId}/statement`, headers: { cookie: theirs } })).statusCode).toBe(403);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/topups`, headers: { cookie: theirs }, payload: { amount: '5.000' } });
    expect(refused.statusCode).toBe(403);
  });

  it('shows each top-up from awaiting payment to credited, and the dispenses with station, plate, gallons and KD', async () => {
    const cookie = await signIn(t.app, { civilId: owner!.civilId, password: DEMO_PASSWORD });
    const operatorId = ((await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/my-operators', headers: { cookie } })).json() as { operators: { id: string }[] }).operators[0]!.id;
    const asked = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/topups`, headers: { cookie }, payload: { amount: '7.500' } });
    expect(asked.statusCode, asked.body).toBe(201);
    const { payableId, reference } = asked.json() as { payableId: string; reference: string };

    const statement = async () => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/prepaid/operators/${operatorId}/statement`, headers: { cookie } });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { available: string; topups: { reference: string; amount: string; status: string; creditedAt: string | null }[]; dispenses: object[] };
    };
    expect((await statement()).topups).toEqual([expect.objectContaining({ reference, amount: '7.500', status: 'awaiting_payment', creditedAt: null })]);

    await postDirectPayment(t.ctx, { kind: 'client', id: 'cli_portal_test_bank', role: 'bank', name: 'Bank' }, { channel: 'bank', externalId: `tu-${payableId}`, items: [{ payableId, amount: 7_500n }], currency: 'KWD' });
    const credited = await statement();
    expect(credited.available).toBe('7.500');
    expect(credited.topups[0]).toMatchObject({ reference, status: 'credited', creditedAt: expect.any(String) });

    const at = t.clock.now();
    expect((await terminal(t.app, at, 'POST', '/api/v1/prepaid/dispenses', { dispenseId: 'P-1', plate: '41/2001', nozzle: 2, requestedGallons: 2000 })).statusCode).toBe(201);
    expect((await terminal(t.app, at, 'POST', '/api/v1/prepaid/dispenses/P-1/settle', { gallons: 1800 })).statusCode).toBe(200);
    expect((await statement()).dispenses).toEqual([expect.objectContaining({
      plate: '41/2001', stationCode: 'ST-01', stationNameAr: 'محطة الشعيبة', stationNameEn: 'Shuaiba station', gallons: 1800, amount: '0.495', status: 'settled',
    })]);
    await expectBalancedLedger(t.ctx);
  });
});

describe('the station report', () => {
  const report = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/prepaid/reports/stations?${query}`, headers: { cookie: f.admin } });

  it('groups by day or by month, with station names and the price per 1,000 gallons obtained', async () => {
    const { operatorId, plates } = await createOperator(t, f);
    await topUp(t, f, operatorId, '10.000');
    const at = t.clock.now();
    expect((await terminal(t.app, at, 'POST', '/api/v1/prepaid/dispenses', { dispenseId: 'R-1', plate: plates[0], nozzle: 1, requestedGallons: 4000 })).statusCode).toBe(201);
    expect((await terminal(t.app, at, 'POST', '/api/v1/prepaid/dispenses/R-1/settle', { gallons: 4000 })).statusCode).toBe(200);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.TZ_BUSINESS }).format(at);

    const byDay = await report(`from=${day}&to=${day}`);
    expect(byDay.statusCode, byDay.body).toBe(200);
    // 1,800 gallons of the test above and 4,000 here, at 0.275 KD per 1,000.
    expect(byDay.json()).toMatchObject({
      by: 'day', rows: [{ stationCode: 'ST-01', stationNameEn: 'Shuaiba station', period: day, day, dispenses: 2, gallons: 5800, amount: '1.595' }],
      total: { amount: '1.595', millionGallons: '0.006', pricePerThousandGallons: '0.275' },
    });
    const byMonth = await report(`from=${day.slice(0, 8)}01&to=${day}&by=month`);
    expect(byMonth.statusCode, byMonth.body).toBe(200);
    expect(byMonth.json()).toMatchObject({ by: 'month', rows: [{ stationCode: 'ST-01', period: day.slice(0, 7), day: null, dispenses: 2, gallons: 5800, amount: '1.595' }] });
  });

  it('refuses a range that ends before it starts, and a grouping it does not know', async () => {
    const backwards = await report('from=2026-03-02&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'prepaid_report_range_invalid', message: { ar: expect.any(String), en: expect.any(String) } });
    expect((await report('from=2026-03-01&to=2026-03-02&by=week')).statusCode).toBe(400);
  });
});
