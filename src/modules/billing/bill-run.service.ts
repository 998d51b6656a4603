// The monthly bill run: every active account of a biller gets exactly one bill for the period. Accounts are
// walked in id order, a batch at a time; each batch is read in one query, computed in memory (pure), and written
// in one transaction. A bill is unique per (account, period), so running a period again creates nothing, and a
// run that was killed simply goes on where its committed batches stopped. Accounts that cannot be billed are
// recorded on the run and the run carries on.
import { sql } from 'drizzle-orm';
import { isDatabaseUnavailable } from '../../db/multi-host.js';
import { AppError } from '../../platform/errors/app-error.js';
import { businessToday } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { deadLocalHolder, processOwnerId } from '../../platform/process-owner.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { getBiller, type Biller } from '../billers/index.js';
import { addDays, daysInclusive } from '../../shared/days.js';
import { schedulesOfBiller } from '../tariffs/index.js';
import { applyCreditsToPayables } from '../payments/index.js';
import { creditAccountsFor } from '../payments/index.js';
import { isPeriod, periodDates, type PeriodDates } from './billing.periods.js';
import { accountBatch, batchBoundary, countActiveAccounts, existingLedgerAccounts, settleFailuresCoveredLater } from './bill-run.inputs.js';
import { prepareBill, runConstants, failureOf, type BillFailure } from './bill-run.prepare.js';
import { writeBills, type BillToWrite, type RunConstants, type WriteResult } from './bill-run.write.js';
import * as store from './bill-run.store.js';

export type { BillRunRow, BillRunFailureRow } from './bill-run.store.js';

const LEASE_MS = 2 * 60_000;

export interface BillRunProgress {
  runId: string;
  total: number;
  billed: number;
  failed: number;
  batches: number;
}

export interface BillRunOptions {
  /** Accounts per transaction (default 5,000). */
  batchSize?: number;
  /** Batches in flight at once (default 1; PostgreSQL gains from 2–3, PGlite has one connection). */
  concurrency?: number;
  onProgress?: (progress: BillRunProgress) => void;
  /** Called after each batch commits; throwing stops the run as a crash would (tests of resumption). */
  afterBatch?: (batch: number) => void | Promise<void>;
  /** Stops after the batches in flight (a worker shutting down); the run is left 'interrupted', to be resumed. */
  signal?: AbortSignal;
  /** false: write no bill.issued / bill.due_soon events (loading past periods, e.g. the demo's history). */
  notify?: boolean;
}

/** Creates (or finds) the run of a biller's period after checking it may run: utility biller, period ended. */
export async function startBillRun(ctx: Ctx, actor: Actor, input: { billerCode: string; period: string }): Promise<store.BillRunRow> {
  requireRole(actor, 'admin');
  if (!isPeriod(input.period)) throw new AppError('bill_run_period_invalid', { period: input.period });
  const biller = await getBiller(ctx, input.billerCode);
  if (biller.kind !== 'utility') throw new AppError('bill_run_biller_invalid', { biller: biller.code });
  const dates = periodDates(input.period, biller.billDay);
  const today = businessToday(ctx);
  if (dates.to > today) throw new AppError('bill_run_future_period', { period: input.period, endsOn: dates.to, today });
  const now = ctx.clock.now();
  // Bills are dated the period's bill day, whenever the run happens; the due date follows from it.
  const run = await store.ensureRun(ctx.db, {
    id: newId('brun'), billerCode: biller.code, period: input.period, status: 'running', issuedOn: dates.to,
    dueDate: addDays(dates.to, biller.dueDays), currency: biller.currency, startedByKind: actor.kind, startedById: actor.id,
    startedAt: now, updatedAt: now,
  });
  await recordAudit(ctx, actor, { action: 'bill_run.start', entityType: 'bill_run', entityId: run.id, detail: { biller: biller.code, period: input.period } });
  return run;
}

/** Start and run to the end (the CLI and the scheduler). */
export async function runBillRun(ctx: Ctx, actor: Actor, input: { billerCode: string; period: string }, options: BillRunOptions = {}): Promise<store.BillRunRow> {
  const run = await startBillRun(ctx, actor, input);
  return executeBillRun(ctx, run.id, options);
}

export async function executeBillRun(ctx: Ctx, runId: string, options: BillRunOptions = {}): Promise<store.BillRunRow> {
  return continueBillRun(ctx, await takeBillRun(ctx, runId), options);
}

/**
 * The API's way: the run is taken (or refused as already running) before the answer, and billed in the background;
 * its progress and outcome are on the run row (GET /api/v1/bill-runs/:id).
 */
export async function requestBillRun(ctx: Ctx, actor: Actor, input: { billerCode: string; period: string }, options: BillRunOptions = {}): Promise<store.BillRunRow> {
  const run = await startBillRun(ctx, actor, input);
  const lease = await takeBillRun(ctx, run.id);
  void continueBillRun(ctx, lease, options).catch(() => undefined);
  return (await store.findRun(ctx.db, run.id))!;
}

interface Lease {
  run: store.BillRunRow;
  owner: string;
}

async function takeBillRun(ctx: Ctx, runId: string): Promise<Lease> {
  const run = await store.findRun(ctx.db, runId);
  if (!run) throw new AppError('bill_run_not_found');
  const owner = processOwnerId();
  const now = ctx.clock.now();
  if (!(await store.acquireLease(ctx.db, run.id, owner, now, new Date(now.getTime() + LEASE_MS), deadLocalHolder(run.leaseOwner)))) {
    throw new AppError('bill_run_in_progress', { runId: run.id, heldBy: run.leaseOwner });
  }
  return { run, owner };
}

async function continueBillRun(ctx: Ctx, { run, owner }: Lease, options: BillRunOptions): Promise<store.BillRunRow> {
  try {
    const biller = await getBiller(ctx, run.billerCode);
    const dates = periodDates(run.period, biller.billDay);
    const covered = await settleFailuresCoveredLater(ctx.db, run.id, run.period);
    const late = lateness(run.issuedOn, businessToday(ctx));
    const total = await countActiveAccounts(ctx.db, biller.code);
    await store.setTotal(ctx.db, run.id, total);
    const runner = new BatchRunner(ctx, run, owner, biller, dates, await schedulesOfBiller(ctx, biller.code), options, total);
    const warnings = await runner.runAll();
    if (late) warnings.unshift(late);
    if (covered.length > 0) warnings.unshift(`${covered.length} failed account(s) were billed by a later period's bill, which covers this period: not billed again`);
    const failedCount = await store.countFailures(ctx.db, run.id);
    const status = runner.interrupted ? 'interrupted' : failedCount > 0 ? 'completed_with_failures' : 'completed';
    // A run that tells nobody (loading past periods) reminds nobody either: its reminders count as written.
    const quiet = options.notify === false ? { remindedAt: ctx.clock.now() } : {};
    await store.finishRun(ctx.db, run.id, owner, { status, failedCount, lastError: warnings.length > 0 ? warnings.join('; ').slice(0, 2000) : null, ...quiet }, ctx.clock.now());
    return (await store.findRun(ctx.db, run.id))!;
  } catch (error) {
    const message = error instanceof AppError ? `${error.code}: ${JSON.stringify(error.details)}` : error instanceof Error ? error.message : String(error);
    await store.finishRun(ctx.db, run.id, owner, { status: 'failed', failedCount: await store.countFailures(ctx.db, run.id), lastError: message.slice(0, 2000) }, ctx.clock.now()).catch(() => undefined);
    throw error;
  }
}

/** A run after its bill day says so: its bills keep the bill day's date, and their due date may be near or past. */
export function lateness(issuedOn: string, today: string): string | null {
  const days = daysInclusive(issuedOn, today) - 1;
  return days > 0 ? `late: run on ${today}, ${days} day(s) after the bill day ${issuedOn}; bills are dated ${issuedOn}` : null;
}

class BatchRunner {
  private cursor = '';
  private exhausted = false;
  private stopped = false;
  interrupted = false;
  private boundaryLock: Promise<unknown> = Promise.resolve();
  private readonly constants: RunConstants;
  private readonly progress: BillRunProgress;
  private readonly warnings: string[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly run: store.BillRunRow,
    private readonly owner: string,
    private readonly biller: Biller,
    private readonly dates: PeriodDates,
    private readonly schedules: Awaited<ReturnType<typeof schedulesOfBiller>>,
    private readonly options: BillRunOptions,
    total: number,
  ) {
    this.constants = { ...runConstants(ctx, run, biller, dates), notify: options.notify ?? true };
    this.progress = { runId: run.id, total, billed: run.billedCount, failed: 0, batches: 0 };
  }

  /** Runs the batches on `concurrency` workers; the first failure stops them all before the run is closed. */
  async runAll(): Promise<string[]> {
    const workers = Math.max(1, this.options.concurrency ?? 1);
    const results = await Promise.allSettled(Array.from({ length: workers }, () => this.work()));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return this.warnings;
  }

  private async work(): Promise<void> {
    try {
      for (let range = await this.nextRange(); range; range = await this.nextRange()) await this.billBatch(range);
    } catch (error) {
      this.stopped = true;
      throw error;
    }
  }

  /** Batch boundaries are handed out one at a time, so concurrent workers never share an account. */
  private nextRange(): Promise<{ after: string; upTo: string | null } | null> {
    const next = this.boundaryLock.then(async () => {
      if (this.options.signal?.aborted && !this.exhausted) this.interrupted = true;
      if (this.exhausted || this.interrupted || this.stopped) return null;
      const upTo = await batchBoundary(this.ctx.db, this.biller.code, this.cursor, this.options.batchSize ?? 5000);
      const range = { after: this.cursor, upTo };
      if (upTo === null) this.exhausted = true;
      else this.cursor = upTo;
      return range;
    });
    this.boundaryLock = next.catch(() => undefined);
    return next;
  }

  private async billBatch(range: { after: string; upTo: string | null }): Promise<void> {
    const rows = await accountBatch(this.ctx.db, { billerCode: this.biller.code, dates: this.dates, after: range.after, upTo: range.upTo });
    const bills: BillToWrite[] = [];
    const failures: BillFailure[] = [];
    for (const row of rows) {
      try {
        bills.push(prepareBill(this.constants, this.biller, this.schedules, this.dates, row));
      } catch (error) {
        failures.push(failureOf(row.accountId, error));
      }
    }
    let written: WriteResult;
    try {
      written = await this.commit(bills, failures);
    } catch (error) {
      if (stopsTheRun(error)) throw error;
      // One bad row fails the whole statement: bill the batch account by account so only the bad ones fail.
      written = await this.commitOneByOne(bills, failures);
    }
    this.progress.batches += 1;
    this.progress.billed += written.billed;
    this.progress.failed += failures.length;
    await this.applyCredits(bills, written.payableIds);
    this.options.onProgress?.({ ...this.progress });
    await this.options.afterBatch?.(this.progress.batches);
  }

  private commit(bills: BillToWrite[], failures: BillFailure[]): Promise<WriteResult> {
    return inTransaction(this.ctx, async (tx) => {
      // A lost commit on a server crash only means the batch is billed again by the resumed run (bills are
      // unique per account and period), and any later synchronous commit flushes this one: the WAL is ordered.
      await tx.db.execute(sql`SET LOCAL synchronous_commit = off`);
      const written = await writeBills(tx, this.constants, bills);
      await store.recordFailures(tx.db, this.run.id, failures, tx.clock.now());
      await this.recordBatch(tx, written);
      return written;
    });
  }

  private async commitOneByOne(bills: BillToWrite[], failures: BillFailure[]): Promise<WriteResult> {
    const total: WriteResult = { billed: 0, estimated: 0, amount: 0n, payableIds: [] };
    for (const bill of bills) {
      try {
        const written = await inTransaction(this.ctx, async (tx) => {
          const one = await writeBills(tx, this.constants, [bill]);
          await this.recordBatch(tx, one);
          return one;
        });
        total.billed += written.billed;
        total.estimated += written.estimated;
        total.amount += written.amount;
        total.payableIds.push(...written.payableIds);
      } catch (error) {
        if (stopsTheRun(error)) throw error;
        failures.push(failureOf(bill.accountId, error));
      }
    }
    await inTransaction(this.ctx, (tx) => store.recordFailures(tx.db, this.run.id, failures, tx.clock.now()));
    return total;
  }

  private async recordBatch(tx: Ctx, written: WriteResult): Promise<void> {
    const now = tx.clock.now();
    if (!(await store.recordBatch(tx.db, this.run.id, this.owner, written, now, new Date(now.getTime() + LEASE_MS)))) {
      throw new AppError('bill_run_lease_lost', { runId: this.run.id });
    }
  }

  /**
   * Overpayment credit pays new bills at once (payments' own transactions, after the bills are committed). A party
   * that ever held credit has a ledger account `credit:<party>`; one look-up of those accounts for the batch leaves
   * payments only the handful of bills whose owners may hold credit, instead of 5,000 ids a batch.
   */
  private async applyCredits(bills: BillToWrite[], payableIds: string[]): Promise<void> {
    if (payableIds.length === 0) return;
    try {
      const created = new Set(payableIds);
      const candidates = bills.filter((b) => created.has(b.payableId)).map((b) => ({
        payableId: b.payableId,
        accounts: creditAccountsFor({ billerCode: this.biller.code, accountNumber: b.accountNumber, civilId: b.ownerCivilId, plate: null, id: b.payableId }),
      }));
      const existing = await existingLedgerAccounts(this.ctx.db, [...new Set(candidates.flatMap((c) => c.accounts))]);
      const withCredit = candidates.filter((c) => c.accounts.some((a) => existing.has(a))).map((c) => c.payableId);
      if (withCredit.length > 0) await applyCreditsToPayables(this.ctx, withCredit);
    } catch (error) {
      this.warnings.push(`credit application failed after batch ${this.progress.batches}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** A run and its first recorded failures, for the status endpoint (administrators). */
export async function getBillRun(ctx: Ctx, actor: Actor, runId: string, failureLimit = 50): Promise<{ run: store.BillRunRow; failures: store.BillRunFailureRow[] }> {
  requireRole(actor, 'admin');
  const run = await store.findRun(ctx.db, runId);
  if (!run) throw new AppError('bill_run_not_found');
  return { run, failures: await store.failuresOf(ctx.db, run.id, failureLimit) };
}

export async function listBillRuns(ctx: Ctx, actor: Actor, billerCode?: string, limit = 50): Promise<store.BillRunRow[]> {
  requireRole(actor, 'admin');
  return store.listRuns(ctx.db, billerCode, limit);
}

/**
 * Errors that are not the account's fault: the run's lease went to another process, or the database went away. The
 * run stops (it is resumed later and bills what is left) instead of recording the batch's accounts as failures.
 */
function stopsTheRun(error: unknown): boolean {
  return (error instanceof AppError && error.code === 'bill_run_lease_lost') || isDatabaseUnavailable(error);
}
