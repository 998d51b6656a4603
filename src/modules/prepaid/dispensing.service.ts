// The dispensing protocol of a station terminal: authorise (hold on the wallet) → reports (metered gallons with
// increasing sequence numbers) → settle (charge what was taken, release the rest). Every step is idempotent on the
// terminal's dispense id (and the report's sequence), every refusal is audited with its code, and every spend from
// a wallet happens under the operator's row lock, so two trucks of one operator cannot both spend one balance.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { formatAmount } from '../../shared/money.js';
import { newId } from '../../shared/ids.js';
import { post, type LedgerLine } from '../ledger/index.js';
import { auditedRefusals } from './prepaid.audit.js';
import { canonicalPlate, isOpen, priceInForce } from './registry.service.js';
import { holdAccount, priceOf, revenueAccount, walletAccount, walletBalances } from './wallet.accounts.js';
import { creditPaidTopups } from './wallet.service.js';
import { noteLowBalance } from './low-balance.js';
import type { AuthoriseInput, ReportInput } from './prepaid.schemas.js';
import * as store from './prepaid.store.js';

/** The station whose terminal is calling. */
export async function terminalStation(ctx: Ctx, actor: Actor): Promise<store.StationRow> {
  requireRole(actor, 'station');
  const station = await store.findStationByTerminal(ctx.db, actor.id);
  if (!station) throw new AppError('prepaid_station_unknown', { clientId: actor.id });
  return station;
}

export async function authoriseDispense(ctx: Ctx, actor: Actor, input: AuthoriseInput): Promise<{ dispense: store.DispenseRow; created: boolean }> {
  const station = await terminalStation(ctx, actor);
  const detail = { station: station.code, plate: input.plate, nozzle: input.nozzle, requestedGallons: input.requestedGallons };
  return auditedRefusals(ctx, actor, 'prepaid.dispense.authorise', input.dispenseId, detail, async () => {
    const earlier = await store.findDispense(ctx.db, station.id, input.dispenseId);
    if (earlier) return { dispense: sameAuthorisation(earlier, input), created: false };
    const plate = canonicalPlate(ctx, input.plate);
    const truck = await store.findTruckByPlate(ctx.db, plate);
    if (!truck) throw new AppError('prepaid_truck_unknown', { plate });
    if (truck.blocked) throw new AppError('prepaid_truck_blocked', { plate });
    if (input.nozzle > station.nozzles) throw new AppError('prepaid_nozzle_invalid', { nozzle: input.nozzle, nozzles: station.nozzles });
    if (input.requestedGallons > truck.tankCapacityGallons) {
      throw new AppError('prepaid_tank_capacity_exceeded', { requestedGallons: input.requestedGallons, tankCapacityGallons: truck.tankCapacityGallons });
    }
    const now = ctx.clock.now();
    if (!isOpen(station, now, ctx.config.TZ_BUSINESS)) throw new AppError('prepaid_station_closed', { opensAt: station.opensAt, closesAt: station.closesAt });
    const operator = await store.findOperator(ctx.db, truck.operatorId);
    const price = await priceInForce(ctx, operator!.currency, now);
    await creditPaidTopups(ctx, truck.operatorId);
    return inTransaction(ctx, async (tx) => {
      await store.lockOperator(tx.db, truck.operatorId);
      const { available, debt } = await walletBalances(tx, truck.operatorId);
      if (debt > 0n) throw new AppError('prepaid_operator_in_debt', { debt: formatAmount(debt, operator!.currency) });
      const hold = priceOf(input.requestedGallons, price);
      if (available < hold) {
        throw new AppError('prepaid_insufficient_balance', { available: formatAmount(available, operator!.currency), needed: formatAmount(hold, operator!.currency) });
      }
      const dispense = await store.insertDispense(tx.db, {
        id: newId('pds'), stationId: station.id, terminalDispenseId: input.dispenseId, truckId: truck.id, operatorId: truck.operatorId,
        nozzle: input.nozzle, mode: 'online', status: 'authorised', currency: operator!.currency, pricePerThousandGallons: price,
        requestedGallons: input.requestedGallons, heldAmount: hold, startedAt: now, lastReportAt: now,
      });
      // The same id authorised meanwhile by a retry on another connection: answer what that one did.
      if (!dispense) return { dispense: sameAuthorisation((await store.findDispense(tx.db, station.id, input.dispenseId))!, input), created: false };
      if (hold > 0n) {
        await post(tx, {
          kind: 'prepaid.hold', sourceRef: dispense.id, currency: dispense.currency,
          lines: [{ account: walletAccount(truck.operatorId), amount: hold }, { account: holdAccount(truck.operatorId), amount: -hold }],
          memo: { station: station.code, plate, gallons: input.requestedGallons },
        });
      }
      await recordAudit(tx, actor, { action: 'prepaid.dispense.authorise', entityType: 'prepaid_dispense', entityId: input.dispenseId, detail: { ...detail, plate, hold } });
      return { dispense, created: true };
    });
  });
}

function sameAuthorisation(earlier: store.DispenseRow, input: AuthoriseInput): store.DispenseRow {
  const same = earlier.nozzle === input.nozzle && earlier.requestedGallons === input.requestedGallons && earlier.mode === 'online';
  if (!same) throw new AppError('prepaid_dispense_conflict', { dispenseId: input.dispenseId });
  return earlier;
}

async function lockedDispense(ctx: Ctx, station: store.StationRow, terminalDispenseId: string): Promise<store.DispenseRow> {
  const found = await store.findDispense(ctx.db, station.id, terminalDispenseId);
  if (!found) throw new AppError('prepaid_dispense_not_found', { dispenseId: terminalDispenseId });
  return (await store.lockDispense(ctx.db, found.id))!;
}

export async function reportDispense(ctx: Ctx, actor: Actor, terminalDispenseId: string, input: ReportInput): Promise<store.DispenseRow> {
  const station = await terminalStation(ctx, actor);
  return auditedRefusals(ctx, actor, 'prepaid.dispense.report', terminalDispenseId, { station: station.code, ...input }, () => inTransaction(ctx, async (tx) => {
    const dispense = await lockedDispense(tx, station, terminalDispenseId);
    // A retry of the last report: the same answer, nothing changed.
    if (input.sequence === dispense.lastSequence && input.gallons === dispense.dispensedGallons) return dispense;
    if (dispense.status === 'settled') throw new AppError('prepaid_dispense_settled', { dispenseId: terminalDispenseId });
    if (input.sequence <= dispense.lastSequence) throw new AppError('prepaid_sequence_went_back', { sequence: input.sequence, lastSequence: dispense.lastSequence });
    if (input.gallons < dispense.dispensedGallons) throw new AppError('prepaid_gallons_went_back', { gallons: input.gallons, reported: dispense.dispensedGallons });
    if (input.gallons > dispense.requestedGallons) throw new AppError('prepaid_dispense_above_hold', { gallons: input.gallons, authorised: dispense.requestedGallons });
    return store.updateDispense(tx.db, dispense.id, { status: 'dispensing', dispensedGallons: input.gallons, lastSequence: input.sequence, lastReportAt: tx.clock.now() });
  }));
}

export async function settleByTerminal(ctx: Ctx, actor: Actor, terminalDispenseId: string, gallons: number): Promise<store.DispenseRow> {
  const station = await terminalStation(ctx, actor);
  return auditedRefusals(ctx, actor, 'prepaid.dispense.settle', terminalDispenseId, { station: station.code, gallons }, () => inTransaction(ctx, async (tx) => {
    const dispense = await lockedDispense(tx, station, terminalDispenseId);
    if (dispense.status === 'settled') {
      if (dispense.dispensedGallons === gallons) return dispense; // a retried settle
      throw new AppError('prepaid_dispense_settled', { dispenseId: terminalDispenseId, settledGallons: dispense.dispensedGallons });
    }
    if (gallons > dispense.requestedGallons) throw new AppError('prepaid_settle_above_authorised', { gallons, authorised: dispense.requestedGallons });
    if (gallons < dispense.dispensedGallons) throw new AppError('prepaid_gallons_went_back', { gallons, reported: dispense.dispensedGallons });
    const settled = await settleHeld(tx, dispense, gallons, 'terminal');
    await recordAudit(tx, actor, { action: 'prepaid.dispense.settle', entityType: 'prepaid_dispense', entityId: terminalDispenseId, detail: { gallons, charged: settled.chargedAmount } });
    return settled;
  }));
}

/**
 * Charges `gallons` from the hold and releases the rest to the wallet, in the caller's transaction, with the
 * dispense locked. The charge never exceeds the hold: gallons never exceed what was authorised.
 */
export async function settleHeld(ctx: Ctx, dispense: store.DispenseRow, gallons: number, by: 'terminal' | 'timeout'): Promise<store.DispenseRow> {
  const charge = priceOf(gallons, dispense.pricePerThousandGallons);
  const release = dispense.heldAmount - charge;
  const lines: LedgerLine[] = [
    { account: holdAccount(dispense.operatorId), amount: dispense.heldAmount },
    { account: revenueAccount(), amount: -charge },
    { account: walletAccount(dispense.operatorId), amount: -release },
  ].filter((line) => line.amount !== 0n);
  // The operator's lock serialises settles of one wallet, so two trucks settling at once see one crossing, not two.
  const operator = (await store.lockOperator(ctx.db, dispense.operatorId))!;
  if (lines.length >= 2) {
    await post(ctx, { kind: 'prepaid.settle', sourceRef: dispense.id, currency: dispense.currency, lines, memo: { gallons, by } });
  }
  await noteLowBalance(ctx, operator, dispense.id, charge);
  return store.updateDispense(ctx.db, dispense.id, {
    status: 'settled', dispensedGallons: gallons, chargedAmount: charge, settledAt: ctx.clock.now(), settledBy: by,
  });
}

export function presentDispense(dispense: store.DispenseRow, plate: string) {
  const money = (amount: bigint) => formatAmount(amount, dispense.currency);
  const settled = dispense.status === 'settled' && dispense.chargedAmount !== null;
  return {
    dispenseId: dispense.terminalDispenseId, status: dispense.status, plate, requestedGallons: dispense.requestedGallons,
    dispensedGallons: dispense.dispensedGallons, lastSequence: dispense.lastSequence,
    pricePerThousandGallons: money(dispense.pricePerThousandGallons), held: money(dispense.heldAmount),
    charged: settled ? money(dispense.chargedAmount!) : null, released: settled ? money(dispense.heldAmount - dispense.chargedAmount!) : null,
    currency: dispense.currency, settledBy: dispense.settledBy,
  };
}
