// Reminders: a driving licence expiring, a registration expiring, an inspection due, N days ahead (N from
// configuration, 30 and 7 by default). Each (subject, due date, N) is announced once: the outbox's dedupe key
// makes a re-run, a second worker or a restart harmless, and a renewal (a new due date) starts a new series.
//
// Each run reads only the subjects in a window per threshold, not everything due within the largest N: for N = 30
// it looks at due dates 30 down to 30 − catch-up + 1 days ahead (a worker that was down a day or two still sends
// them), and for the smallest N at everything from today to N days ahead (so a licence registered 5 days before
// it expires still gets its 7-day reminder). A subject is announced for the tightest threshold it has crossed,
// never a late 30-day reminder next to a 7-day one.
import type { Config } from '../../config.js';
import { businessToday } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { findPersonIdByCivilId } from '../identity/index.js';
import { emitEvent } from '../../platform/outbox.js';
import * as store from './vehicles.store.js';

export type ReminderKind = 'licence_expiry' | 'registration_expiry' | 'inspection_due';

const PAGE = 500;
const DAY_MS = 86_400_000;

export interface RemindersConfig {
  /** Thresholds in days before the due date, ascending. */
  days: number[];
  intervalMinutes: number;
  /** How many days late a threshold other than the smallest may still be announced. */
  catchUpDays: number;
}

/** The reminders' settings, as src/config.ts validated them (FINES_REMINDER_*). */
export function remindersConfigOf(config: Config): RemindersConfig {
  return { days: config.FINES_REMINDER_DAYS, intervalMinutes: config.FINES_REMINDER_INTERVAL_MINUTES, catchUpDays: config.FINES_REMINDER_CATCH_UP_DAYS };
}

/** Whole days from `today` to `due` (both YYYY-MM-DD). */
export function daysBetween(today: string, due: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** For each threshold, the days-left range [from, to] a run looks at (see the header). Thresholds ascending. */
export function reminderWindows(thresholds: number[], catchUpDays: number): { threshold: number; fromDays: number; toDays: number }[] {
  return thresholds.map((threshold, i) => ({
    threshold,
    fromDays: i === 0 ? 0 : Math.max(thresholds[i - 1]! + 1, threshold - catchUpDays + 1),
    toDays: threshold,
  }));
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
export async function sendDueReminders(ctx: Ctx, config: Pick<RemindersConfig, 'days'> & { catchUpDays?: number }): Promise<{ emitted: number; considered: number }> {
  const today = businessToday(ctx);
  let emitted = 0;
  let considered = 0;
  for (const window of reminderWindows(config.days, config.catchUpDays ?? 3)) {
    const from = addDays(today, window.fromDays);
    const to = addDays(today, window.toDays);
    for (const page of scansBetween(ctx, from, to)) {
      let afterId = '';
      for (;;) {
        const subjects = await page(afterId);
        if (subjects.length === 0) break;
        afterId = subjects[subjects.length - 1]!.id;
        for (const subject of subjects) {
          considered += 1;
          if (await remind(ctx, subject, today, window.threshold)) emitted += 1;
        }
        if (subjects.length < PAGE) break;
      }
    }
  }
  return { emitted, considered };
}

/** One page reader per kind of due date, each over due dates in [from, to]. */
function scansBetween(ctx: Ctx, from: string, to: string): ((afterId: string) => Promise<Subject[]>)[] {
  return [
    async (afterId) => (await store.licencesExpiringBetween(ctx.db, from, to, afterId, PAGE)).map((l) => ({
      kind: 'licence_expiry' as const, id: l.id, civilId: l.civilId, dueDate: l.expiresOn, vars: { licenceNumber: l.licenceNumber, category: l.category },
    })),
    async (afterId) => (await store.registrationsExpiringBetween(ctx.db, from, to, afterId, PAGE)).map((v) => ({
      kind: 'registration_expiry' as const, id: v.id, civilId: v.ownerCivilId, dueDate: v.registrationExpiresOn, vars: { plate: v.plate, make: v.make, model: v.model },
    })),
    async (afterId) => (await store.inspectionsDueBetween(ctx.db, from, to, afterId, PAGE)).map((v) => ({
      kind: 'inspection_due' as const, id: v.id, civilId: v.ownerCivilId, dueDate: v.nextInspectionOn!, vars: { plate: v.plate, make: v.make, model: v.model },
    })),
  ];
}

async function remind(ctx: Ctx, subject: Subject, today: string, threshold: number): Promise<boolean> {
  const daysLeft = daysBetween(today, subject.dueDate);
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
