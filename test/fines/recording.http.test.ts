// Recording violations over HTTP: cameras (HMAC) and officers (session), idempotency on the violation number,
// bad input, and a violation on a plate nobody owns yet, matched when the vehicle is registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { payables as payablesTable, violations } from '../../src/db/schema/index.js';
import { payables } from '../../src/modules/billers/billers.service.js';
import { balance } from '../../src/modules/ledger/ledger.service.js';
import { auditByAction } from '../../src/platform/audit.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import { cameraPost, outboxEvents, outboxEventsFor, signedHeaders, violationBody } from './support.js';

let t: TestApp;
let people: SeededPerson[];
let officer: string;

const NOW = '2026-03-15T09:00:00.000Z';

beforeAll(async () => {
  // The 'demo' seed is seedDemo(ctx, { people: 5 }) at this time, made once per run (test/support/seeds.ts).
  t = await createTestApp({ now: NOW, seeded: 'demo' });
  people = t.seeded!.people;
  officer = await signIn(t.app, { username: 'officer', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const counts = async () => ({
  violations: (await t.ctx.db.select({ n: count() }).from(violations))[0]!.n,
  payables: (await t.ctx.db.select({ n: count() }).from(payablesTable))[0]!.n,
  notices: (await outboxEvents(t.ctx, 'violation.recorded')).length,
});

describe('a camera records a violation', () => {
  it('creates the payable, posts the ledger and tells the owner, with the speeding band chosen from speed and limit', async () => {
    const citizen = people[0]!;
    const plate = demoPlate(0, 0);
    const body = violationBody({ plate: plate.replace('/', ' - '), typeCode: 'speeding', speedKmh: 145, limitKmh: 120 });
    const receivableBefore = await balance(t.ctx, `receivable:moi-traffic:cid-${citizen.civilId}`);
    const response = await cameraPost(t.app, body, t.clock.now());
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    expect(view).toMatchObject({ violationNumber: body.violationNumber, plate, amount: '80.000', amountDue: '80.000', status: 'unpaid', payableOnline: true, detail: 'full' });

    const payable = (await payables.find(t.ctx, view.payableId))!;
    expect(payable).toMatchObject({ billerCode: 'moi-traffic', kind: 'fine', civilId: citizen.civilId, personId: citizen.id, plate, amount: 80_000n, reference: body.violationNumber });
    expect(await balance(t.ctx, `receivable:moi-traffic:cid-${citizen.civilId}`)).toBe(receivableBefore + 80_000n);

    const [notice] = await outboxEventsFor(t.ctx, 'violation.recorded', 'violationId', view.id);
    expect(notice!.dedupeKey).toBe(`violation.recorded:${view.id}`);
    expect(notice!.payload).toMatchObject({
      personId: citizen.id, civilId: citizen.civilId, payableId: payable.id,
      vars: {
        violationNumber: body.violationNumber, typeAr: 'تجاوز السرعة المقررة', typeEn: 'Speeding', amount: '80.000', currency: 'KWD', plate,
        occurredAt: '2026-03-14 21:05', placeAr: 'شارع تونس، حولي', placeEn: 'Tunis Street, Hawalli',
      },
    });
    expect((notice!.payload as { vars: { payUrl: string } }).vars.payUrl).toContain(encodeURIComponent(plate));
  });

  it('answers a replay of the same number and content with the first result, changing nothing', async () => {
    const body = violationBody({ plate: demoPlate(1, 0) });
    const first = await cameraPost(t.app, body, t.clock.now());
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await cameraPost(t.app, { ...body, plate: ` ${demoPlate(1, 0).replace('/', ' ')} ` }, t.clock.now());
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same number with different content: 409 violation_conflict, nothing changed', async () => {
    const body = violationBody({ plate: demoPlate(2, 0) });
    expect((await cameraPost(t.app, body, t.clock.now())).statusCode).toBe(201);
    const before = await counts();
    const [row] = await t.ctx.db.select().from(violations).where(eq(violations.violationNumber, body.violationNumber));
    const conflict = await cameraPost(t.app, { ...body, typeCode: 'no-seatbelt' }, t.clock.now());
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('violation_conflict');
    expect(await counts()).toEqual(before);
    const [after] = await t.ctx.db.select().from(violations).where(eq(violations.violationNumber, body.violationNumber));
    expect(after).toEqual(row);
  });

  it('refuses bad input with stable codes and records nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ typeCode: 'flying-too-low' }, 'violation_type_unknown'],
      [{ occurredAt: '2026-03-15T12:30:00+03:00' }, 'violation_time_in_future'],
      [{ plate: '123/45' }, 'plate_invalid'],
      [{ plate: 'ABC' }, 'plate_invalid'],
      [{ typeCode: 'speeding' }, 'violation_speed_required'],
      [{ typeCode: 'speeding', speedKmh: 100, limitKmh: 120 }, 'violation_speed_required'],
      [{ place: { text: 'x', latitude: 29.3 } }, 'violation_coordinates_invalid'],
    ];
    for (const [override, code] of cases) {
      const response = await cameraPost(t.app, violationBody({ plate: demoPlate(3, 0), ...override }), t.clock.now());
      expect(response.statusCode, code).toBe(400);
      expect(response.json().code).toBe(code);
    }
    const extra = await cameraPost(t.app, { ...violationBody(), owner: 'x' }, t.clock.now());
    expect(extra.json().code).toBe('unknown_field');
    expect(await counts()).toEqual(before);
  });

  it('refuses unsigned and wrongly signed requests with 401 and audits both', async () => {
    const body = JSON.stringify(violationBody());
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/v1/violations', payload: body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const refusedRecords = (await auditByAction(t.ctx, 'violation.record')).filter((a) => a.outcome === 'refused');
    expect(refusedRecords[0]).toMatchObject({ actorKind: 'anonymous', detail: { reason: 'unauthenticated' } });

    const headers = signedHeaders('POST', '/api/v1/violations', body, t.clock.now());
    const tampered = await t.app.inject({ method: 'POST', url: '/api/v1/violations', payload: body.replace('red-light', 'no-seatbelt'), headers });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().code).toBe('signature_invalid');
    const wrongKey = await t.app.inject({
      method: 'POST', url: '/api/v1/violations', payload: body,
      headers: signedHeaders('POST', '/api/v1/violations', body, t.clock.now(), { keyId: 'demo-camera', secret: 'not-the-secret' }),
    });
    expect(wrongKey.statusCode).toBe(401);
    const signatureAudits = await auditByAction(t.ctx, 'api_client.signature');
    expect(signatureAudits.filter((a) => a.outcome === 'refused' && (a.detail as { reason: string }).reason === 'bad_signature').length).toBeGreaterThanOrEqual(2);
  });

  it('lets an officer record by session, but not a citizen or a bank client', async () => {
    const byOfficer = await t.app.inject({ method: 'POST', url: '/api/v1/violations', payload: violationBody({ plate: demoPlate(3, 0), typeCode: 'no-seatbelt' }), headers: { cookie: officer } });
    expect(byOfficer.statusCode, byOfficer.body).toBe(201);
    expect(byOfficer.json().amount).toBe('30.000');
    const citizen = await signIn(t.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
    const byCitizen = await t.app.inject({ method: 'POST', url: '/api/v1/violations', payload: violationBody(), headers: { cookie: citizen } });
    expect(byCitizen.statusCode).toBe(403);
    const payload = JSON.stringify(violationBody());
    const bank = await t.app.inject({
      method: 'POST', url: '/api/v1/violations', payload,
      headers: signedHeaders('POST', '/api/v1/violations', payload, t.clock.now(), { keyId: 'demo-bank', secret: 'demo-bank-secret-change-me-0123456789' }),
    });
    expect(bank.statusCode).toBe(403);
  });

  it.runIf(testDatabaseKind() === 'postgres')('records a number once when the same report arrives twice at the same moment', async () => {
    const body = violationBody({ plate: demoPlate(4, 0) });
    const responses = await Promise.all([1, 2, 3].map(() => cameraPost(t.app, body, t.clock.now())));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await t.ctx.db.select().from(violations).where(eq(violations.violationNumber, body.violationNumber))).toHaveLength(1);
  });
});

describe('a violation on a plate nobody has registered', () => {
  it('is kept without an owner, then given to the owner, with the receivable moved and the notice sent, when the car is registered', async () => {
    const owner = people[3]!;
    const body = violationBody({ plate: '77/4243', typeCode: 'phone-while-driving' });
    const recorded = await cameraPost(t.app, body, t.clock.now());
    expect(recorded.statusCode).toBe(201);
    const { id, payableId } = recorded.json();
    expect(await payables.find(t.ctx, payableId)).toMatchObject({ civilId: null, personId: null, plate: '77/4243' });
    expect(await outboxEventsFor(t.ctx, 'violation.recorded', 'violationId', id)).toHaveLength(0);
    expect(await balance(t.ctx, 'receivable:moi-traffic:plate-77/4243')).toBe(75_000n);

    const cidBefore = await balance(t.ctx, `receivable:moi-traffic:cid-${owner.civilId}`);
    const registered = await t.app.inject({
      method: 'POST', url: '/api/v1/vehicles', headers: { cookie: officer },
      payload: { plate: '٧٧ ٤٢٤٣', ownerCivilId: owner.civilId, make: 'Toyota', model: 'Camry', colour: 'White', registrationExpiresOn: '2027-01-01' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ vehicle: { plate: '77/4243' }, matchedViolations: 1 });

    expect(await payables.find(t.ctx, payableId)).toMatchObject({ civilId: owner.civilId, personId: owner.id });
    expect(await balance(t.ctx, 'receivable:moi-traffic:plate-77/4243')).toBe(0n);
    expect(await balance(t.ctx, `receivable:moi-traffic:cid-${owner.civilId}`)).toBe(cidBefore + 75_000n);
    const [notice] = await outboxEventsFor(t.ctx, 'violation.recorded', 'violationId', id);
    expect(notice!.payload).toMatchObject({ personId: owner.id, civilId: owner.civilId, vars: { plate: '77/4243', amount: '75.000' } });

    const again = await t.app.inject({
      method: 'POST', url: '/api/v1/vehicles', headers: { cookie: officer },
      payload: { plate: '77/4243', ownerCivilId: owner.civilId, make: 'Toyota', model: 'Camry', colour: 'White', registrationExpiresOn: '2027-01-01' },
    });
    expect(again.json().code).toBe('vehicle_exists');
  });

  it.runIf(testDatabaseKind() === 'postgres')('is never left ownerless when the report and the registration race', async () => {
    const owner = people[2]!;
    for (let i = 0; i < 12; i++) {
      const plate = `88/${5000 + i}`;
      const [recorded, registered] = await Promise.all([
        cameraPost(t.app, violationBody({ plate }), t.clock.now()),
        t.app.inject({
          method: 'POST', url: '/api/v1/vehicles', headers: { cookie: officer },
          payload: { plate, ownerCivilId: owner.civilId, make: 'Kia', model: 'Rio', colour: 'Red', registrationExpiresOn: '2027-01-01' },
        }),
      ]);
      expect(recorded.statusCode).toBe(201);
      expect(registered.statusCode).toBe(201);
      const [row] = await t.ctx.db.select().from(violations).where(eq(violations.id, recorded.json().id));
      expect(row!.ownerCivilId, plate).toBe(owner.civilId);
      expect(await payables.find(t.ctx, row!.payableId!)).toMatchObject({ civilId: owner.civilId });
      expect(await outboxEventsFor(t.ctx, 'violation.recorded', 'violationId', row!.id)).toHaveLength(1);
    }
  });
});
