// Reminders: a driving licence expiring, a registration expiring, an inspection due, N days ahead (N from
// configuration, 30 and 7 by default). Each (subject, due date, N) is announced once: the outbox's dedupe key
// makes a re-run, a second worker or a restart harmless, and a renewal (a new due date) starts a new series.
//
// A subject is announced for the tightest threshold it has crossed: a licence first seen 5 days before expiry
// gets the 7-day reminder only, not a late 30-day one as well.
import { z } from 'zod';
import { localDate } from '../../shared/clock.js';
import type { Ctx } from '../../shared/context.js';
import { findPersonIdByCivilId } from '../identity/identity.service.js';
import { emitEvent } from '../notifications/events.js';
import * as store from './vehicles.store.js';

export type ReminderKind = 'licence_expiry' | 'registration_expiry' | 'inspection_due';

const PAGE = 500;
const DAY_MS = 86_400_000;

const remindersConfigSchema = z.object({
  FINES_REMINDER_DAYS: z.string().default('30,7').transform((text, issue) => {
    const days = text.split(',').map((d) => Number(d.trim()));
    if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 366)) {
      issue.addIssue({ code: 'custom', message: 'a comma-separated list of whole days between 0 and 366, e.g. 30,7' });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => a - b);
  }),
  FINES_REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
});

export interface RemindersConfig {
  /** Thresholds in days before the due date, ascending. */
  days: number[];
  intervalMinutes: number;
}

/** The reminders' own settings, from the environment; a wrong value stops the worker with the variable's name. */
export function loadRemindersConfig(env: Record<string, string | undefined> = process.env): RemindersConfig {
  const parsed = remindersConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new Error(`Configuration is not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return { days: parsed.data.FINES_REMINDER_DAYS, intervalMinutes: parsed.data.FINES_REMINDER_INTERVAL_MINUTES };
}

/** Whole days from `today` to `due` (both YYYY-MM-DD). */
export function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The smallest configured threshold not below the days left: the reminder this subject is due for now. */
export function thresholdFor(daysLeft: number, thresholds: number[]): number | undefined {
  return thresholds.find((n) => daysLeft <= n);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

interface Subject {
  kind: ReminderKind;
  id: string;
  civilId: string;
  dueDate: string;
  vars: Record<string, string>;
}

/** Emits the reminders due today. Returns how many new reminders were written (repeats are not counted). */
export async function sendDueReminders(ctx: Ctx, config: Pick<RemindersConfig, 'days'>): Promise<{ emitted: number; considered: number }> {
  const today = localDate(ctx.clock.now());
  const horizon = addDays(today, Math.max(...config.days));
  let emitted = 0;
  let considered = 0;
  const scans: { kind: ReminderKind; page: (afterId: string) => Promise<Subject[]> }[] = [
    {
      kind: 'licence_expiry',
      page: async (afterId) => (await store.licencesExpiringBetween(ctx.db, today, horizon, afterId, PAGE)).map((l) => ({
        kind: 'licence_expiry' as const, id: l.id, civilId: l.civilId, dueDate: l.expiresOn, vars: { licenceNumber: l.licenceNumber, category: l.category },
      })),
    },
    {
      kind: 'registration_expiry',
      page: async (afterId) => (await store.registrationsExpiringBetween(ctx.db, today, horizon, afterId, PAGE)).map((v) => ({
        kind: 'registration_expiry' as const, id: v.id, civilId: v.ownerCivilId, dueDate: v.registrationExpiresOn, vars: { plate: v.plate, make: v.make, model: v.model },
      })),
    },
    {
      kind: 'inspection_due',
      page: async (afterId) => (await store.inspectionsDueBetween(ctx.db, today, horizon, afterId, PAGE)).map((v) => ({
        kind: 'inspection_due' as const, id: v.id, civilId: v.ownerCivilId, dueDate: v.nextInspectionOn!, vars: { plate: v.plate, make: v.make, model: v.model },
      })),
    },
  ];
  for (const scan of scans) {
    let afterId = '';
    for (;;) {
      const subjects = await scan.page(afterId);
      if (subjects.length === 0) break;
      afterId = subjects[subjects.length - 1]!.id;
      for (const subject of subjects) {
        considered += 1;
        if (await remind(ctx, subject, today, config.days)) emitted += 1;
      }
      if (subjects.length < PAGE) break;
    }
  }
  return { emitted, considered };
}

async function remind(ctx: Ctx, subject: Subject, today: string, thresholds: number[]): Promise<boolean> {
  const daysLeft = daysBetween(today, subject.dueDate);
  const threshold = thresholdFor(daysLeft, thresholds);
  if (threshold === undefined || daysLeft < 0) return false;
  const personId = (await findPersonIdByCivilId(ctx, subject.civilId)) ?? null;
  const id = await emitEvent(ctx, 'violation.reminder', {
    personId,
    civilId: subject.civilId,
    kind: subject.kind,
    subjectId: subject.id,
    vars: { ...subject.vars, dueDate: subject.dueDate, daysLeft: String(daysLeft), daysBefore: String(threshold) },
  }, { dedupeKey: `violation.reminder:${subject.kind}:${subject.id}:${subject.dueDate}:${threshold}` });
  return id !== undefined;
}
