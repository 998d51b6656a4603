// The issue's "done when" for disconnection, over real sockets on loopback: debt → warning → disconnection order →
// the cut → payment through checkout and the KNET simulator → reconnection order at once (with its fee) →
// reconnection, the owner's SMS of each step in the SMPP simulator's inbox. Then the refusals: an open dispute, a
// government account, the wrong role, a closed order; each with its code and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import { auditLog, disconnectionCases, disconnectionOrders, outbox, utilityAccounts } from '../../src/db/schema/index.js';
import { seedFoundation, type SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { seedIdentity } from '../../src/modules/identity/index.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/index.js';
import { openAccount } from '../../src/modules/metering/meters.service.js';
import { payables } from '../../src/modules/billers/index.js';
import { completeOrder, runDisconnectionCycle, seedRequestTypes, submitRequest } from '../../src/modules/requests/index.js';
import { systemActor } from '../../src/platform/actor.js';
import type { Ctx } from '../../src/platform/context.js';
import type { Category } from '../../src/modules/accounts/index.js';
import { startSmscSimulator, SMSC_DEMO_CREDENTIALS, type SmscSimulator } from '../../src/dev/smsc/smsc.simulator.js';
import { startKnetSimulator, type KnetSimulator } from '../../src/dev/knet-sim/knet-sim.server.js';
import { knetSimCredentials } from '../../src/dev/knet-sim/knet-sim.command.js';
import { createKnetGateway } from '../../src/modules/payments/gateways/index.js';
import { PAYMENT_GATEWAY_SERVICE } from '../../src/modules/payments/payments.gateway.js';
import { findPayment } from '../../src/modules/payments/payments.store.js';
import { postBankNotification } from '../../src/modules/payments/index.js';
import { startNotifications, type RunningNotifications } from '../../src/modules/notifications/notifications.worker.js';
import { localDate } from '../../src/platform/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { csrfHeaderOf, signIn, testConfig } from '../support/app.js';
import { waitUntil } from '../support/wait.js';
import { chooseOnHostedPage, openHostedPage } from '../payments/harness.js';
import { issueTestPayable } from '../payments/support.js';
import { movableClock, type MovableClock } from '../notifications/harness.js';
import { serviceStaff } from './support.js';
import { refusalCode } from '../support/errors.js';

const DAY_MS = 86_400_000;
const admin = systemActor('test');

let database: TestDatabase;
let app: FastifyInstance;
let ctx: Ctx;
let clock: MovableClock;
let smsc: SmscSimulator;
let knet: KnetSimulator;
let notifications: RunningNotifications;
let people: SeededPerson[];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig();
  // Real time moved forward by the test (grace periods are days): outbox rows are stamped by the database's clock,
  // so the app's clock must never be behind it.
  clock = movableClock();
  ctx = { db: database.db, clock, config };
  people = (await seedFoundation(ctx, { people: 3 })).people;
  await seedIdentity(ctx, { password: DEMO_PASSWORD, staff: [{ username: 'field', nameAr: 'فني ميداني', nameEn: 'Field technician', role: 'service' }], clients: [], people: [] });
  await seedReferenceTariffs(ctx);
  await seedRequestTypes(ctx);
  smsc = await startSmscSimulator({ host: '127.0.0.1', smppPort: 0, httpPort: 0, receiptDelayMs: 0 });
  knet = await startKnetSimulator({ ...knetSimCredentials({}), port: 0, host: '127.0.0.1' });
  const deps: AppDeps = {
    config, database, clock,
    services: { smsc: { host: '127.0.0.1', port: smsc.smppPort, ...SMSC_DEMO_CREDENTIALS }, [PAYMENT_GATEWAY_SERVICE]: createKnetGateway({ baseUrl: knet.url, ...knetSimCredentials({}) }) },
  };
  app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  config.publicUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  notifications = await startNotifications(deps);
});

afterAll(async () => {
  await notifications?.stop();
  await app?.close();
  await knet?.close();
  await smsc?.close();
  await database?.destroy();
});

let accountCounter = 0;
async function openTestAccount(owner: SeededPerson | null, category: Category) {
  accountCounter += 1;
  const { account } = await openAccount(ctx, admin, {
    billerCode: 'mew-electricity', accountNumber: `6${String(Date.now() % 1_000_000).padStart(6, '0')}${String(accountCounter).padStart(3, '0')}`,
    ownerCivilId: owner?.civilId ?? null, ownerName: owner ? null : { ar: 'وزارة التربية', en: 'Ministry of Education' },
    category, meter: { installedOn: '2026-01-01', initialReading: 0n },
  });
  return account;
}

const today = () => localDate(clock.now(), ctx.config.TZ_BUSINESS);
const daysAgo = (n: number) => new Date(Date.parse(today()) - n * DAY_MS).toISOString().slice(0, 10);

async function bill(accountNumber: string, owner: SeededPerson | null, amount: bigint, dueDaysAgo: number) {
  return issueTestPayable(ctx, { accountNumber, civilId: owner?.civilId ?? null, personId: owner?.id ?? null, amount, dueDate: daysAgo(dueDaysAgo) });
}

/**
 * The headers the portal sends for a staff member just signed in: the session cookie and its CSRF token. A fresh
 * session each time, because the test moves the clock by days and a session would expire.
 */
async function as(username: 'admin' | 'field' | 'cashier') {
  const cookie = await signIn(app, { username, password: DEMO_PASSWORD });
  return { cookie, ...csrfHeaderOf(cookie) };
}


const accountStatus = async (id: string) => (await database.db.select().from(utilityAccounts).where(eq(utilityAccounts.id, id)))[0]!.status;
const casesOf = (accountNumber: string) => database.db.select().from(disconnectionCases).where(eq(disconnectionCases.accountNumber, accountNumber));
const ordersOf = (accountNumber: string) => database.db.select().from(disconnectionOrders).where(eq(disconnectionOrders.accountNumber, accountNumber));
// In the order they were written: a table read without ORDER BY comes back in whatever order its rows lie in.
const topicsFor = async (accountNumber: string) => (await database.db.select().from(outbox).orderBy(outbox.id)).filter((r) => (r.payload as { accountNumber?: string }).accountNumber === accountNumber).map((r) => r.topic);

// What each step's SMS says, in the owner's language (templates.defaults.ts).
const STEP_TEXT = {
  ar: { warning: 'إنذار', ordered: 'صدر أمر بفصل', done: 'فُصلت الخدمة', reconnectionOrdered: 'صدر أمر بإعادة توصيل', reconnected: 'أُعيد توصيل' },
  en: { warning: 'Warning:', ordered: 'A disconnection order', done: 'was cut', reconnectionOrdered: 'will be reconnected by', reconnected: 'was restored' },
} as const;

/** Waits for the owner's SMS of a step about this account to reach the SMS centre. */
async function smsOfStep(owner: SeededPerson, accountNumber: string, step: keyof (typeof STEP_TEXT)['ar']) {
  const marker = STEP_TEXT[owner.preferredLanguage][step];
  const phone = owner.phone.replace(/^\+/, '');
  return waitUntil(() => smsc.messages().find((m) => m.to.replace(/^\+/, '') === phone && m.text.includes(accountNumber) && m.text.includes(marker)), `the ${step} SMS for ${accountNumber}`);
}

async function payThroughKnet(payableIds: string[]): Promise<void> {
  const started = await app.inject({ method: 'POST', url: '/api/v1/checkout', payload: { items: payableIds.map((payableId) => ({ payableId })), language: 'en' }, headers: { 'idempotency-key': randomUUID() } });
  expect(started.statusCode, started.body).toBe(200);
  const body = started.json() as { paymentId: string; redirectUrl: string };
  const row = await findPayment(database.db, body.paymentId);
  const knetPaymentId = await openHostedPage(knet, body.redirectUrl, row!.trackId!);
  expect((await chooseOnHostedPage(knet, knetPaymentId, 'approve')).transaction.state).toBe('captured');
  expect((await findPayment(database.db, body.paymentId))!.status).toBe('posted');
}

describe('debt → warning → disconnection order → payment → reconnection order', () => {
  it('walks an account through every step, with the SMS of each in the simulator', async () => {
    const owner = people[0]!;
    const account = await openTestAccount(owner, 'residential');
    // Residential (default rule): more than 100.000 KD overdue for 60 days or more. 70 + 50 + 20 is; the recent
    // bill does not count towards it.
    const oldest = await bill(account.accountNumber, owner, 70_000n, 90);
    const older = await bill(account.accountNumber, owner, 50_000n, 80);
    const small = await bill(account.accountNumber, owner, 20_000n, 70);
    await bill(account.accountNumber, owner, 30_000n, 10);

    const first = await app.inject({ method: 'POST', url: '/api/v1/admin/disconnections/run', headers: await as('admin') });
    expect(first.statusCode, first.body).toBe(200);
    const [kase] = await casesOf(account.accountNumber);
    expect(kase).toMatchObject({ status: 'warned', debtAtWarning: 140_000n, category: 'residential' });
    expect((first.json() as { warned: string[] }).warned).toContain(kase!.id);
    expect((await smsOfStep(owner, account.accountNumber, 'warning')).text).toContain('140.000');

    // Inside the grace period (7 days) nothing more happens, and the warning is not sent twice.
    clock.advance(6 * DAY_MS);
    const again = await runDisconnectionCycle(ctx);
    expect(again.warned).not.toContain(kase!.id);
    expect(again.ordered).not.toContain(kase!.id);
    expect(await ordersOf(account.accountNumber)).toHaveLength(0);

    // The grace period over and the debt still there: a disconnection order for field staff.
    clock.advance(2 * DAY_MS);
    expect((await runDisconnectionCycle(ctx)).ordered).toEqual([kase!.id]);
    await smsOfStep(owner, account.accountNumber, 'ordered');
    const listed = await app.inject({ url: `/api/v1/disconnection-orders?status=open&kind=disconnect&accountNumber=${account.accountNumber}`, headers: await as('field') });
    expect(listed.statusCode, listed.body).toBe(200);
    const [order] = listed.json() as { id: string; kind: string; late: boolean }[];
    expect(order).toMatchObject({ kind: 'disconnect', late: false });

    // Only service staff carry it out; a cashier is refused and nothing changes.
    const byCashier = await app.inject({ method: 'POST', url: `/api/v1/disconnection-orders/${order!.id}/complete`, headers: await as('cashier'), payload: {} });
    expect(byCashier.statusCode).toBe(403);
    expect(await accountStatus(account.id)).toBe('active');

    const done = await app.inject({ method: 'POST', url: `/api/v1/disconnection-orders/${order!.id}/complete`, headers: await as('field'), payload: { note: 'Meter sealed.' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', note: 'Meter sealed.' });
    expect(await accountStatus(account.id)).toBe('disconnected');
    const audited = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, account.id), eq(auditLog.action, 'account.disconnected')));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorRole: 'service', actorKind: 'staff' });
    await smsOfStep(owner, account.accountNumber, 'done');

    // Paying part of it leaves more than the threshold: still disconnected, no reconnection order.
    await payThroughKnet([small.id]);
    expect((await ordersOf(account.accountNumber)).filter((o) => o.kind === 'reconnect')).toHaveLength(0);

    // Paying the rest brings it under: the reconnection order exists as soon as the payment posted (no pass of
    // the list in between), with its fee as a payable on the account and its service-level time.
    await payThroughKnet([oldest.id, older.id]);
    const reconnect = (await ordersOf(account.accountNumber)).find((o) => o.kind === 'reconnect')!;
    expect(reconnect).toMatchObject({ status: 'open' });
    // The rule's service-level time (24 hours for residential) from the moment the order was made.
    expect(reconnect.dueBy.getTime() - reconnect.createdAt.getTime()).toBe(24 * 3_600_000);
    const fee = (await payables.find(ctx, reconnect.feePayableId!))!;
    expect(fee).toMatchObject({ accountNumber: account.accountNumber, amount: 5_000n, status: 'open', civilId: owner.civilId });
    expect((await casesOf(account.accountNumber))[0]!.status).toBe('reconnecting');
    expect((await smsOfStep(owner, account.accountNumber, 'reconnectionOrdered')).text).toContain('5.000');

    const restored = await app.inject({ method: 'POST', url: `/api/v1/disconnection-orders/${reconnect.id}/complete`, headers: await as('field'), payload: {} });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await accountStatus(account.id)).toBe('active');
    expect((await casesOf(account.accountNumber))[0]).toMatchObject({ status: 'closed', outcome: 'reconnected' });
    await smsOfStep(owner, account.accountNumber, 'reconnected');
    expect(await topicsFor(account.accountNumber)).toEqual(['disconnection.warning', 'disconnection.ordered', 'disconnection.done', 'reconnection.ordered', 'reconnection.done']);

    // A done order stays done.
    const twice = await app.inject({ method: 'POST', url: `/api/v1/disconnection-orders/${reconnect.id}/complete`, headers: await as('field'), payload: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('disconnection_order_closed');
  });

  it('settles a warned account paid within its grace period: no order, ever', async () => {
    const owner = people[1]!;
    const account = await openTestAccount(owner, 'commercial');
    const overdue = await bill(account.accountNumber, owner, 60_000n, 40);
    const { warned } = await runDisconnectionCycle(ctx);
    const [kase] = await casesOf(account.accountNumber);
    expect(warned).toContain(kase!.id);
    await payThroughKnet([overdue.id]);
    expect((await casesOf(account.accountNumber))[0]).toMatchObject({ status: 'closed', outcome: 'settled' });
    clock.advance(30 * DAY_MS);
    await runDisconnectionCycle(ctx);
    expect(await ordersOf(account.accountNumber)).toHaveLength(0);
    expect(await accountStatus(account.id)).toBe('active');
  });
});

describe('refusals: a code, and nothing changed', () => {
  it('settles a warned account at once when a bank pays it (the one-statement posting asks the listener in its statement)', async () => {
    const owner = people[1]!;
    const account = await openTestAccount(owner, 'commercial');
    const overdue = await bill(account.accountNumber, owner, 61_000n, 40);
    await runDisconnectionCycle(ctx);
    expect((await casesOf(account.accountNumber))[0]).toMatchObject({ status: 'warned' });
    const bank = { kind: 'client', id: 'client-disconnection-bank', role: 'bank', name: 'Test bank' } as const;
    const paid = await postBankNotification(ctx, bank, { externalId: `bank-${randomUUID()}`, currency: 'KWD', items: [{ payableId: overdue.id, amount: 61_000n }] });
    expect(paid.payment.status).toBe('posted');
    expect((await casesOf(account.accountNumber))[0]).toMatchObject({ status: 'closed', outcome: 'settled' });
  });

  it('never lists an account while a bill dispute on it is open', async () => {
    const owner = people[2]!;
    const account = await openTestAccount(owner, 'commercial');
    const disputed = await bill(account.accountNumber, owner, 20_000n, 45);
    await bill(account.accountNumber, owner, 70_000n, 45);
    await submitRequest(ctx, { kind: 'person', id: owner.id, role: 'citizen', civilId: owner.civilId }, {
      typeCode: 'bill_dispute', civilId: owner.civilId, office: 'hawalli', fields: { accountNumber: account.accountNumber, billNumber: disputed.reference, reason: 'The reading is wrong.' }, attachments: [],
    });
    await runDisconnectionCycle(ctx);
    expect(await casesOf(account.accountNumber)).toHaveLength(0);
    expect(await topicsFor(account.accountNumber)).toEqual([]);
  });

  it('refuses to cut an account whose owner disputed a bill after the order was issued', async () => {
    const owner = people[2]!;
    const account = await openTestAccount(owner, 'commercial');
    const first = await bill(account.accountNumber, owner, 30_000n, 50);
    await bill(account.accountNumber, owner, 40_000n, 50);
    await runDisconnectionCycle(ctx);
    clock.advance(6 * DAY_MS);
    await runDisconnectionCycle(ctx);
    const [order] = await ordersOf(account.accountNumber);
    expect(order).toMatchObject({ kind: 'disconnect', status: 'open' });
    await submitRequest(ctx, { kind: 'person', id: owner.id, role: 'citizen', civilId: owner.civilId }, {
      typeCode: 'bill_dispute', civilId: owner.civilId, office: 'hawalli', fields: { accountNumber: account.accountNumber, billNumber: first.reference, reason: 'Estimated reading.' }, attachments: [],
    });
    expect(await refusalCode(completeOrder(ctx, serviceStaff, order!.id))).toBe('disconnection_dispute_open');
    const over = await app.inject({ method: 'POST', url: `/api/v1/disconnection-orders/${order!.id}/complete`, headers: { ...await as('field'), 'accept-language': 'ar' }, payload: {} });
    expect(over.statusCode).toBe(409);
    expect(over.body).toContain('disconnection_dispute_open');
    expect(await accountStatus(account.id)).toBe('active');
    expect((await ordersOf(account.accountNumber))[0]!.status).toBe('open');
    expect((await casesOf(account.accountNumber))[0]!.status).toBe('ordered');
    expect(await topicsFor(account.accountNumber)).not.toContain('disconnection.done');
    expect(await refusalCode(completeOrder(ctx, serviceStaff, 'dso_nope'))).toBe('disconnection_order_not_found');
  });

  it('never lists a government account, and refuses a rule for one', async () => {
    const account = await openTestAccount(null, 'government');
    await bill(account.accountNumber, null, 900_000n, 400);
    await runDisconnectionCycle(ctx);
    expect(await casesOf(account.accountNumber)).toHaveLength(0);
    const rule = { minDebt: '10.000', minAgeDays: 1, graceDays: 1, disconnectionSlaHours: 24, reconnectionFee: '0.000', reconnectionSlaHours: 24, active: true };
    const refused = await app.inject({ method: 'PUT', url: '/api/v1/admin/disconnection-rules/government/KWD', headers: await as('admin'), payload: rule });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('disconnection_government');
    const rules = await app.inject({ url: '/api/v1/admin/disconnection-rules', headers: await as('admin') });
    expect((rules.json() as { category: string }[]).map((r) => r.category)).not.toContain('government');
  });

  it('lets an admin change a rule, and nobody else', async () => {
    const rule = { minDebt: '75.000', minAgeDays: 45, graceDays: 10, disconnectionSlaHours: 48, reconnectionFee: '12.500', reconnectionSlaHours: 12, active: true };
    const byField = await app.inject({ method: 'PUT', url: '/api/v1/admin/disconnection-rules/chalets/KWD', headers: await as('field'), payload: rule });
    expect(byField.statusCode).toBe(403);
    const before = (await app.inject({ url: '/api/v1/admin/disconnection-rules', headers: await as('field') })).json() as { category: string; currency: string; minDebt: string }[];
    expect(before.find((r) => r.category === 'chalets' && r.currency === 'KWD')).toMatchObject({ minDebt: '50.000' });
    const saved = await app.inject({ method: 'PUT', url: '/api/v1/admin/disconnection-rules/chalets/KWD', headers: await as('admin'), payload: rule });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ category: 'chalets', minDebt: '75.000', reconnectionFee: '12.500', reconnectionSlaHours: 12 });
    const run = await app.inject({ method: 'POST', url: '/api/v1/admin/disconnections/run', headers: await as('field') });
    expect(run.statusCode).toBe(403);
  });
});
