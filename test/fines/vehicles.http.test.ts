// Vehicles and driving licences over HTTP: who may register, change and read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';

let t: TestApp;
let people: SeededPerson[];
let officer: string;
let owner: string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T09:00:00.000Z' });
  people = (await seedDemo(t.ctx, { people: 3 })).people;
  officer = await signIn(t.app, { username: 'officer', password: DEMO_PASSWORD });
  owner = await signIn(t.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const request = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
  t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

describe('vehicles', () => {
  it('shows a citizen their own cars and refuses them anyone else\'s', async () => {
    const mine = await request('GET', '/api/v1/vehicles', owner);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().vehicles.map((v: { plate: string }) => v.plate).sort()).toEqual([demoPlate(0, 0), demoPlate(0, 1)].sort());
    expect((await request('GET', `/api/v1/vehicles?civilId=${people[1]!.civilId}`, owner)).statusCode).toBe(403);
    expect((await request('GET', `/api/v1/vehicles?plate=${encodeURIComponent(demoPlate(1, 0))}`, owner)).statusCode).toBe(403);
    expect((await request('GET', `/api/v1/vehicles?plate=${encodeURIComponent(demoPlate(1, 0))}`)).statusCode).toBe(401);
    const byOfficer = await request('GET', `/api/v1/vehicles?plate=${encodeURIComponent(demoPlate(1, 0).replace('/', ' '))}`, officer);
    expect(byOfficer.json().vehicles[0]).toMatchObject({ plate: demoPlate(1, 0), ownerCivilId: people[1]!.civilId });
  });

  it('lets only officers register and change vehicles, with plates and civil IDs checked', async () => {
    const body = { plate: '44/4444', ownerCivilId: people[1]!.civilId, make: 'Kia', model: 'Rio', colour: 'Red', registrationExpiresOn: '2027-03-01', nextInspectionOn: '2026-09-01' };
    expect((await request('POST', '/api/v1/vehicles', owner, body)).statusCode).toBe(403);
    expect((await request('POST', '/api/v1/vehicles', officer, { ...body, plate: '444/4' })).json().code).toBe('plate_invalid');
    expect((await request('POST', '/api/v1/vehicles', officer, { ...body, ownerCivilId: '289011200033' })).json().code).toBe('civil_id_invalid');
    const created = await request('POST', '/api/v1/vehicles', officer, body);
    expect(created.statusCode).toBe(201);
    const id = created.json().vehicle.id as string;
    const renewed = await request('PATCH', `/api/v1/vehicles/${id}`, officer, { registrationExpiresOn: '2028-03-01', ownerCivilId: people[2]!.civilId });
    expect(renewed.json()).toMatchObject({ registrationExpiresOn: '2028-03-01', ownerCivilId: people[2]!.civilId, nextInspectionOn: '2026-09-01' });
    expect((await request('PATCH', `/api/v1/vehicles/${id}`, owner, { colour: 'Blue' })).statusCode).toBe(403);
    expect((await request('PATCH', '/api/v1/vehicles/veh_nope', officer, { colour: 'Blue' })).json().code).toBe('vehicle_not_found');
  });
});

describe('driving licences', () => {
  it('registers once per number, renews, and shows the holder their own', async () => {
    const body = { licenceNumber: 'DL-TEST-1', civilId: people[0]!.civilId, category: 'private', expiresOn: '2027-01-01' };
    expect((await request('POST', '/api/v1/licences', owner, body)).statusCode).toBe(403);
    expect((await request('POST', '/api/v1/licences', officer, body)).statusCode).toBe(201);
    expect((await request('POST', '/api/v1/licences', officer, body)).json().code).toBe('licence_exists');
    expect((await request('PATCH', '/api/v1/licences/DL-TEST-1', officer, { expiresOn: '2032-01-01' })).json().expiresOn).toBe('2032-01-01');
    const mine = await request('GET', `/api/v1/licences?civilId=${people[0]!.civilId}`, owner);
    expect(mine.json().licences.map((l: { licenceNumber: string }) => l.licenceNumber)).toContain('DL-TEST-1');
    expect((await request('GET', `/api/v1/licences?civilId=${people[1]!.civilId}`, owner)).statusCode).toBe(403);
  });
});

