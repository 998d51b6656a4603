// The monthly report: per station and per operator (dispenses, gallons, KD, offline debt) for one business month,
// as JSON and as CSV; other months stay out; only admins may read it; a malformed month is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { signIn } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { createOperator, setUpPrepaid, terminal, topUp, type PrepaidFixture } from './support.js';

let t: TestApp;
let f: PrepaidFixture;

beforeAll(async () => {
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

async function fill(id: string, plate: string, gallons: number) {
  const post = (url: string, body: object) => terminal(t.app, t.clock.now(), 'POST', url, body);
  expect((await post('/api/v1/prepaid/dispenses', { dispenseId: id, plate, nozzle: 1, requestedGallons: gallons })).statusCode).toBe(201);
  expect((await post(`/api/v1/prepaid/dispenses/${id}/settle`, { gallons })).statusCode).toBe(200);
}

describe('the monthly report', () => {
  it('sums the month per station and per operator, as JSON and CSV', async () => {
    const a = await createOperator(t, f);
    const b = await createOperator(t, f);
    await topUp(t, f, a.operatorId, '10.000');
    await topUp(t, f, b.operatorId, '10.000');
    const month = t.clock.now().toISOString().slice(0, 7);
    await fill('M-1', a.plates[0]!, 4000); // 1.100 at 0.275 per 1,000 gallons
    await fill('M-2', a.plates[0]!, 2000); // 0.550
    await fill('M-3', b.plates[0]!, 1000); // 0.275
    // Next month: not in this month's report.
    t.clock.advance(40 * 86_400_000);
    await fill('M-4', b.plates[0]!, 3000);
    const admin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD }); // the earlier session expired

    const response = await t.app.inject({ method: 'GET', url: `/api/v1/prepaid/reports/monthly?month=${month}`, headers: { cookie: admin } });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.stations).toEqual([expect.objectContaining({ code: 'ST-01', dispenses: 3, gallons: 7000, amount: '1.925', debt: '0.000', currency: 'KWD' })]);
    expect(report.operators).toEqual([
      expect.objectContaining({ nameEn: expect.stringMatching(/^Tanker Co/), dispenses: 2, gallons: 6000, amount: '1.650' }),
      expect.objectContaining({ dispenses: 1, gallons: 1000, amount: '0.275' }),
    ]);
    expect(report.total).toEqual({ dispenses: 3, gallons: 7000, amount: '1.925', currency: 'KWD' });

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/prepaid/reports/monthly.csv?month=${month}`, headers: { cookie: admin } });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`prepaid-${month}.csv`);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('section,code,name_ar,name_en,dispenses,gallons,amount,offline_debt,currency');
    expect(lines).toContain('station,ST-01,محطة الشعيبة,Shuaiba station,3,7000,1.925,0.000,KWD');
    expect(lines.filter((l) => l.startsWith('operator,'))).toHaveLength(2);
    expect(lines.at(-1)).toBe(`total,${month},,,3,7000,1.925,,KWD`);
  });

  it('refuses a malformed month and readers who are not admins', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/reports/monthly?month=2026-13', headers: { cookie: f.admin } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/reports/monthly.csv?month=2026-03', headers: { cookie: cashier } });
    expect(refused.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/prepaid/reports/monthly?month=2026-03' });
    expect([401, 403]).toContain(anonymous.statusCode);
  });
});
