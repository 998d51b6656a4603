// Reminders for licence expiry, registration expiry and inspection due: N days ahead, once per due date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import type { Actor } from '../../src/platform/actor.js';
import { registerLicence, registerVehicle, renewLicence, updateVehicle } from '../../src/modules/fines/vehicles.service.js';
import { daysBetween, remindersConfigOf, reminderWindows, sendDueReminders } from '../../src/modules/fines/reminders.service.js';
import { loadConfig } from '../../src/config.js';
import { outboxEvents } from './support.js';

const officer: Actor = { kind: 'staff', id: 'usr_test_officer', role: 'officer' };
const config = { days: [7, 30] };
let t: TestApp;

beforeAll(async () => {
  // 09:00 in Kuwait on 1 March 2026.
  t = await createTestApp({ now: '2026-03-01T06:00:00.000Z' });
});
afterAll(async () => t?.close());

const reminders = async (): Promise<Record<string, string | undefined>[]> => (await outboxEvents(t.ctx, 'violation.reminder')).map((row) => {
  const payload = row.payload as { kind: string; civilId: string; vars: Record<string, string> };
  return { kind: payload.kind, civilId: payload.civilId, ...payload.vars, key: row.dedupeKey ?? undefined };
});

describe('thresholds and configuration', () => {
  it('reads a window of days left per threshold: all of the smallest, a few days of catch-up for the others', () => {
    expect(reminderWindows([7, 30], 3)).toEqual([{ threshold: 7, fromDays: 0, toDays: 7 }, { threshold: 30, fromDays: 28, toDays: 30 }]);
    expect(reminderWindows([1, 14, 60], 5)).toEqual([{ threshold: 1, fromDays: 0, toDays: 1 }, { threshold: 14, fromDays: 10, toDays: 14 }, { threshold: 60, fromDays: 56, toDays: 60 }]);
    // Windows never overlap, so a subject is announced for one threshold at a time.
    expect(reminderWindows([7, 9], 5)).toEqual([{ threshold: 7, fromDays: 0, toDays: 7 }, { threshold: 9, fromDays: 8, toDays: 9 }]);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
  });

  it('reads the days from the environment, defaulting to 30 and 7, and names a wrong variable', () => {
    expect(remindersConfigOf(loadConfig({}))).toEqual({ days: [7, 30], intervalMinutes: 60, catchUpDays: 3 });
    expect(remindersConfigOf(loadConfig({ FINES_REMINDER_DAYS: '14, 1,60' })).days).toEqual([1, 14, 60]);
    expect(() => loadConfig({ FINES_REMINDER_DAYS: 'soon' })).toThrow(/FINES_REMINDER_DAYS/);
  });
});

describe('sending reminders', () => {
  it('fires once per subject, due date and threshold, however often it runs, and again after a renewal', async () => {
    await registerLicence(t.ctx, officer, { licenceNumber: 'DL-R-1', civilId: '289011200032', category: 'private', expiresOn: '2026-03-31' });
    await registerVehicle(t.ctx, officer, { plate: '5/5005', ownerCivilId: '289011200032', make: 'Kia', model: 'Rio', colour: 'Red', registrationExpiresOn: '2026-03-08', nextInspectionOn: '2026-03-04' });
    await registerVehicle(t.ctx, officer, { plate: '5/5006', ownerCivilId: '289011200032', make: 'Kia', model: 'Rio', colour: 'Red', registrationExpiresOn: '2026-06-01', nextInspectionOn: null });

    expect(await sendDueReminders(t.ctx, config)).toMatchObject({ emitted: 3 });
    expect((await reminders()).map(({ kind, daysLeft, daysBefore }) => ({ kind, daysLeft, daysBefore }))).toEqual(expect.arrayContaining([
      { kind: 'licence_expiry', daysLeft: '30', daysBefore: '30' },
      { kind: 'registration_expiry', daysLeft: '7', daysBefore: '7' },
      { kind: 'inspection_due', daysLeft: '3', daysBefore: '7' },
    ]));
    expect((await reminders()).find((r) => r.kind === 'licence_expiry')).toMatchObject({ licenceNumber: 'DL-R-1', dueDate: '2026-03-31', civilId: '289011200032' });
    expect((await reminders()).find((r) => r.kind === 'inspection_due')).toMatchObject({ plate: '5/5005', dueDate: '2026-03-04' });

    // Again the same day, and the next day: nothing new.
    expect(await sendDueReminders(t.ctx, config)).toMatchObject({ emitted: 0 });
    t.clock.advance(86_400_000);
    expect(await sendDueReminders(t.ctx, config)).toMatchObject({ emitted: 0 });
    expect(await reminders()).toHaveLength(3);

    // 24 March: the licence crosses 7 days; the registration and inspection dates have passed.
    t.clock.set('2026-03-24T06:00:00.000Z');
    expect(await sendDueReminders(t.ctx, config)).toMatchObject({ emitted: 1 });
    expect((await reminders()).filter((r) => r.kind === 'licence_expiry').map((r) => r.daysBefore)).toEqual(['30', '7']);
    expect(await sendDueReminders(t.ctx, config)).toMatchObject({ emitted: 0 });

    // Renewed: a new due date starts a new series.
    await renewLicence(t.ctx, officer, 'DL-R-1', '2026-04-22');
    expect(await sendDueReminders(t.ctx, config)).toMatchObject({ emitted: 1 });
    expect((await reminders()).filter((r) => r.kind === 'licence_expiry').at(-1)).toMatchObject({ dueDate: '2026-04-22', daysLeft: '29', daysBefore: '30' });
  });

  it('tells a renewed vehicle registration again for its new date', async () => {
    const { vehicle } = await registerVehicle(t.ctx, officer, { plate: '6/6006', ownerCivilId: '289011200032', make: 'GMC', model: 'Yukon', colour: 'Black', registrationExpiresOn: '2026-03-30' });
    await sendDueReminders(t.ctx, config);
    const before = (await reminders()).filter((r) => r.plate === '6/6006' && r.kind === 'registration_expiry');
    expect(before).toHaveLength(1);
    await updateVehicle(t.ctx, officer, vehicle.id, { registrationExpiresOn: '2026-03-31' });
    await sendDueReminders(t.ctx, config);
    const after = (await reminders()).filter((r) => r.plate === '6/6006' && r.kind === 'registration_expiry');
    expect(after.map((r) => r.dueDate)).toEqual(['2026-03-30', '2026-03-31']);
  });

  it('does not send a late 30-day reminder to a subject first seen 20 days ahead; it gets the 7-day one in time', async () => {
    t.clock.set('2026-05-01T06:00:00.000Z');
    await registerLicence(t.ctx, officer, { licenceNumber: 'DL-R-2', civilId: '289011200032', category: 'private', expiresOn: '2026-05-21' });
    await sendDueReminders(t.ctx, config);
    expect((await reminders()).filter((r) => r.licenceNumber === 'DL-R-2')).toHaveLength(0);
    t.clock.set('2026-05-15T06:00:00.000Z');
    await sendDueReminders(t.ctx, config);
    expect((await reminders()).filter((r) => r.licenceNumber === 'DL-R-2').map((r) => [r.daysLeft, r.daysBefore])).toEqual([['6', '7']]);
  });
});
