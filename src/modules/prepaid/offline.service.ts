// A station that loses its link keeps filling trucks from a signed allow-list downloaded earlier (each truck with
// a cap in gallons drawn from its operator's wallet snapshot), then uploads what it dispensed. An upload records
// each dispense exactly once (unique on station + terminal id); what the wallet cannot cover becomes the operator's
// debt (a receivable of the prepaid biller), which blocks new authorisations until a top-up repays it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { formatAmount } from '../../shared/money.js';
import { newId } from '../../shared/ids.js';
import { post, type LedgerLine } from '../ledger/index.js';
import { getBiller } from '../billers/index.js';
import { auditedRefusals } from './prepaid.audit.js';
import { terminalStation } from './dispensing.service.js';
import { canonicalPlate, priceInForce } from './registry.service.js';
import { debtAccount, gallonsFor, PREPAID_BILLER, priceOf, revenueAccount, walletAccount, walletBalances } from './wallet.accounts.js';
import type { OfflineUploadInput } from './prepaid.schemas.js';
import { noteLowBalance } from './low-balance.js';
import * as store from './prepaid.store.js';

// The allow-list key is derived from the deployment secret, so it changes with it and is never stored.
function allowListKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('prepaid.allow-list.v1').digest();
}

export function signAllowList(secret: string, body: string): string {
  return createHmac('sha256', allowListKey(secret)).update(body).digest('hex');
}

export function allowListSignatureValid(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signAllowList(secret, body), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function allowListFor(ctx: Ctx, actor: Actor): Promise<{ body: string; signature: string }> {
  const station = await terminalStation(ctx, actor);
  const { currency } = await getBiller(ctx, PREPAID_BILLER);
  const now = ctx.clock.now();
  const price = await priceInForce(ctx, currency, now);
  const trucks: { plate: string; capGallons: number }[] = [];
  const balances = new Map<string, number>();
  for (const { truck, operator } of await store.allTrucksWithOperators(ctx.db)) {
    if (truck.blocked) continue;
    let affordable = balances.get(operator.id);
    if (affordable === undefined) {
      const { available, debt } = await walletBalances(ctx, operator.id);
      affordable = debt > 0n ? 0 : gallonsFor(available, price);
      balances.set(operator.id, affordable);
    }
    // Per truck, not per operator: two trucks of one wallet may both fill offline; the overdraft that can cause is
    // bounded by the caps and becomes a recorded debt.
    const cap = Math.min(truck.tankCapacityGallons, affordable);
    if (cap > 0) trucks.push({ plate: truck.plate, capGallons: cap });
  }
  const body = JSON.stringify({
    stationCode: station.code, issuedAt: now.toISOString(),
    validUntil: new Date(now.getTime() + ctx.config.PREPAID_ALLOW_LIST_HOURS * 3600_000).toISOString(),
    currency, pricePerThousandGallons: formatAmount(price, currency), trucks,
  });
  await recordAudit(ctx, actor, { action: 'prepaid.allow_list.issue', entityType: 'prepaid_station', entityId: station.id, detail: { trucks: trucks.length } });
  return { body, signature: signAllowList(ctx.config.secret, body) };
}

type UploadResult = { dispenseId: string; outcome: 'recorded' | 'already_recorded' | 'refused'; charged: string | null; debt: string | null; code: string | null };

export async function uploadOfflineDispenses(ctx: Ctx, actor: Actor, input: OfflineUploadInput): Promise<UploadResult[]> {
  const station = await terminalStation(ctx, actor);
  const results: UploadResult[] = [];
  for (const item of input.dispenses) {
    try {
      results.push(await recordOne(ctx, actor, station, item));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ dispenseId: item.dispenseId, outcome: 'refused', charged: null, debt: null, code: error.code });
    }
  }
  return results;
}

async function recordOne(ctx: Ctx, actor: Actor, station: store.StationRow, item: OfflineUploadInput['dispenses'][number]): Promise<UploadResult> {
  return auditedRefusals(ctx, actor, 'prepaid.dispense.offline', item.dispenseId, { station: station.code, plate: item.plate, gallons: item.gallons }, async () => {
    const earlier = await store.findDispense(ctx.db, station.id, item.dispenseId);
    if (earlier) return uploaded(earlier, 'already_recorded');
    const plate = canonicalPlate(ctx, item.plate);
    const truck = await store.findTruckByPlate(ctx.db, plate);
    if (!truck) throw new AppError('prepaid_truck_unknown', { plate });
    const at = new Date(item.at);
    const operator = (await store.findOperator(ctx.db, truck.operatorId))!;
    const price = await priceInForce(ctx, operator.currency, at);
    return inTransaction(ctx, async (tx) => {
      await store.lockOperator(tx.db, operator.id);
      const charge = priceOf(item.gallons, price);
      const { available } = await walletBalances(tx, operator.id);
      const fromWallet = available > 0n ? (available < charge ? available : charge) : 0n;
      const debt = charge - fromWallet;
      const dispense = await store.insertDispense(tx.db, {
        id: newId('pds'), stationId: station.id, terminalDispenseId: item.dispenseId, truckId: truck.id, operatorId: operator.id,
        nozzle: item.nozzle, mode: 'offline', status: 'settled', currency: operator.currency, pricePerThousandGallons: price,
        requestedGallons: item.gallons, heldAmount: 0n, dispensedGallons: item.gallons, chargedAmount: charge, debtAmount: debt,
        settledBy: 'upload', startedAt: at, lastReportAt: tx.clock.now(), settledAt: tx.clock.now(),
      });
      // Uploaded meanwhile by a retry on another connection: recorded once, by that one.
      if (!dispense) return uploaded((await store.findDispense(tx.db, station.id, item.dispenseId))!, 'already_recorded');
      const lines: LedgerLine[] = [
        { account: walletAccount(operator.id), amount: fromWallet },
        { account: debtAccount(operator.id), amount: debt },
        { account: revenueAccount(), amount: -charge },
      ].filter((line) => line.amount !== 0n);
      if (lines.length >= 2) await post(tx, { kind: 'prepaid.offline', sourceRef: dispense.id, currency: dispense.currency, lines, memo: { station: station.code, plate, gallons: item.gallons } });
      await noteLowBalance(tx, operator, dispense.id, fromWallet);
      await recordAudit(tx, actor, { action: 'prepaid.dispense.offline', entityType: 'prepaid_dispense', entityId: item.dispenseId, detail: { plate, gallons: item.gallons, charge, debt } });
      return uploaded(dispense, 'recorded');
    });
  });
}

function uploaded(dispense: store.DispenseRow, outcome: 'recorded' | 'already_recorded'): UploadResult {
  return {
    dispenseId: dispense.terminalDispenseId, outcome, code: null,
    charged: dispense.chargedAmount === null ? null : formatAmount(dispense.chargedAmount, dispense.currency),
    debt: formatAmount(dispense.debtAmount, dispense.currency),
  };
}
