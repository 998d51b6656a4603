// Reconciliation over HTTP, as an admin's upload page and a bank's back office use it: a statement posted as XML,
// a second upload recognised, the suspense list worked by hand, and the day's expected-vs-settled report that
// lists what Tasdeed posted and the bank did not settle. Other roles are refused.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import { csrfHeaderOf, createTestApp, signIn, type TestApp } from '../support/app.js';
import { issueTestPayable } from '../payments/support.js';

const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;
let t: TestApp;
let admin: string;
let cashier: string;
const paymentIds: Record<string, string> = {};

function signedPost(url: string, body: unknown) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  return t.app.inject({
    method: 'POST', url, payload: text,
    headers: { 'content-type': 'application/json', 'x-tasdeed-key': bank.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(bank.secret, 'POST', url, timestamp, text) },
  });
}

const upload = (cookie: string, body: Buffer | string, file = 'kwd-day.camt053.xml') => t.app.inject({
  method: 'POST', url: `/api/v1/reconciliation/statements?file=${file}`, payload: body,
  headers: { cookie, ...csrfHeaderOf(cookie), 'content-type': 'application/xml' },
});
const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp({ now: '2026-12-05T09:00:00Z' });
  const person = (await seedDemo(t.ctx, { people: 1 })).people[0]!;
  admin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  cashier = await signIn(t.app, { username: 'cashier', password: DEMO_PASSWORD });
  for (const [externalId, amount] of [['RECON-A', 5_250n], ['RECON-B', 7_125n], ['RECON-C', 3_500n], ['RECON-MANUAL', 2_000n], ['RECON-UNSETTLED', 4_000n]] as const) {
    const bill = await issueTestPayable(t.ctx, { amount, accountNumber: `R-${externalId}`, civilId: person.civilId, personId: person.id });
    const paid = await signedPost('/api/v1/payments', { channel: 'bank', externalId, items: [{ payableId: bill.id, amount: (Number(amount) / 1000).toFixed(3) }] });
    expect(paid.statusCode).toBe(201);
    paymentIds[externalId] = paid.json().paymentId;
  }
});
afterAll(async () => t?.close());

describe('reconciliation API', () => {
  it('refuses a cashier, with a code, and imports nothing', async () => {
    const refused = await upload(cashier, await readFile('test/fixtures/camt/kwd-day.camt053.xml'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBeTypeOf('string');
    expect((await get(admin, '/api/v1/reconciliation/statements')).json().statements).toEqual([]);
    expect((await get(cashier, '/api/v1/reconciliation/daily?date=2026-12-05')).statusCode).toBe(403);
  });

  it('imports an uploaded statement once, and answers a second upload with the same summary marked duplicate', async () => {
    const file = await readFile('test/fixtures/camt/kwd-day.camt053.xml');
    const first = await upload(admin, file);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ format: 'camt.053.001.08', entries: 5, booked: 4, pending: 1, matched: 2, suspense: 1, reversed: 1, duplicate: false, balanced: true, closingBalance: '110.875' });
    const second = await upload(admin, file, 'again.xml');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ duplicate: true, matched: 2 });
    const { statements } = (await get(admin, '/api/v1/reconciliation/statements')).json();
    expect(statements).toHaveLength(1);
    const detail = (await get(admin, `/api/v1/reconciliation/statements/${statements[0].id}`)).json();
    expect(detail.entries.map((e: { state: string }) => e.state).sort()).toContain('suspense');
  });

  it('refuses hostile XML with its code', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>';
    const refused = await upload(admin, xxe, 'xxe.xml');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('recon_xml_doctype_refused');
    expect((await get(admin, '/api/v1/reconciliation/statements')).json().statements).toHaveLength(1);
  });

  it('lets the admin match the suspense entry by hand, then reports the day: settled, and posted but not settled', async () => {
    const { entries } = (await get(admin, '/api/v1/reconciliation/suspense')).json();
    expect(entries.map((e: { endToEndId: string }) => e.endToEndId)).toEqual(['NOBODY-KNOWS']);
    const matched = await t.app.inject({
      method: 'POST', url: `/api/v1/reconciliation/suspense/${entries[0].id}/match`,
      headers: { cookie: admin, ...csrfHeaderOf(admin) }, payload: { paymentId: paymentIds['RECON-MANUAL'], note: 'payer wrote the wrong reference' },
    });
    expect(matched.statusCode).toBe(200);
    expect(matched.json()).toMatchObject({ state: 'matched', paymentId: paymentIds['RECON-MANUAL'] });
    expect((await get(admin, '/api/v1/reconciliation/suspense')).json().entries).toEqual([]);

    const report = (await get(admin, '/api/v1/reconciliation/daily?date=2026-12-05')).json();
    const line = report.lines.find((l: { channel: string; currency: string }) => l.channel === 'bank' && l.currency === 'KWD');
    // Five posted that day; A and B settled by the batch, MANUAL by hand. C was reversed by the bank, and
    // UNSETTLED never reached the statement: both are posted but not settled.
    expect(line.expected).toEqual({ count: 5, amount: '21.875' });
    expect(line.settled).toEqual({ count: 3, amount: '14.375' });
    expect(line.postedNotSettled.map((p: { paymentId: string }) => p.paymentId).sort()).toEqual([paymentIds['RECON-C'], paymentIds['RECON-UNSETTLED']].sort());
    expect(line.settledNotPosted).toEqual([]);
  });
});
