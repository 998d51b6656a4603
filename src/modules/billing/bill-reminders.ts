// The "your bill is due soon" reminders, written when they are due instead of when the bill is issued. At the reminder
// moment of a finished run (a few days before its due date, 09:00 on the business clock, TZ_BUSINESS), the bills of
// its biller and due date that are still owed get a bill.due_soon event each, with the amount still owed then (a bill
// part-paid since its issue is reminded of the rest; a paid one is not reminded at all). The bill run itself writes
// one row fewer per bill.
//
// A pass walks each run's payables page by page, each page's events written in one statement; a pass stopped half-way
// (the process stopped, the database went away) is simply run again: the events' dedupe keys make the pages already
// written write nothing, and the run is marked reminded only once its last page is written.
import type { Ctx } from '../../platform/context.js';
import { atLocalHour, businessToday } from '../../platform/clock.js';
import { emitMany, type EventToEmit } from '../../platform/outbox.js';
import { formatAmount } from '../../shared/money.js';
import { addDays } from '../../shared/days.js';
import { getBiller, payables, type Biller, type Payable } from '../billers/index.js';
import { markReminded, runsAwaitingReminders, type BillRunRow } from './bill-run.store.js';

/** The reminders go out at this hour of the business day (TZ_BUSINESS), when people read their messages. */
const REMINDER_LOCAL_HOUR = 9;
const DEFAULT_REMINDER_DAYS = 5;
const PAGE_SIZE = 2_000;

/**
 * When the bills of a biller due on `dueDate` are reminded: `settings.reminderDaysBeforeDue` days before (5), at
 * 09:00 local time in the business time zone (06:00 UTC in Kuwait and Riyadh, 07:00 or 06:00 UTC in Damascus).
 */
export function reminderMomentOf(biller: Biller, dueDate: string, timeZone: string): Date {
  const settings = (biller.settings ?? {}) as { reminderDaysBeforeDue?: number };
  const days = Number.isInteger(settings.reminderDaysBeforeDue) ? settings.reminderDaysBeforeDue! : DEFAULT_REMINDER_DAYS;
  return atLocalHour(addDays(dueDate, -days), REMINDER_LOCAL_HOUR, timeZone);
}

export interface RemindersOutcome {
  /** Runs whose reminders this pass finished. */
  runs: number;
  /** bill.due_soon events written (a repeated one is not counted). */
  written: number;
}

/** One pass: every finished run whose reminder moment has come gets its reminders written. */
export async function writeDueReminders(ctx: Ctx, options: { signal?: AbortSignal; pageSize?: number } = {}): Promise<RemindersOutcome> {
  const outcome: RemindersOutcome = { runs: 0, written: 0 };
  const now = ctx.clock.now();
  for (const run of await runsAwaitingReminders(ctx.db, businessToday(ctx))) {
    const biller = await getBiller(ctx, run.billerCode);
    const moment = reminderMomentOf(biller, run.dueDate, ctx.config.TZ_BUSINESS);
    if (moment > now) continue;
    const written = await remindRun(ctx, run, biller, moment, options);
    if (written === undefined) break; // stopped: the next pass goes on
    outcome.written += written;
    await markReminded(ctx.db, run.id, now);
    outcome.runs++;
  }
  return outcome;
}

/** Writes the reminders of one run's open bills; undefined when stopped before the last page. */
async function remindRun(ctx: Ctx, run: BillRunRow, biller: Biller, moment: Date, options: { signal?: AbortSignal; pageSize?: number }): Promise<number | undefined> {
  let written = 0;
  let afterId = '';
  for (;;) {
    if (options.signal?.aborted) return undefined;
    // Bills issued after the moment were announced moments ago (a run resumed late): no reminder on top.
    const page = await payables.openDueOn(ctx, { billerCode: biller.code, kind: 'bill', dueDate: run.dueDate, createdBefore: moment, afterId, limit: options.pageSize ?? PAGE_SIZE });
    if (page.length === 0) return written;
    written += await emitMany(ctx, page.map((payable) => dueSoonEvent(ctx, biller, payable)));
    afterId = page.at(-1)!.id;
  }
}

function dueSoonEvent(ctx: Ctx, biller: Biller, payable: Payable): EventToEmit {
  return {
    topic: 'bill.due_soon',
    dedupeKey: `bill.due_soon:${payable.sourceId}`,
    payload: {
      personId: payable.personId, civilId: payable.civilId, payableId: payable.id,
      vars: {
        billNumber: payable.reference, billerAr: biller.nameAr, billerEn: biller.nameEn, amount: formatAmount(payable.amount - payable.amountPaid, payable.currency),
        currency: payable.currency, dueDate: payable.dueDate, payUrl: `${ctx.config.publicUrl}/?accountNumber=${payable.accountNumber}`,
      },
    },
  };
}
