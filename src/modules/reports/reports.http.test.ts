// Collections of the day through HTTP: real payments posted by the payments module on a seeded database, summed by
// channel and by biller for admins only, with the business day's edges in Kuwait time; and the demo facts endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/support/app.js';
import { seedDemo } from '../../db/seed/index.js';
import { DEMO_PASSWORD } from '../../db/seed/demo-accounts.js';
import type { SeededPerson } from '../../db/seed/foundation.seed.js';
import { issuePayable } from '../billers/index.js';
import type { Actor } from '../../platform/actor.js';
import { postDirectPayment } from '../payments/direct-posting.js';
import { parseAmount } from '../../shared/money.js';
import { refundPayment } from '../payments/refunds.service.js';
import { businessDayWindow } from './reports.service.js';

const cashier: Actor = { kind: 'staff', id: 'usr_report_cashier', role: 'cashier', unit: 'SALMIYA-01' };
const admin: Actor = { kind: 'staff', id: 'usr_report_admin', role: 'admin' };

interface Collections {
  date: string;
  from: string;
  to: string;
  byChannel: Array<{ channel: string; currency: string; count: number; amount: string }>;
  byBiller: Array<{ billerCode: string; nameEn: string; count: number; amount: string }>;
  refunds: Array<{ currency: string; count: number; amount: string }>;
  totals: Array<{ currency: string; payments: number; collected: string; refunded: string; net: string }>;
}

describe('GET /api/v1/reports/collections', () => {
  let t: TestApp;
  let people: SeededPerson[];
  let adminCookie: string;
  let citizenCookie: string;

  async function bill(billerCode: string, person: SeededPerson, amount: bigint, n: number) {
    const { payable } = await issuePayable(t.ctx, {
      billerCode, kind: 'bill', sourceId: `report-test-${billerCode}-${n}`, reference: `R-${n}`, personId: person.id, civilId: person.civilId,
      amount, issuedOn: '2026-03-01', dueDate: '2026-03-31', descriptionAr: 'فاتورة', descriptionEn: 'Bill',
    });
    return payable;
  }

  async function payAtCounter(payableId: string, amount: string, externalId: string) {
    // Counter cash posted directly (the cashier's API takes it only through an open drawer).
    return postDirectPayment(t.ctx, cashier, { channel: 'counter', externalId, items: [{ payableId, amount: parseAmount(amount, 'KWD') }], currency: 'KWD', language: 'ar' });
  }

  beforeAll(async () => {
    // 21:30 UTC on 14 March is 00:30 on 15 March in Kuwait: the day in the report is Kuwait's.
    t = await createTestApp({ now: '2026-03-14T20:30:00Z' });
    ({ people } = await seedDemo(t.ctx, { people: 3 }));
    const e1 = await bill('mew-electricity', people[0]!, 12_500n, 1);
    const w1 = await bill('mew-water', people[1]!, 4_250n, 2);
    const e2 = await bill('mew-electricity', people[2]!, 7_000n, 3);
    await payAtCounter(e1.id, '12.500', 'CTR-1'); // 23:30 Kuwait, 14 March
    t.clock.set('2026-03-14T21:30:00Z'); // 00:30 Kuwait, 15 March
    await payAtCounter(w1.id, '4.250', 'CTR-2');
    const partial = await payAtCounter(e2.id, '3.000', 'CTR-3');
    await refundPayment(t.ctx, admin, { paymentId: partial.payment.id, reason: 'charged the wrong account' });
    adminCookie = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
    citizenCookie = await signIn(t.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = async (query: string, cookie?: string) => t.app.inject({ method: 'GET', url: `/api/v1/reports/collections${query}`, headers: cookie ? { cookie } : {} });

  it('sums the Kuwait day by channel and by biller, with refunds and the net', async () => {
    const response = await get('?date=2026-03-15', adminCookie);
    expect(response.statusCode).toBe(200);
    const body = response.json<Collections>();
    expect(body.date).toBe('2026-03-15');
    expect(body.from).toBe('2026-03-14T21:00:00.000Z');
    expect(body.to).toBe('2026-03-15T21:00:00.000Z');
    expect(body.byChannel).toEqual([{ channel: 'counter', currency: 'KWD', count: 2, amount: '7.250' }]);
    expect(body.byBiller.map((b) => [b.billerCode, b.count, b.amount])).toEqual([
      ['mew-electricity', 1, '3.000'],
      ['mew-water', 1, '4.250'],
    ]);
    expect(body.refunds).toEqual([{ currency: 'KWD', count: 1, amount: '3.000' }]);
    expect(body.totals).toEqual([{ currency: 'KWD', payments: 2, collected: '7.250', refunded: '3.000', net: '4.250' }]);
  });

  it('puts a payment made before Kuwait midnight on the day before', async () => {
    const body = (await get('?date=2026-03-14', adminCookie)).json<Collections>();
    expect(body.byChannel).toEqual([{ channel: 'counter', currency: 'KWD', count: 1, amount: '12.500' }]);
    expect(body.byBiller.map((b) => [b.billerCode, b.amount])).toEqual([['mew-electricity', '12.500']]);
    expect(body.totals[0]!.refunded).toBe('0.000');
  });

  it('defaults to today in Kuwait, and an empty day has no rows', async () => {
    expect((await get('', adminCookie)).json<Collections>().date).toBe('2026-03-15');
    const empty = (await get('?date=2026-02-01', adminCookie)).json<Collections>();
    expect(empty).toMatchObject({ byChannel: [], byBiller: [], refunds: [], totals: [] });
  });

  it('is for admins only', async () => {
    expect((await get('?date=2026-03-15')).statusCode).toBe(401);
    const refused = await get('?date=2026-03-15', citizenCookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('forbidden');
  });

  it('refuses a date that is not a real day, in both languages', async () => {
    const response = await get('?date=2026-02-30', adminCookie);
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; message: { ar: string; en: string } }>();
    expect(body.code).toBe('report_date_invalid');
    expect(body.message.ar).toMatch(/التاريخ/);
    expect((await get('?date=15-03-2026', adminCookie)).statusCode).toBe(400);
  });

  it('tells the demo citizen, the password and the inbox pages on a demo server', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/demo' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ citizen: { civilId: string }; password: string; inboxes: { sms: string | null; email: string | null } }>();
    expect(body.citizen.civilId).toBe(people[0]!.civilId);
    expect(body.password).toBe(DEMO_PASSWORD);
    // This app was built without simulators: no inbox to point at.
    expect(body.inboxes).toEqual({ sms: null, email: null });
  });
});

describe('GET /api/v1/demo', () => {
  it('does not exist on a server without the demo data', async () => {
    const t = await createTestApp();
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/demo' });
      expect(response.statusCode).toBe(404);
      expect(response.json<{ code: string }>().code).toBe('demo_not_running');
    } finally {
      await t.close();
    }
  });

  it('points at the simulators’ inbox pages when they run', async () => {
    const t = await createTestApp({ services: { smsc: { inboxUrl: 'http://127.0.0.1:2776' }, mail: { inboxUrl: 'http://127.0.0.1:1080' } } });
    try {
      await seedDemo(t.ctx, { people: 1 });
      const body = (await t.app.inject({ method: 'GET', url: '/api/v1/demo' })).json<{ inboxes: unknown }>();
      expect(body.inboxes).toEqual({ sms: 'http://127.0.0.1:2776', email: 'http://127.0.0.1:1080' });
    } finally {
      await t.close();
    }
  });
});

describe('businessDayWindow', () => {
  it('is midnight to midnight in the zone', () => {
    expect(businessDayWindow('2026-11-28', 'Asia/Kuwait')).toEqual({ from: new Date('2026-11-27T21:00:00Z'), to: new Date('2026-11-28T21:00:00Z') });
    expect(businessDayWindow('2026-01-01', 'UTC')).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-02T00:00:00Z') });
  });
});
