import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { waitUntil } from '../support/wait.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';

let t: TestApp;
let citizen: SeededPerson;
let other: SeededPerson;
let asCitizen: string;
let asOther: string;
let asAdmin: string;
let asCashier: string;
// The demo's electricity meter of the first person (billing.seed.ts), read last on 2026-10-20.
const meterNumber = 'E00500000';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T10:00:00+03:00' });
  const seeded = await seedDemo(t.ctx, { people: 6 });
  [citizen, other] = seeded.people as [SeededPerson, SeededPerson];
  asCitizen = await signIn(t.app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
  asOther = await signIn(t.app, { civilId: other.civilId, password: DEMO_PASSWORD });
  asAdmin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  asCashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: unknown, cookie?: string) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });

async function lastReading(): Promise<bigint> {
  const account = (await get('/api/v1/me/accounts', asCitizen)).json().accounts.find((a: { meters: { meterNumber: string }[] }) => a.meters.some((m) => m.meterNumber === meterNumber));
  const readings = (await get(`/api/v1/accounts/${account.accountNumber}/readings`, asCitizen)).json().readings;
  return BigInt(readings[0].value);
}

describe('accounts', () => {
  it('shows a citizen their accounts with meters, and staff anyone\'s', async () => {
    const mine = await get('/api/v1/me/accounts', asCitizen);
    expect(mine.statusCode).toBe(200);
    const accounts = mine.json().accounts as { billerCode: string; category: string; meters: { meterNumber: string; unit: string }[]; collectedOnline: boolean }[];
    expect(accounts.map((a) => a.billerCode).sort()).toEqual(['mew-electricity', 'mew-electricity', 'mew-water']);
    expect(accounts.find((a) => a.meters[0]!.meterNumber === meterNumber)).toMatchObject({ category: 'residential', collectedOnline: true, meters: [{ unit: 'kWh' }] });
    expect((await get(`/api/v1/accounts?civilId=${citizen.civilId}`, asCashier)).json().accounts).toHaveLength(3);
    expect((await get(`/api/v1/accounts?civilId=${citizen.civilId}`, asOther)).statusCode).toBe(403);
    expect((await get('/api/v1/me/accounts')).statusCode).toBe(401);
  });

  it('lets an administrator open an account, refusing a number already taken', async () => {
    const body = { billerCode: 'mew-water', accountNumber: '3300000001', ownerCivilId: other.civilId, category: 'investment', meter: { installedOn: '2026-11-01', initialReading: '100' } };
    const opened = await post('/api/v1/accounts', body, asAdmin);
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({ accountNumber: '3300000001', meters: [{ unit: 'imp_gal', initialReading: '100', status: 'active' }] });
    expect((await post('/api/v1/accounts', body, asAdmin)).json().code).toBe('account_exists');
    expect((await post('/api/v1/accounts', body, asCashier)).statusCode).toBe(403);
  });
});

describe('meter readings', () => {
  it('accepts the owner\'s reading and explains the decision in both languages', async () => {
    const value = (await lastReading()) + 750n;
    const response = await post('/api/v1/readings', { meterNumber, reading: value.toString() }, asCitizen);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ decision: 'accepted', code: 'reading_accepted', reading: { meterNumber, readOn: '2026-11-22', consumption: '750', source: 'customer', status: 'accepted' } });
    expect(body.message.ar).toMatch(/[\u0600-\u06FF]/);
    expect(body.expected.low <= '750' || Number(body.expected.low) <= 750).toBe(true);
    const again = await post('/api/v1/readings', { meterNumber, reading: (value + 1n).toString() }, asCitizen);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('reading_duplicate_day');
  });

  it('refuses bad readings with a code and a message in both languages', async () => {
    const cases: [unknown, number, string, string?][] = [
      [{ meterNumber, reading: '-5', readOn: '2026-11-21' }, 400, 'reading_negative'],
      [{ meterNumber, reading: 'abc', readOn: '2026-11-21' }, 400, 'reading_not_numeric'],
      [{ meterNumber, reading: '12.5', readOn: '2026-11-21' }, 400, 'reading_not_whole'],
      [{ meterNumber, reading: '1', readOn: '2026-11-23' }, 400, 'reading_in_future'],
      [{ meterNumber, reading: '1', readOn: '2026-02-30' }, 400, 'reading_date_invalid'],
      [{ meterNumber: 'E99999999', reading: '1' }, 404, 'meter_not_found'],
      [{ accountNumber: '9999999999', reading: '1' }, 404, 'account_not_found'],
      [{ meterNumber, reading: '1', readOn: '2026-11-21' }, 403, 'account_not_owned', asOther],
      [{ meterNumber, reading: '1', readOn: '2026-11-21' }, 409, 'reading_out_of_order'],
      [{ meterNumber, reading: '1' }, 401, 'unauthenticated', ''],
    ];
    for (const [body, status, code, cookie] of cases) {
      const response = await post('/api/v1/readings', body, cookie === undefined ? asCitizen : cookie || undefined);
      expect([response.statusCode, response.json().code], JSON.stringify(body)).toEqual([status, code]);
      expect(response.json().message.en.length).toBeGreaterThan(5);
    }
  });

  it('holds an absurdly high reading for review, and an administrator accepts it', async () => {
    const account = (await get('/api/v1/me/accounts', asOther)).json().accounts.find((a: { billerCode: string }) => a.billerCode === 'mew-electricity');
    const last = BigInt((await get(`/api/v1/accounts/${account.accountNumber}/readings`, asOther)).json().readings[0].value);
    const response = await post('/api/v1/readings', { accountNumber: account.accountNumber, reading: Number(last + 90_000n) }, asOther);
    expect(response.statusCode).toBe(202);
    const held = response.json();
    expect(held).toMatchObject({ decision: 'held', code: 'reading_held_high', reading: { status: 'held', consumption: '90000' } });
    expect(BigInt(held.expected.high)).toBeLessThan(90_000n);

    const queue = (await get('/api/v1/readings/held', asAdmin)).json().readings;
    expect(queue.map((r: { id: string }) => r.id)).toContain(held.reading.id);
    expect((await get('/api/v1/readings/held', asOther)).statusCode).toBe(403);
    const reviewed = await post(`/api/v1/readings/${held.reading.id}/review`, { accept: true }, asAdmin);
    expect(reviewed.json()).toMatchObject({ decision: 'accepted', code: 'reading_accepted_on_review', reading: { status: 'accepted', consumption: '90000' } });
    expect((await post(`/api/v1/readings/${held.reading.id}/review`, { accept: true }, asAdmin)).json().code).toBe('reading_not_held');
  });

  it('imports a meter readers\' CSV, deciding and explaining every row', async () => {
    const csv = [
      'meter_number,reading,read_on',
      'E00500026,999999999,2026-11-21',
      'E99999999,10,2026-11-21',
      'E00500039,abc,2026-11-21',
      `${meterNumber},1,2026-11-22`,
    ].join('\n');
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/readings/import', payload: csv, headers: { cookie: asAdmin, 'content-type': 'text/csv' } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ rows: 4, refused: 4 });
    expect(body.results.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [2, 'reading_exceeds_dials'], [3, 'meter_not_found'], [4, 'reading_not_numeric'], [5, 'reading_duplicate_day'],
    ]);
    expect(body.results[1].message.ar).toMatch(/[\u0600-\u06FF]/);
    const asJson = await post('/api/v1/readings/import', { csv: 'account_number,reading\n3300000001,150' }, asAdmin);
    expect(asJson.json()).toMatchObject({ rows: 1, accepted: 1, results: [{ decision: 'accepted', consumption: '50' }] });
    expect((await post('/api/v1/readings/import', { csv: 'x' }, asCitizen)).statusCode).toBe(403);
    expect((await post('/api/v1/readings/import', { csv: 'meter,date\n1,2' }, asAdmin)).json().code).toBe('readings_file_invalid');
  });

  it('refuses readings on a closed account', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/accounts/3300000001/status', payload: { status: 'closed' }, headers: { cookie: asAdmin } })).statusCode).toBe(200);
    const response = await post('/api/v1/readings', { accountNumber: '3300000001', reading: '200', readOn: '2026-11-22' }, asAdmin);
    expect([response.statusCode, response.json().code]).toEqual([409, 'meter_closed']);
  });
});

describe('bills', () => {
  it('lists a citizen\'s twelve months of bills and shows one with its lines and history', async () => {
    const bills = (await get('/api/v1/me/bills', asCitizen)).json().bills as { id: string; period: string; accountNumber: string; amount: string; payable: { status: string }; pdfUrl: string }[];
    const electricity = bills.filter((b) => b.accountNumber === '1100000000');
    expect(electricity.map((b) => b.period)).toEqual(['2026-10', '2026-09', '2026-08', '2026-07', '2026-06', '2026-05', '2026-04', '2026-03', '2026-02', '2026-01', '2025-12', '2025-11']);
    expect(electricity[0]!.payable.status).toBe('open');
    const detail = (await get(`/api/v1/bills/${electricity[0]!.id}`, asCitizen)).json();
    expect(detail.history).toHaveLength(12);
    expect(detail.lines[0]).toMatchObject({ kind: 'consumption', rate: { price: '0.002', perUnits: '1' } });
    expect(detail.lines.at(-1)).toMatchObject({ kind: 'previous_balance', countsInTotal: false });
    expect(detail.readings.current.readOn).toBe('2026-10-20');
    expect((await get(`/api/v1/bills/${electricity[0]!.id}`, asOther)).json().code).toBe('bill_not_found');
  });

  it('serves the e-bill PDF to its owner in Arabic and English, and to nobody else', async () => {
    const [bill] = (await get('/api/v1/me/bills', asCitizen)).json().bills as { id: string }[];
    for (const lang of ['ar', 'en']) {
      const pdf = await get(`/api/v1/bills/${bill!.id}/pdf?lang=${lang}`, asCitizen);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await get(`/api/v1/bills/${bill!.id}/pdf`, asOther)).statusCode).toBe(404);
    expect((await get(`/api/v1/bills/${bill!.id}/pdf`, asCashier)).statusCode).toBe(403);
    expect((await get(`/api/v1/bills/${bill!.id}/pdf`)).statusCode).toBe(401);
  });
});

describe('bill history of an account', () => {
  it('reaches every bill a page at a time, filters by year, and is the owner\'s and staff\'s only', async () => {
    const all = (await get('/api/v1/me/bills', asCitizen)).json().bills as { id: string; accountNumber: string; period: string }[];
    const accountNumber = all[0]!.accountNumber;
    const periods = all.filter((b) => b.accountNumber === accountNumber).map((b) => b.period);
    expect(periods.length).toBe(12);

    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const response = await get(`/api/v1/accounts/${accountNumber}/bills?pageSize=5&page=${page}`, asCitizen);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ accountNumber, page, pageSize: 5, total: 12 });
      seen.push(...body.bills.map((b: { period: string }) => b.period));
    }
    expect(seen).toEqual(periods);

    const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))].sort((a, b) => b - a);
    expect(years.length).toBe(2);
    const older = years.at(-1)!;
    const ofYear = (await get(`/api/v1/accounts/${accountNumber}/bills?year=${older}`, asCitizen)).json();
    expect(ofYear.years).toEqual(years);
    expect(ofYear.bills.map((b: { period: string }) => b.period)).toEqual(periods.filter((p) => p.startsWith(`${older}-`)));
    expect(ofYear.total).toBe(ofYear.bills.length);

    expect((await get(`/api/v1/accounts/${accountNumber}/bills?pageSize=2`, asCashier)).json().bills).toHaveLength(2);
    expect((await get(`/api/v1/accounts/${accountNumber}/bills`, asOther)).statusCode).toBe(403);
    expect((await get(`/api/v1/accounts/${accountNumber}/bills`)).statusCode).toBe(401);
    const bad = await get(`/api/v1/accounts/${accountNumber}/bills?page=0`, asCitizen);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
  });
});

describe('bill runs over HTTP', () => {
  it('starts a run for an administrator, reports its progress, and refuses a future period', async () => {
    const started = await post('/api/v1/bill-runs', { biller: 'mew-water', period: '2026-10' }, asAdmin);
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    let run = started.json();
    if (run.status === 'running') {
      run = await waitUntil(async () => {
        const now = (await get(`/api/v1/bill-runs/${id}`, asAdmin)).json();
        return now.status === 'running' ? undefined : now;
      }, 'the bill run to finish', { intervalMs: 20 });
    }
    expect(run).toMatchObject({ status: 'completed', biller: 'mew-water', period: '2026-10', failed: 0, failures: [] });
    // Three water accounts in the demo of six people (the one opened above is closed by now).
    expect([run.billed, run.totalAccounts]).toEqual([3, 3]);
    expect((await get('/api/v1/bill-runs?biller=mew-water', asAdmin)).json().runs.length).toBe(12);
    const future = await post('/api/v1/bill-runs', { biller: 'mew-water', period: '2026-11' }, asAdmin);
    expect([future.statusCode, future.json().code]).toEqual([422, 'bill_run_future_period']);
    expect((await post('/api/v1/bill-runs', { biller: 'mew-water', period: '2026-10' }, asCashier)).statusCode).toBe(403);
    expect((await get(`/api/v1/bill-runs/${id}`, asCitizen)).statusCode).toBe(403);
  });
});

describe('tariffs', () => {
  it('publishes the rates and refuses a version that overlaps another', async () => {
    const list = (await get('/api/v1/tariffs?biller=mew-electricity')).json().tariffs as { category: string; tiers: { price: string }[] }[];
    expect(list).toHaveLength(8);
    expect(list.find((v) => v.category === 'government')!.tiers[0]!.price).toBe('0.025');
    const saudi = (await get('/api/v1/tariffs?biller=sec-electricity&category=residential')).json().tariffs[0];
    expect(saudi.tiers).toEqual([{ upTo: '6000', price: '0.18', perUnits: '1' }, { upTo: null, price: '0.30', perUnits: '1' }]);

    const body = {
      billerCode: 'mew-electricity', category: 'investment', effectiveFrom: '2027-01-01', currency: 'KWD', unit: 'kWh', name: { ar: 'شرائح', en: 'Blocks' },
      tiers: [{ upTo: '1000', price: '0.005', perUnits: '1' }, { upTo: '2000', price: '0.010', perUnits: '1' }, { upTo: null, price: '0.015', perUnits: '1' }],
    };
    const overlap = await post('/api/v1/tariffs', body, asAdmin);
    expect([overlap.statusCode, overlap.json().code]).toEqual([409, 'tariff_overlap']);
    const created = await post('/api/v1/tariffs', { ...body, supersede: true }, asAdmin);
    expect(created.statusCode).toBe(201);
    const versions = (await get('/api/v1/tariffs?biller=mew-electricity&category=investment')).json().tariffs;
    expect(versions.map((v: { effectiveFrom: string; effectiveTo: string | null }) => [v.effectiveFrom, v.effectiveTo])).toEqual([['2017-04-01', '2027-01-01'], ['2027-01-01', null]]);
    expect((await post('/api/v1/tariffs', { ...body, effectiveFrom: '2026-12-01', effectiveTo: '2027-02-01' }, asAdmin)).json().code).toBe('tariff_overlap');
    expect((await post('/api/v1/tariffs', { ...body, effectiveFrom: '2030-01-01', tiers: [{ upTo: '5', price: '0.001', perUnits: '1' }] }, asAdmin)).json().code).toBe('tariff_invalid');
    expect((await post('/api/v1/tariffs', body, asCashier)).statusCode).toBe(403);
  });
});
