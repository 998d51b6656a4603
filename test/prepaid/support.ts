// Helpers for the prepaid tests: reference data, a station with the demo terminal, operators with trucks, a paid
// top-up, and the terminal's signed requests.
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { apiClients } from '../../src/db/schema/index.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { seedPrepaidReference } from '../../src/modules/prepaid/index.js';
import { postDirectPayment } from '../../src/modules/payments/direct-posting.js';
import * as ledger from '../../src/modules/ledger/ledger.service.js';
import type { Ctx } from '../../src/platform/context.js';
import type { Actor } from '../../src/platform/actor.js';
import { signIn, type TestApp } from '../support/app.js';
import { signedHeaders } from '../fines/support.js';

export const demoStation = DEMO_API_CLIENTS.find((c) => c.role === 'station')!;
const bank: Actor = { kind: 'client', id: 'cli_prepaid_test_bank', role: 'bank', name: 'Bank' };

export interface PrepaidFixture {
  admin: string;
  stationCode: string;
}

/** Seeds the prepaid biller and price, signs the admin in and registers one station for the demo terminal. */
export async function setUpPrepaid(t: TestApp, station: { opensAt?: string; closesAt?: string } = {}): Promise<PrepaidFixture> {
  await seedPrepaidReference(t.ctx);
  const admin = await signIn(t.app, { username: 'admin', password: DEMO_PASSWORD });
  const [client] = await t.ctx.db.select().from(apiClients).where(eq(apiClients.keyId, demoStation.keyId));
  const response = await t.app.inject({
    method: 'POST', url: '/api/v1/prepaid/stations', headers: { cookie: admin },
    payload: {
      code: 'ST-01', nameAr: 'محطة الشعيبة', nameEn: 'Shuaiba station', latitude: 29.04, longitude: 48.14, nozzles: 4,
      opensAt: station.opensAt ?? '00:00', closesAt: station.closesAt ?? '00:00', terminalClientId: client!.id,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { admin, stationCode: 'ST-01' };
}

let counter = 0;

/** A company operator with trucks (plates 40/1000n…), through the admin API. */
export async function createOperator(t: TestApp, f: PrepaidFixture, trucks: { tankCapacityGallons: number }[] = [{ tankCapacityGallons: 5000 }]) {
  counter += 1;
  const created = await t.app.inject({
    method: 'POST', url: '/api/v1/prepaid/operators', headers: { cookie: f.admin },
    payload: { kind: 'company', commercialRegistration: String(100000 + counter), nameAr: `شركة الصهاريج ${counter}`, nameEn: `Tanker Co ${counter}` },
  });
  expect(created.statusCode, created.body).toBe(201);
  const operatorId = created.json().id as string;
  const plates: string[] = [];
  for (const truck of trucks) {
    const plate = `40/${1000 + counter * 10 + plates.length}`;
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/trucks`, headers: { cookie: f.admin }, payload: { plate, ...truck } });
    expect(response.statusCode, response.body).toBe(201);
    plates.push(plate);
  }
  return { operatorId, plates };
}

/** Asks for a top-up over HTTP and pays it at a bank: the wallet is credited when the module next looks. */
export async function topUp(t: TestApp, f: PrepaidFixture, operatorId: string, amount: string) {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/prepaid/operators/${operatorId}/topups`, headers: { cookie: f.admin }, payload: { amount } });
  expect(response.statusCode, response.body).toBe(201);
  const { payableId, topupId } = response.json() as { payableId: string; topupId: string };
  const minor = BigInt(amount.replace('.', ''));
  await postDirectPayment(t.ctx, bank, { channel: 'bank', externalId: `tu-${topupId}`, items: [{ payableId, amount: minor }], currency: 'KWD' });
  return { payableId, topupId };
}

export async function statement(t: TestApp, f: PrepaidFixture, operatorId: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/prepaid/operators/${operatorId}/statement`, headers: { cookie: f.admin } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { available: string; held: string; debt: string; dispenses: { status: string; gallons: number; amount: string | null }[] };
}

/** A request from the demo station terminal, signed with its key at the app's clock. */
export function terminal(app: FastifyInstance, at: Date, method: 'GET' | 'POST', url: string, body?: object, client: { keyId: string; secret: string } = demoStation) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const headers = signedHeaders(method, url, payload, at, client);
  if (body === undefined) delete headers['content-type'];
  return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload }) });
}

export async function expectBalancedLedger(ctx: Ctx) {
  for (const row of await ledger.trialBalance(ctx)) {
    expect(row.total).toBe(0n);
    expect(row.unbalancedTransactions).toBe(0);
  }
}
