// The "done when", end to end over real sockets on loopback: a camera records a violation (HMAC-signed
// HTTP) → the owner's Arabic SMS reaches the SMPP simulator → look-up by plate → pay through checkout
// and the KNET simulator → receipt → clearance for the plate turns clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { systemClock } from '../../src/platform/clock.js';
import { startSmscSimulator, SMSC_DEMO_CREDENTIALS, type SmscSimulator } from '../../src/dev/smsc/smsc.simulator.js';
import { startKnetSimulator, type KnetSimulator } from '../../src/dev/knet-sim/knet-sim.server.js';
import { knetSimCredentials } from '../../src/dev/knet-sim/knet-sim.command.js';
import { createKnetGateway } from '../../src/modules/payments/gateways/index.js';
import { PAYMENT_GATEWAY_SERVICE } from '../../src/modules/payments/payments.gateway.js';
import { startNotifications, type RunningNotifications } from '../../src/modules/notifications/notifications.worker.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { csrfHeaderOf, signIn, testConfig } from '../support/app.js';
import { waitUntil } from '../support/wait.js';
import { signedHeaders, violationBody } from './support.js';

let database: TestDatabase;
let app: FastifyInstance;
let url: string;
let smsc: SmscSimulator;
let knet: KnetSimulator;
let notifications: RunningNotifications;
let citizen: SeededPerson;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig();
  const ctx = { db: database.db, clock: systemClock, config };
  citizen = (await seedDemo(ctx, { people: 5 })).people[0]!;
  smsc = await startSmscSimulator({ host: '127.0.0.1', smppPort: 0, httpPort: 0, receiptDelayMs: 50 });
  knet = await startKnetSimulator({ ...knetSimCredentials({}), port: 0, host: '127.0.0.1' });
  const services = {
    smsc: { host: '127.0.0.1', port: smsc.smppPort, ...SMSC_DEMO_CREDENTIALS },
    [PAYMENT_GATEWAY_SERVICE]: createKnetGateway({ baseUrl: knet.url, ...knetSimCredentials({}) }),
  };
  const deps: AppDeps = { config, database, clock: systemClock, services };
  app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // KNET posts its notification to the address the server is really reachable at.
  config.publicUrl = url;
  notifications = await startNotifications(deps);
});

afterAll(async () => {
  await notifications?.stop();
  await app?.close();
  await knet?.close();
  await smsc?.close();
  await database?.destroy();
});

const json = async (response: Response) => ({ status: response.status, body: await response.json() as Record<string, unknown> & { [k: string]: never } });

describe('a camera violation, from the road to clearance', () => {
  it('notifies the owner in Arabic, is found by plate, paid by card with a receipt, and clears the plate', async () => {
    const plate = demoPlate(0, 0);
    const report = JSON.stringify(violationBody({ plate, typeCode: 'speeding', speedKmh: 152, limitKmh: 120, occurredAt: new Date(Date.now() - 5_000).toISOString() }));
    const { violationNumber } = JSON.parse(report) as { violationNumber: string };

    // 1. The camera records it.
    const recorded = await fetch(`${url}/api/v1/violations`, { method: 'POST', body: report, headers: signedHeaders('POST', '/api/v1/violations', report, new Date()) });
    expect(recorded.status).toBe(201);
    const violation = await recorded.json() as { id: string; amount: string; payableId: string };
    expect(violation.amount).toBe('90.000');

    // 2. The owner's SMS, in Arabic (UCS-2), reaches the SMS centre. How fast is for the benchmarks, not a test on a
    //    shared machine: this waits for it (test/support/wait.ts).
    const sms = await waitUntil(() => smsc.messages().find((m) => m.text.includes(violationNumber)), 'the SMS at the SMS centre');
    expect(sms!.to.replace(/^\+/, '')).toBe(citizen.phone.replace(/^\+/, ''));
    expect(sms!.dataCoding).toBe(0x08);
    expect(sms!.text).toContain('مخالفة رقم');
    expect(sms!.text).toContain('تجاوز السرعة المقررة');
    expect(sms!.text).toContain('90.000');

    // 3. Anyone looks the plate up (written as people type it): both open fines on this car, the seeded one and
    //    the new one, are there to pay; the owner's dues list them too.
    const officerCookie = await signIn(app, { username: 'officer', password: DEMO_PASSWORD });
    const clearanceBefore = await json(await fetch(`${url}/api/v1/clearance?plate=${encodeURIComponent(plate)}`, { headers: { cookie: officerCookie } }));
    expect(clearanceBefore.body.clear).toBe(false);
    const typed = plate.replace('/', ' - ').replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
    const byPlate = await json(await fetch(`${url}/api/v1/violations?plate=${encodeURIComponent(typed)}`));
    expect(byPlate.status).toBe(200);
    const onPlate = (byPlate.body.violations as unknown as { violationNumber: string; payableId: string; status: string; payableOnline: boolean; detail: string }[]).filter((v) => v.status === 'unpaid');
    expect(onPlate.map((v) => v.violationNumber)).toContain(violationNumber);
    expect(onPlate.every((v) => v.payableOnline && v.detail === 'masked')).toBe(true);
    const dues = await json(await fetch(`${url}/api/v1/dues?civilId=${citizen.civilId}`));
    expect(dues.status).toBe(200);
    const open = (dues.body.payables as unknown as { id: string; reference: string }[]).filter((p) => onPlate.some((v) => v.payableId === p.id));
    expect(open).toHaveLength(onPlate.length);

    // 4. Pay them through checkout and the KNET simulator, as the owner signed in.
    const cookie = await signIn(app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
    const checkout = await json(await fetch(`${url}/api/v1/checkout`, {
      method: 'POST', headers: { cookie, ...csrfHeaderOf(cookie), 'content-type': 'application/json' },
      body: JSON.stringify({ payableIds: open.map((p) => p.id), language: 'ar', idempotencyKey: `e2e-${violationNumber}` }),
    }));
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(200);
    const { paymentId, redirectUrl } = checkout.body as unknown as { paymentId: string; redirectUrl: string };
    expect((await fetch(redirectUrl)).status).toBe(200); // the card page opens the attempt at KNET
    const { transactions } = await (await fetch(`${knet.url}/sim/transactions`)).json() as { transactions: { paymentId: string; state: string }[] };
    const attempt = transactions.find((tx) => tx.state === 'initialized')!;
    const approved = await fetch(`${knet.url}/sim/pay/${attempt.paymentId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'approve' }) });
    expect(approved.status).toBe(200);

    // 5. The payment posted, with a receipt the owner can read.
    const payment = await json(await fetch(`${url}/api/v1/payments/${paymentId}`));
    expect(payment.body.status).toBe('posted');
    const receiptNumber = payment.body.receiptNumber as unknown as string;
    expect(receiptNumber).toMatch(/^[A-Z]{3}-\d{4}-\d{6,}$/);
    const receipt = await json(await fetch(`${url}/api/v1/receipts/${receiptNumber}`, { headers: { cookie } }));
    expect(receipt.status).toBe(200);
    expect(JSON.stringify(receipt.body)).toContain(violationNumber);

    // 6. The plate is clear now; the violation shows as paid.
    const clearance = await json(await fetch(`${url}/api/v1/clearance?plate=${encodeURIComponent(plate)}`, { headers: { cookie: officerCookie } }));
    expect(clearance.body).toMatchObject({ clear: true, blocking: [], totalDue: '0.000' });
    const view = await json(await fetch(`${url}/api/v1/violations/${violation.id}`, { headers: { cookie } }));
    expect(view.body).toMatchObject({ status: 'paid', amountDue: '0.000' });
  });

  it('shows a fine held for legal process with its reason, refuses it at checkout, and keeps the owner from clearance', async () => {
    const cookie = await signIn(app, { civilId: citizen.civilId, password: DEMO_PASSWORD });
    const held = await json(await fetch(`${url}/api/v1/violations?plate=${encodeURIComponent(demoPlate(0, 1))}`, { headers: { cookie } }));
    const [reckless] = held.body.violations as unknown as { payableId: string; payableOnline: boolean; holdReason: { ar: string; en: string }; detail: string }[];
    expect(reckless).toMatchObject({ payableOnline: false, detail: 'full', holdReason: { en: expect.stringContaining('legal process') } });
    const dues = await json(await fetch(`${url}/api/v1/dues?civilId=${citizen.civilId}`, { headers: { cookie } }));
    // Held items are listed apart from what can be paid now, and not counted in its total.
    expect((dues.body.payables as unknown as { id: string }[]).map((p) => p.id)).not.toContain(reckless!.payableId);
    expect((dues.body.held as unknown as { id: string; payableOnline: boolean }[]).find((p) => p.id === reckless!.payableId)).toMatchObject({ payableOnline: false });
    const checkout = await json(await fetch(`${url}/api/v1/checkout`, {
      method: 'POST', headers: { cookie, ...csrfHeaderOf(cookie), 'content-type': 'application/json' },
      body: JSON.stringify({ payableIds: [reckless!.payableId], idempotencyKey: `e2e-held-${Date.now()}` }),
    }));
    expect(checkout.status).toBe(409);
    expect(checkout.body.code).toBe('payable_not_payable_online');
    const officer = await signIn(app, { username: 'officer', password: DEMO_PASSWORD });
    const clearance = await json(await fetch(`${url}/api/v1/clearance?civilId=${citizen.civilId}`, { headers: { cookie: officer } }));
    expect(clearance.body.clear).toBe(false);
    expect(clearance.body.blocking).toEqual(expect.arrayContaining([expect.objectContaining({ violationNumber: 'DEMO-0002', payableOnline: false })]));
  });
});
