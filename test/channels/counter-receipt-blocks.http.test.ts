// Offline receipt numbers and offline risk limits at a counter. A cashier with an open drawer is given a block of the
// counter's offline series (SALMIYA-C01-X000001…, audited; the online numbers go on without gaps); a payment
// replayed with one of them posts under it, once; a number of no block, of another counter, or used twice is
// refused with its code, nothing written. The admin sets an office's offline limits; a replayed payment over them
// still posts (the money was taken) and is flagged and audited for the supervisor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { auditByAction } from '../../src/platform/audit.js';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';

let t: TestApp;
let admin: string;
let cashier: string;
const START = '2026-11-15T07:00:00.000Z';

beforeAll(async () => {
  t = await createTestApp({ now: START });
  await seedDemo(t.ctx, { people: 1 });
  admin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const counterRows = async () => (await t.ctx.db.execute('SELECT count(*)::int AS n FROM counter_payments') as unknown as { rows: { n: number }[] }).rows[0]!.n;
const blockRows = async () => (await t.ctx.db.execute('SELECT count(*)::int AS n FROM counter_receipt_blocks') as unknown as { rows: { n: number }[] }).rows[0]!.n;

async function offlinePayment(id: string, account: string, amountMinor: bigint, offlineReceiptNumber?: string) {
  const bill = await issueTestPayable(t.ctx, { amount: amountMinor, accountNumber: account });
  const amount = (Number(amountMinor) / 1000).toFixed(3);
  return call(cashier, 'POST', '/api/v1/counter/payments', {
    id, items: [{ payableId: bill.id, amount }], tenders: [{ kind: 'cash', amount }], takenOffline: true, ...(offlineReceiptNumber ? { offlineReceiptNumber } : {}),
  });
}

interface Block { prefix: string; first: string; last: string; firstReceiptNumber: string; lastReceiptNumber: string }
let block: Block;

describe('offline receipt blocks', () => {
  it('needs an open drawer; then gives the counter a block of its offline series, audited, beside the online numbers', async () => {
    const refused = await call(cashier, 'POST', '/api/v1/counter/receipt-blocks');
    expect(refused.json().code).toBe('counter_no_open_drawer');
    expect(await blockRows()).toBe(0);

    expect((await call(cashier, 'POST', '/api/v1/counter/drawers', { counterCode: 'C01', openingFloat: '10.000' })).statusCode).toBe(201);
    const given = await call(cashier, 'POST', '/api/v1/counter/receipt-blocks');
    expect(given.statusCode, given.body).toBe(201);
    block = given.json();
    expect(block).toMatchObject({ prefix: 'SALMIYA-C01-X', counterCode: 'C01', officeCode: 'SALMIYA', first: '1', last: '50', firstReceiptNumber: 'SALMIYA-C01-X000001', lastReceiptNumber: 'SALMIYA-C01-X000050' });
    const audited = await auditByAction(t.ctx, 'counter.receipt_block', 10);
    expect(audited.some((r) => (r.detail as { first?: string }).first === block.firstReceiptNumber)).toBe(true);

    // The next block comes after it; the online numbers are untouched.
    const second = (await call(cashier, 'POST', '/api/v1/counter/receipt-blocks')).json() as Block;
    expect(second).toMatchObject({ first: '51', last: '100' });
    const bill = await issueTestPayable(t.ctx, { amount: 1_000n, accountNumber: 'BLK-ONLINE' });
    const online = await call(cashier, 'POST', '/api/v1/counter/payments', { id: 'ctr-blk-online-1', items: [{ payableId: bill.id, amount: '1.000' }], tenders: [{ kind: 'cash', amount: '1.000' }] });
    expect(online.statusCode, online.body).toBe(201);
    expect(online.json()).toMatchObject({ offlineReceipt: false, takenOffline: false });
    expect(online.json().receiptNumber).toBe('SALMIYA-C01-000001');
  });

  it('posts a replayed payment under its offline number, once; a repeat of the same id answers the first result', async () => {
    const number = block.firstReceiptNumber;
    const posted = await offlinePayment('ctr-blk-off-0001', 'BLK-OFF-1', 2_000n, number);
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ receiptNumber: number, takenOffline: true, offlineReceipt: true, overOfflineLimit: false });
    const rows = await counterRows();
    const again = await call(cashier, 'POST', '/api/v1/counter/payments', {
      id: 'ctr-blk-off-0001', items: posted.json().items.map((i: { payableId: string; amount: string }) => ({ payableId: i.payableId, amount: i.amount })),
      tenders: [{ kind: 'cash', amount: '2.000' }], takenOffline: true, offlineReceiptNumber: number,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ receiptNumber: number, replayed: true });
    expect(await counterRows()).toBe(rows);
  });

  it('refuses a number used twice, outside every block, or of another counter, nothing written, audited', async () => {
    const rows = await counterRows();
    for (const [id, number, code] of [
      ['ctr-blk-bad-0001', block.firstReceiptNumber, 'counter_offline_receipt_used'],
      ['ctr-blk-bad-0002', 'SALMIYA-C01-X000500', 'counter_offline_receipt_unknown'],
      ['ctr-blk-bad-0003', 'SALMIYA-C02-X000002', 'counter_offline_receipt_unknown'],
      // An online number is never one a page may print offline.
      ['ctr-blk-bad-0004', 'SALMIYA-C01-000002', 'counter_offline_receipt_unknown'],
      ['ctr-blk-bad-0005', 'SALMIYA-C01-X2', 'counter_offline_receipt_unknown'],
    ] as const) {
      const refused = await offlinePayment(id, `BLK-BAD-${id.slice(-1)}`, 1_500n, number);
      expect(refused.json().code, number).toBe(code);
      expect(refused.json().message.ar.length).toBeGreaterThan(0);
      expect((await auditByAction(t.ctx, 'counter.payment', 1000)).some((r) => r.entityId === id && r.outcome === 'refused')).toBe(true);
    }
    expect(await counterRows()).toBe(rows);
    await expectBalancedLedger(t.ctx);
  });
});

describe('offline limits of an office', () => {
  it('are set by the admin only, positive, the per-payment one within the total; a cashier sees them', async () => {
    expect((await call(cashier, 'PUT', '/api/v1/counter/offices/SALMIYA/offline-limits', { maxPerPayment: '5.000', maxTotal: '9.000' })).json().code).toBe('forbidden');
    expect((await call(admin, 'PUT', '/api/v1/counter/offices/SALMIYA/offline-limits', { maxPerPayment: '0.000', maxTotal: '9.000' })).json().code).toBe('counter_offline_limit_invalid');
    expect((await call(admin, 'PUT', '/api/v1/counter/offices/SALMIYA/offline-limits', { maxPerPayment: '10.000', maxTotal: '9.000' })).json().code).toBe('counter_offline_limit_invalid');
    expect((await call(admin, 'PUT', '/api/v1/counter/offices/NOWHERE/offline-limits', { maxPerPayment: null, maxTotal: null })).json().code).toBe('counter_office_unknown');
    const set = await call(admin, 'PUT', '/api/v1/counter/offices/SALMIYA/offline-limits', { maxPerPayment: '5.000', maxTotal: '9.000' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().offlineLimits).toEqual({ currency: 'KWD', maxPerPayment: '5.000', maxTotal: '9.000' });
    expect((await call(cashier, 'GET', '/api/v1/counter/offices')).json().offices[0].offlineLimits).toEqual({ currency: 'KWD', maxPerPayment: '5.000', maxTotal: '9.000' });
    expect((await auditByAction(t.ctx, 'counter.office.offline_limits', 10)).length).toBe(1);
  });

  it('posts a replayed payment over them, flagged and audited; one within them is not flagged', async () => {
    // The drawer took 2.000 offline already (above). 6.000 is over the per-payment limit.
    const over = await offlinePayment('ctr-lim-0001', 'LIM-1', 6_000n, 'SALMIYA-C01-X000002');
    expect(over.statusCode, over.body).toBe(201);
    expect(over.json()).toMatchObject({ overOfflineLimit: true, offlineReceipt: true });
    // 1.000 fits one payment, but 2 + 6 + 1 = 9 is the total: still within.
    const within = await offlinePayment('ctr-lim-0002', 'LIM-2', 1_000n);
    expect(within.json()).toMatchObject({ overOfflineLimit: false, takenOffline: true, offlineReceipt: false });
    // One more: the drawer's offline total would pass 9.000.
    const pastTotal = await offlinePayment('ctr-lim-0003', 'LIM-3', 500n);
    expect(pastTotal.json()).toMatchObject({ overOfflineLimit: true });
    const flagged = await auditByAction(t.ctx, 'counter.offline_over_limit', 10);
    expect(flagged.map((r) => r.entityId).sort()).toEqual(['ctr-lim-0001', 'ctr-lim-0003']);
    await expectBalancedLedger(t.ctx);
  });
});
