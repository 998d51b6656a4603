// Meter readings from customers (their own accounts), staff (any account) and the meter readers' CSV import.
// Each reading is decided under a lock on its meter, so two readings of one meter are never decided against
// the same "last reading". Refusals are errors with a code; accepted and held readings are stored and answered.
import type { z } from 'zod';
import { AppError, errorDefinition } from '../../platform/errors/app-error.js';
import { businessToday } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { getBiller } from '../billers/index.js';
import { assertAccountAccess, findAccountsByIds, findMeterTarget, meters, type Account, type Meter } from '../accounts/index.js';
import { isDay } from '../../shared/days.js';
import { DECISION_MESSAGES, DEFAULT_BAND, decideReading, type Expected, type ReadingBand } from './readings.decision.js';
import { parseReadingsCsv } from './readings.csv.js';
import * as store from './readings.store.js';
import type { submitReadingBody } from './metering.schemas.js';

import type { ReadingRow } from './readings.store.js';
export type { ReadingRow } from './readings.store.js';

type SubmitReadingBody = z.output<typeof submitReadingBody>;
/** The request body, its `reading` under the service's name for the register value, `value` (the route renames it). */
export type ReadingInput = Omit<SubmitReadingBody, 'reading'> & { value: SubmitReadingBody['reading'] };

export interface ReadingOutcome {
  decision: 'accepted' | 'held';
  code: string;
  message: { ar: string; en: string };
  reading: store.ReadingRow;
  account: Account;
  meter: Meter;
  expected: Expected | null;
}

/** "012345" → 12345n. Refuses signs, decimals and anything that is not digits, each with its own code. */
export function parseReadingValue(raw: string | number): bigint {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new AppError('reading_not_numeric');
    if (raw < 0) throw new AppError('reading_negative');
    if (!Number.isInteger(raw)) throw new AppError('reading_not_whole');
    if (!Number.isSafeInteger(raw)) throw new AppError('reading_not_numeric');
    return BigInt(raw);
  }
  const text = String(raw).trim();
  if (/^-\s*\d+([.,]\d+)?$/.test(text)) throw new AppError('reading_negative');
  if (/^\d+[.,]\d+$/.test(text)) throw new AppError('reading_not_whole');
  if (!/^\d{1,13}$/.test(text)) throw new AppError('reading_not_numeric');
  return BigInt(text);
}

export async function submitReading(ctx: Ctx, actor: Actor, input: ReadingInput, options: { source?: 'import'; audit?: boolean } = {}): Promise<ReadingOutcome> {
  requireRole(actor, 'citizen', 'admin', 'cashier');
  const value = parseReadingValue(input.value);
  const readOn = input.readOn ?? businessToday(ctx);
  if (!isDay(readOn)) throw new AppError('reading_date_invalid');
  return inTransaction(ctx, async (tx) => {
    const { account, meter } = await findMeterTarget(tx, input);
    assertAccountAccess(actor, account);
    if (!meter) throw new AppError('meter_not_found', { reason: 'the account has no active meter' });
    if (account.status === 'closed' || meter.status !== 'active') throw new AppError('meter_closed');
    await meters.lock(tx, meter.id);
    const band = await readingBandOf(tx, account.billerCode);
    const decision = decideReading({
      value, readOn, today: businessToday(tx),
      meter, last: await lastReadingOf(tx, meter), history: await store.historyOfAccount(tx.db, account.id, readOn), band,
    });
    if (decision.decision === 'refused') throw new AppError(decision.code, decision.detail);
    const source = options.source ?? (actor.kind === 'person' ? 'customer' : 'staff');
    const reading = await store.insertReading(tx.db, {
      id: newId('rdg'), meterId: meter.id, accountId: account.id, readOn, value, consumption: decision.consumption, rollover: decision.rollover,
      source, status: decision.decision, decisionCode: decision.code, decisionDetail: expectedJson(decision.expected),
      enteredByKind: actor.kind, enteredById: actor.id, createdAt: tx.clock.now(),
    });
    if (options.audit !== false) {
      await recordAudit(tx, actor, { action: 'reading.enter', entityType: 'meter_reading', entityId: reading.id, detail: { meterNumber: meter.meterNumber, decision: decision.code, source } });
    }
    return { decision: decision.decision, code: decision.code, message: DECISION_MESSAGES[decision.code], reading, account, meter, expected: decision.expected };
  });
}

/**
 * Records a past reading from another system (a migration, the demo's history): the physical checks apply (order,
 * dials, roll-over), the band does not, since those readings were already accepted where they came from.
 */
export async function recordHistoricReading(ctx: Ctx, actor: Actor, input: { meterNumber: string; value: bigint; readOn: string }): Promise<store.ReadingRow> {
  requireRole(actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const { account, meter } = await findMeterTarget(tx, { meterNumber: input.meterNumber });
    if (!meter || meter.status !== 'active' || account.status === 'closed') throw new AppError('meter_closed');
    await meters.lock(tx, meter.id);
    const decision = decideReading({ value: input.value, readOn: input.readOn, today: businessToday(tx), meter, last: await lastReadingOf(tx, meter), history: null, band: null });
    if (decision.decision === 'refused') throw new AppError(decision.code, decision.detail);
    return store.insertReading(tx.db, {
      id: newId('rdg'), meterId: meter.id, accountId: account.id, readOn: input.readOn, value: input.value, consumption: decision.consumption,
      rollover: decision.rollover, source: 'import', status: 'accepted', decisionCode: decision.code, enteredByKind: actor.kind, enteredById: actor.id, createdAt: tx.clock.now(),
    });
  });
}

/** The meter's latest accepted reading, or its installation point when it has none. */
export async function lastReadingOf(ctx: Ctx, meter: Meter): Promise<{ value: bigint; readOn: string }> {
  const last = await store.lastAcceptedOfMeter(ctx.db, meter.id);
  return last ? { value: last.value, readOn: last.readOn } : { value: meter.initialReading, readOn: meter.installedOn };
}

/** The biller's band for holding readings (billers.settings.readingBand), or the default 25 %–300 %. */
async function readingBandOf(ctx: Ctx, billerCode: string): Promise<ReadingBand> {
  const settings = (await getBiller(ctx, billerCode)).settings as { readingBand?: Partial<ReadingBand> } | null;
  return { ...DEFAULT_BAND, ...(settings?.readingBand ?? {}) };
}

function expectedJson(expected: Expected | null): Record<string, string> {
  return expected ? { expected: expected.units.toString(), low: expected.low.toString(), high: expected.high.toString() } : {};
}

export interface ImportRowResult {
  line: number;
  meterNumber: string | null;
  accountNumber: string | null;
  reading: string;
  readOn: string | null;
  decision: 'accepted' | 'held' | 'refused';
  code: string;
  message: { ar: string; en: string };
  readingId: string | null;
  consumption: string | null;
}

export interface ImportResult {
  rows: number;
  accepted: number;
  held: number;
  refused: number;
  results: ImportRowResult[];
}

/** Imports a meter readers' CSV file (administrators): every row is decided on its own and reported. */
export async function importReadings(ctx: Ctx, actor: Actor, csv: string): Promise<ImportResult> {
  requireRole(actor, 'admin');
  const rows = parseReadingsCsv(csv);
  const results: ImportRowResult[] = [];
  for (const row of rows) {
    const base = { line: row.line, meterNumber: row.meterNumber ?? null, accountNumber: row.accountNumber ?? null, reading: row.reading, readOn: row.readOn ?? null };
    try {
      const outcome = await submitReading(ctx, actor, { meterNumber: row.meterNumber, accountNumber: row.meterNumber ? undefined : row.accountNumber, value: row.reading, readOn: row.readOn }, { source: 'import', audit: false });
      results.push({ ...base, decision: outcome.decision, code: outcome.code, message: outcome.message, readingId: outcome.reading.id, consumption: outcome.reading.consumption.toString() });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const { ar, en } = errorDefinition(error.code);
      results.push({ ...base, decision: 'refused', code: error.code, message: { ar, en }, readingId: null, consumption: null });
    }
  }
  const count = (d: ImportRowResult['decision']) => results.filter((r) => r.decision === d).length;
  const summary = { rows: results.length, accepted: count('accepted'), held: count('held'), refused: count('refused') };
  await recordAudit(ctx, actor, { action: 'reading.import', entityType: 'meter_reading', detail: summary });
  return { ...summary, results };
}

/** An administrator accepts or rejects a held reading. Accepting re-checks it against the meter's current state. */
export interface ReviewOutcome {
  decision: 'accepted' | 'rejected';
  code: string;
  message: { ar: string; en: string };
  reading: ReadingView;
}

export async function reviewReading(ctx: Ctx, actor: Actor, readingId: string, accept: boolean): Promise<ReviewOutcome> {
  requireRole(actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const held = await store.findReading(tx.db, readingId);
    if (!held) throw new AppError('reading_not_found');
    const { account, meter } = await findMeterTargetById(tx, held);
    await meters.lock(tx, meter.id);
    if (held.status !== 'held') throw new AppError('reading_not_held', { status: held.status });
    const reviewer = { reviewedById: actor.id, reviewedAt: tx.clock.now() };
    const view = (row: store.ReadingRow): ReadingView => ({ ...row, accountNumber: account.accountNumber, meterNumber: meter.meterNumber, unit: meter.unit });
    if (!accept) {
      const reading = (await store.settleHeldReading(tx.db, held.id, { status: 'rejected', decisionCode: 'reading_rejected_on_review', ...reviewer }))!;
      await recordAudit(tx, actor, { action: 'reading.review', entityType: 'meter_reading', entityId: held.id, detail: { accept } });
      return { decision: 'rejected' as const, code: 'reading_rejected_on_review', message: DECISION_MESSAGES.reading_rejected_on_review, reading: view(reading) };
    }
    const last = await lastReadingOf(tx, meter);
    if (last.readOn > held.readOn) throw new AppError('reading_superseded', { lastReadOn: last.readOn });
    // The reviewer overrides the band, not the physics: order, dials and roll-over are checked again.
    const decision = decideReading({ value: held.value, readOn: held.readOn, today: businessToday(tx), meter, last, history: null, band: null });
    if (decision.decision === 'refused') throw new AppError(decision.code, decision.detail);
    const reading = (await store.settleHeldReading(tx.db, held.id, { status: 'accepted', consumption: decision.consumption, rollover: decision.rollover, decisionCode: 'reading_accepted_on_review', ...reviewer }))!;
    await recordAudit(tx, actor, { action: 'reading.review', entityType: 'meter_reading', entityId: held.id, detail: { accept, consumption: decision.consumption } });
    return { decision: 'accepted' as const, code: 'reading_accepted_on_review', message: DECISION_MESSAGES.reading_accepted_on_review, reading: view(reading) };
  });
}

async function findMeterTargetById(ctx: Ctx, reading: store.ReadingRow): Promise<{ account: Account; meter: Meter }> {
  const [meter] = (await meters.ofAccounts(ctx, [reading.accountId])).filter((m) => m.id === reading.meterId);
  const { account } = await findMeterTarget(ctx, { meterNumber: meter!.meterNumber });
  return { account, meter: meter! };
}

/** A reading with the numbers people know it by (account and meter numbers, from the accounts module). */
export type ReadingView = ReadingRow & { accountNumber: string; meterNumber: string; unit: string };

export async function readingsOfAccount(ctx: Ctx, actor: Actor, account: Account, limit = 60): Promise<ReadingView[]> {
  assertAccountAccess(actor, account);
  return withNumbers(ctx, await store.readingsOfAccount(ctx.db, account.id, limit));
}

export async function heldReadings(ctx: Ctx, actor: Actor, limit = 200): Promise<ReadingView[]> {
  requireRole(actor, 'admin');
  return withNumbers(ctx, await store.heldReadings(ctx.db, limit));
}

async function withNumbers(ctx: Ctx, readings: ReadingRow[]): Promise<ReadingView[]> {
  const accountIds = [...new Set(readings.map((r) => r.accountId))];
  const [accountRows, meterRows] = await Promise.all([findAccountsByIds(ctx, accountIds), meters.ofAccounts(ctx, accountIds)]);
  const accountsById = new Map(accountRows.map((a) => [a.id, a]));
  const metersById = new Map(meterRows.map((m) => [m.id, m]));
  return readings.flatMap((r) => {
    const account = accountsById.get(r.accountId);
    const meter = metersById.get(r.meterId);
    return account && meter ? [{ ...r, accountNumber: account.accountNumber, meterNumber: meter.meterNumber, unit: meter.unit }] : [];
  });
}
