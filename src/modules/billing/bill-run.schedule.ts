// Which bill runs are due: for each active utility biller, the latest period whose bill day has come (the 28th
// by default, billers.bill_day), unless its run already finished. A worker that was down on the bill day catches
// up on its next pass; a run killed half way is resumed, also one of an earlier period (the process died on one bill
// day and came back after the next): unfinished runs are resumed oldest first, and the latest period starts only once
// they have finished.
// Runs that finished with failures wait for a person; periods nobody started are not billed by the schedule.
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
  /** Why a run failed (outcome 'failed'); the pass goes on with the other runs, the next pass tries it again. */
  error?: string;
}

export async function runDueBillRuns(ctx: Ctx, options: BillRunOptions = {}): Promise<ScheduledRun[]> {
  const today = businessToday(ctx);
  const outcomes: ScheduledRun[] = [];
  for (const biller of await listBillers(ctx)) {
    if (biller.kind !== 'utility' || !biller.active) continue;
    const period = latestEndedPeriod(today, biller.billDay);
    let earlierUnfinished = false;
    for (const earlier of await store.unfinishedRunsBefore(ctx.db, biller.code, period)) {
      if (options.signal?.aborted) return outcomes; // the worker is stopping: the next start resumes the rest
      const outcome = await runOne(ctx, biller.code, earlier.period, options);
      outcomes.push(outcome);
      if (outcome.outcome !== 'completed' && outcome.outcome !== 'completed_with_failures') earlierUnfinished = true;
    }
    if (options.signal?.aborted) return outcomes;
    const existing = await store.findRunByPeriod(ctx.db, biller.code, period);
    if (existing && (existing.status === 'completed' || existing.status === 'completed_with_failures')) continue;
    if (!existing && (await countActiveAccounts(ctx.db, biller.code)) === 0) continue;
    // Periods are billed in order: a later bill covers the span of an earlier one not yet issued (bill-run.inputs.ts),
    // so starting the latest period while an earlier run is unfinished would leave those accounts without that bill.
    if (earlierUnfinished) outcomes.push({ billerCode: biller.code, period, outcome: 'waits_for_earlier_period' });
    else outcomes.push(await runOne(ctx, biller.code, period, options));
  }
  return outcomes;
}

async function runOne(ctx: Ctx, billerCode: string, period: string, options: BillRunOptions): Promise<ScheduledRun> {
  try {
    const run = await runBillRun(ctx, systemActor('schedule:bill-run'), { billerCode, period }, options);
    return { billerCode, period, outcome: run.status };
  } catch (error) {
    // Another worker holds the run: it is being billed, nothing to do here.
    if (error instanceof AppError && error.code === 'bill_run_in_progress') return { billerCode, period, outcome: 'in_progress_elsewhere' };
    // One run that fails (an earlier period's, say) must not keep the others from being billed.
    if (options.signal?.aborted) throw error;
    return { billerCode, period, outcome: 'failed', error: error instanceof AppError ? error.code : error instanceof Error ? error.message : String(error) };
  }
}
