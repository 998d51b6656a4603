// Demo data for traffic: the catalogue, a car or two for every demo person, a driving licence each, and a few
// violations — two on the printed demo citizen's cars (one payable online, one held for legal process), one on
// a plate nobody has registered yet. Idempotent: plates, licence numbers and violation numbers are fixed.
import { localDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import type { Actor } from '../../platform/actor.js';
import type { DemoSeeder } from '../../db/seed/index.js';
import { KUWAIT_SPEEDING_BANDS, KUWAIT_VIOLATION_TYPES } from './catalogue.data.js';
import { loadCatalogue } from './catalogue.service.js';
import { DEMO_CARS, DEMO_PLACES, DEMO_UNREGISTERED_PLATE, demoPlate } from './demo-data.js';
import { recordViolation, type RecordViolationInput } from './recording.service.js';
import * as vehicleStore from './vehicles.store.js';
import * as store from './violations.store.js';

const DAY_MS = 86_400_000;
// The seed records as the demo camera network would; the actor is named so the audit log says where it came from.
const SEED_CAMERA: Actor = { kind: 'client', id: 'seed', role: 'camera', name: 'demo seed' };

export const finesDemoSeeder: DemoSeeder = {
  name: 'fines (violation catalogue, vehicles, licences, violations)',
  run: async (ctx, seed) => {
    await loadCatalogue(ctx, 'KWD', KUWAIT_VIOLATION_TYPES, KUWAIT_SPEEDING_BANDS);
    if (ctx.config.TASDEED_COUNTRY !== 'KW') {
      seed.log('fines: demo vehicles are Kuwaiti plates; skipped for this country');
      return;
    }
    const now = ctx.clock.now();
    const day = (offset: number) => localDate(new Date(now.getTime() + offset * DAY_MS), ctx.config.TZ_BUSINESS);
    const vehicles: vehicleStore.NewVehicle[] = [];
    const licences: vehicleStore.NewLicence[] = [];
    seed.people.forEach((person, i) => {
      const cars = i === 0 ? 2 : 1;
      for (let k = 0; k < cars; k++) {
        const car = DEMO_CARS[(i + k) % DEMO_CARS.length]!;
        vehicles.push({
          id: newId('veh', now.getTime()), plate: demoPlate(i, k as 0 | 1), ownerCivilId: person.civilId, ...car, modelYear: 2015 + ((i + k) % 11),
          // Some due dates fall inside the reminder windows (30 and 7 days), so the demo has reminders to send.
          registrationExpiresOn: day(i === 0 && k === 0 ? 29 : 40 + ((i * 37 + k * 11) % 320)),
          nextInspectionOn: i === 0 && k === 1 ? day(6) : day(60 + ((i * 53) % 300)),
        });
      }
      licences.push({ id: newId('lic', now.getTime()), licenceNumber: `DL-${person.civilId}`, civilId: person.civilId, category: 'private', expiresOn: day(i === 1 ? 5 : 90 + ((i * 71) % 900)) });
    });
    for (let i = 0; i < vehicles.length; i += 1000) {
      await ctx.db.transaction(async (tx) => {
        await vehicleStore.insertVehicles(tx, vehicles.slice(i, i + 1000));
        await vehicleStore.insertLicences(tx, licences.slice(i, i + 1000));
      });
    }

    const place = (i: number) => DEMO_PLACES[i % DEMO_PLACES.length]!;
    const violations: RecordViolationInput[] = [
      { violationNumber: 'DEMO-0001', plate: demoPlate(0, 0), typeCode: 'speeding', occurredAt: isoDaysAgo(now, 3), place: place(0), speedKmh: 147, limitKmh: 120, evidenceRef: 'cam://KW-CAP-001/demo/0001.jpg' },
      { violationNumber: 'DEMO-0002', plate: demoPlate(0, 1), typeCode: 'reckless-driving', occurredAt: isoDaysAgo(now, 12), place: place(2), evidenceRef: 'officer://TRAFFIC-HAWALLI/demo/0002' },
      { violationNumber: 'DEMO-0003', plate: DEMO_UNREGISTERED_PLATE, typeCode: 'red-light', occurredAt: isoDaysAgo(now, 5), place: place(5), evidenceRef: 'cam://KW-HWL-017/demo/0003.jpg' },
    ];
    seed.people.slice(1, Math.min(seed.people.length, 6)).forEach((_, j) => {
      const i = j + 1;
      violations.push({
        violationNumber: `DEMO-${String(100 + i).padStart(4, '0')}`, plate: demoPlate(i, 0), typeCode: ['red-light', 'phone-while-driving', 'no-seatbelt', 'disabled-parking'][i % 4]!,
        occurredAt: isoDaysAgo(now, i + 1), place: place(i), evidenceRef: `cam://KW-DEMO/${i}.jpg`,
      });
    });
    for (const violation of violations) {
      if (await store.findViolationByNumber(ctx.db, violation.violationNumber)) continue;
      await recordViolation(ctx as Ctx, SEED_CAMERA, violation);
    }
  },
};

function isoDaysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
