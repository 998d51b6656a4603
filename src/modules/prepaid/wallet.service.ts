// The wallet: top-ups in, statement out. A top-up is a payable of the prepaid biller, payable through every channel
// (KNET, bank, counter); issuing it posts receivable/revenue like any payable. Once it is paid, crediting moves
// that revenue to the wallet (the water is not sold yet), then repays any offline debt from the wallet first.
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/clock.js';
import { newId } from '../../shared/ids.js';
import { formatAmount, parsePositiveAmount } from '../../shared/money.js';
import { issuePayable, payables } from '../billers/index.js';
import { post } from '../ledger/index.js';
import { debtAccount, PREPAID_BILLER, revenueAccount, walletAccount, walletBalances } from './wallet.accounts.js';
import { operatorFor } from './registry.service.js';
import * as store from './prepaid.store.js';

export async function requestTopup(ctx: Ctx, actor: Actor, operatorId: string, amountText: string) {
  const operator = await operatorFor(ctx, actor, operatorId);
  const amount = parsePositiveAmount(amountText, operator.currency);
  const today = businessToday(ctx);
  return inTransaction(ctx, async (tx) => {
    const topupId = newId('ptu');
    const reference = `TU-${topupId.slice(-10).toUpperCase()}`;
    const { payable } = await issuePayable(tx, {
      billerCode: PREPAID_BILLER, kind: 'topup', sourceId: topupId, reference, civilId: operator.civilId,
      accountNumber: `PP-${operator.id}`, amount, issuedOn: today, dueDate: today,
      descriptionAr: `شحن محفظة تعبئة المياه — ${operator.nameAr}`, descriptionEn: `Water filling wallet top-up — ${operator.nameEn}`,
    });
    const topup = await store.insertTopup(tx.db, { id: topupId, operatorId, payableId: payable.id, amount, currency: operator.currency, createdAt: tx.clock.now() });
    await recordAudit(tx, actor, { action: 'prepaid.topup.request', entityType: 'prepaid_operator', entityId: operatorId, detail: { topupId, payableId: payable.id, amount } });
    return { topup, payable };
  });
}

/**
 * Credits every paid top-up not credited yet (all operators, or one). Safe to run from several places at once:
 * the top-up row is claimed by a guarded update and the ledger refuses a second posting of the same source.
 * Returns how many were credited.
 */
export async function creditPaidTopups(ctx: Ctx, operatorId?: string): Promise<number> {
  let credited = 0;
  for (const topup of await store.uncreditedTopups(ctx.db, operatorId)) {
    const payable = await payables.find(ctx, topup.payableId);
    if (payable?.status !== 'paid') continue;
    const done = await inTransaction(ctx, async (tx) => {
      if (!(await store.lockOperator(tx.db, topup.operatorId))) return false;
      if (!(await store.markTopupCredited(tx.db, topup.id, tx.clock.now()))) return false;
      await post(tx, {
        kind: 'prepaid.topup.credited', sourceRef: topup.id, currency: topup.currency,
        lines: [{ account: revenueAccount(), amount: topup.amount }, { account: walletAccount(topup.operatorId), amount: -topup.amount }],
        memo: { payableId: topup.payableId },
      });
      const { available, debt } = await walletBalances(tx, topup.operatorId);
      const repay = debt < available ? debt : available;
      if (repay > 0n) {
        await post(tx, {
          kind: 'prepaid.debt.repaid', sourceRef: topup.id, currency: topup.currency,
          lines: [{ account: walletAccount(topup.operatorId), amount: repay }, { account: debtAccount(topup.operatorId), amount: -repay }],
        });
      }
      await recordAudit(tx, { kind: 'system', id: 'prepaid.topups', role: 'admin' }, {
        action: 'prepaid.topup.credit', entityType: 'prepaid_operator', entityId: topup.operatorId, detail: { topupId: topup.id, amount: topup.amount, debtRepaid: repay },
      });
      return true;
    });
    if (done) credited += 1;
  }
  return credited;
}

export async function walletStatement(ctx: Ctx, actor: Actor, operatorId: string) {
  const operator = await operatorFor(ctx, actor, operatorId);
  await creditPaidTopups(ctx, operatorId);
  const balances = await walletBalances(ctx, operatorId);
  const dispenses = await store.dispensesOfOperator(ctx.db, operatorId);
  const trucks = new Map((await store.trucksOfOperator(ctx.db, operatorId)).map((t) => [t.id, t.plate]));
  const stations = new Map((await store.listStations(ctx.db)).map((s) => [s.id, s]));
  const topups = await store.topupsOfOperator(ctx.db, operatorId);
  const money = (amount: bigint) => formatAmount(amount, operator.currency);
  return {
    operatorId, currency: operator.currency, available: money(balances.available), held: money(balances.held), debt: money(balances.debt),
    topups: await Promise.all(topups.map(async (t) => {
      const payable = await payables.find(ctx, t.payableId);
      return {
        id: t.id, payableId: t.payableId, reference: payable?.reference ?? '', amount: money(t.amount),
        status: topupStatus(t, payable?.status), requestedAt: t.createdAt.toISOString(), creditedAt: t.creditedAt?.toISOString() ?? null,
      };
    })),
    dispenses: dispenses.map((d) => ({
      id: d.id, plate: trucks.get(d.truckId) ?? '', stationCode: stations.get(d.stationId)?.code ?? null,
      stationNameAr: stations.get(d.stationId)?.nameAr ?? null, stationNameEn: stations.get(d.stationId)?.nameEn ?? null, mode: d.mode, status: d.status,
      gallons: d.dispensedGallons, amount: d.chargedAmount === null ? null : money(d.chargedAmount),
      startedAt: d.startedAt.toISOString(), settledAt: d.settledAt?.toISOString() ?? null,
    })),
  };
}

/** Credited (in the wallet), paid (credited on the next look), or awaiting its payment (or cancelled). */
function topupStatus(topup: store.TopupRow, payableStatus: string | undefined): 'credited' | 'paid' | 'awaiting_payment' | 'cancelled' {
  if (topup.creditedAt) return 'credited';
  if (payableStatus === 'paid') return 'paid';
  return payableStatus === 'cancelled' ? 'cancelled' : 'awaiting_payment';
}

export async function presentOperator(ctx: Ctx, operator: store.OperatorRow) {
  const balances = await walletBalances(ctx, operator.id);
  const money = (amount: bigint) => formatAmount(amount, operator.currency);
  return {
    id: operator.id, kind: operator.kind, civilId: operator.civilId, commercialRegistration: operator.commercialRegistration,
    nameAr: operator.nameAr, nameEn: operator.nameEn, currency: operator.currency,
    wallet: { available: money(balances.available), held: money(balances.held), debt: money(balances.debt) },
  };
}
