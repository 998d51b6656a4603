// Which bill runs are due: for each active utility biller, the latest period whose bill day has come (the 28th
// by default, billers.bill_day), unless its run already finished. A worker that was down on the bill day catches
// up on its next pass; a run killed half way is resumed. Runs that finished with failures wait for a person.
import type { Ctx } from '../../platform/context.js';
import { businessToday } from '../../platform/clock.js';
import { AppError } from '../../platform/errors/app-error.js';
import { systemActor } from '../../platform/actor.js';
import { listBillers } from '../billers/index.js';
import { countActiveAccounts } from './bill-run.inputs.js';
import { runBillRun, type BillRunOptions } from './bill-run.service.js';
import { shiftPeriod } from './billing.periods.js';
import * as store from './bill-run.store.js';

/** The latest period whose bill day is today or earlier. */
export function latestEndedPeriod(today: string, billDay: number): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) >= billDay ? month : shiftPeriod(month, -1);
}

export interface ScheduledRun {
  billerCode: string;
  period: string;
  outcome: string;
}

export async function runDueBillRuns(ctx: Ctx, options: BillRunOptions = {}): Promise<ScheduledRun[]> {
  const today = businessToday(ctx);
  const outcomes: ScheduledRun[] = [];
  for (const biller of await listBillers(ctx)) {
    if (biller.kind !== 'utility' || !biller.active) continue;
    const period = latestEndedPeriod(today, biller.billDay);
    const existing = await store.findRunByPeriod(ctx.db, biller.code, period);
    if (existing && (existing.status === 'completed' || existing.status === 'completed_with_failures')) continue;
    if (!existing && (await countActiveAccounts(ctx.db, biller.code)) === 0) continue;
    try {
      const run = await runBillRun(ctx, systemActor('schedule:bill-run'), { billerCode: biller.code, period }, options);
      outcomes.push({ billerCode: biller.code, period, outcome: run.status });
    } catch (error) {
      // Another worker holds the run: it is being billed, nothing to do here.
      if (error instanceof AppError && error.code === 'bill_run_in_progress') outcomes.push({ billerCode: biller.code, period, outcome: 'in_progress_elsewhere' });
      else throw error;
    }
  }
  return outcomes;
}
