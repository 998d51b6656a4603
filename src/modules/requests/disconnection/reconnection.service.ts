// When the debt of an account with an open case falls to its rule's threshold or under: a warned case is settled;
// an ordered one is settled and its disconnection order cancelled; a disconnected account gets a reconnection order
// at once (due within the rule's service-level time) and, where the rule has one, a reconnection fee payable.
// Called by the payment listener inside the payment's transaction, and by the periodic sweep.
import type { SQL } from 'drizzle-orm';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { systemActor, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { businessToday } from '../../../platform/clock.js';
import type { AppliedPayable } from '../../../platform/payment-listeners.js';
import { formatAmount } from '../../../shared/money.js';
import { newId } from '../../../shared/ids.js';
import { findAccountsByNumbers, type Account } from '../../accounts/index.js';
import { issuePayable } from '../../billers/index.js';
import * as store from './disconnection.store.js';
import { overdueDebt } from './debt.js';
import { notifyStep } from './disconnection.notify.js';

const HOUR_MS = 3_600_000;

export type SettleOutcome = 'settled' | 'reconnecting' | 'unchanged';

/** In the caller's transaction: locks the case and moves it on if its debt is paid down. */
export async function settleCaseIfPaid(ctx: Ctx, actor: Actor, caseId: string): Promise<SettleOutcome> {
  const kase = await store.findCase(ctx.db, caseId, { lock: true });
  if (!kase || !['warned', 'ordered', 'disconnected'].includes(kase.status)) return 'unchanged';
  const rule = await store.findRule(ctx.db, kase.category, kase.currency);
  if (!rule) return 'unchanged';
  const debt = await overdueDebt(ctx, kase.accountNumber, rule);
  if (debt > rule.minDebt) return 'unchanged';
  const now = ctx.clock.now();
  if (kase.status !== 'disconnected') {
    const order = kase.status === 'ordered' ? await store.orderOfCase(ctx.db, caseId, 'disconnect') : undefined;
    if (order?.status === 'open') await store.updateOrder(ctx.db, order.id, { status: 'cancelled', note: 'debt paid before the cut', doneAt: now });
    await store.updateCase(ctx.db, caseId, { status: 'closed', outcome: 'settled', closedAt: now, updatedAt: now });
    await recordAudit(ctx, actor, { action: 'disconnection.settled', entityType: 'disconnection_case', entityId: caseId, detail: { from: kase.status, debt, cancelledOrderId: order?.id } });
    return 'settled';
  }
  const [account] = await findAccountsByNumbers(ctx, [kase.accountNumber]);
  if (!account) return 'unchanged';
  const feePayableId = rule.reconnectionFee > 0n ? await issueReconnectionFee(ctx, kase, account, rule.reconnectionFee) : null;
  const order = {
    id: newId('dso'), caseId, kind: 'reconnect' as const, accountNumber: kase.accountNumber, areaAr: account.areaAr, areaEn: account.areaEn,
    status: 'open' as const, dueBy: new Date(now.getTime() + rule.reconnectionSlaHours * HOUR_MS), feePayableId, note: null, createdAt: now,
  };
  if (!(await store.insertOrder(ctx.db, order))) return 'unchanged';
  await store.updateCase(ctx.db, caseId, { status: 'reconnecting', updatedAt: now });
  await recordAudit(ctx, actor, { action: 'reconnection.ordered', entityType: 'disconnection_case', entityId: caseId, detail: { orderId: order.id, debt, feePayableId, dueBy: order.dueBy.toISOString() } });
  await notifyStep(ctx, 'reconnection.ordered', kase, { dueBy: order.dueBy.toISOString(), fee: formatAmount(rule.reconnectionFee, kase.currency) });
  return 'reconnecting';
}

/** The fee is owed on the account itself (its biller's currency), due in the biller's usual two weeks. */
async function issueReconnectionFee(ctx: Ctx, kase: store.CaseRow, account: Account, fee: bigint): Promise<string> {
  const today = businessToday(ctx);
  const { payable } = await issuePayable(ctx, {
    billerCode: account.billerCode, kind: 'bill', sourceId: `reconnection-fee:${kase.id}`, reference: `RC-${kase.id.slice(-10).toUpperCase()}`,
    personId: account.ownerPersonId, civilId: account.ownerCivilId, accountNumber: account.accountNumber, amount: fee, issuedOn: today,
    dueDate: new Date(Date.parse(today) + 14 * 86_400_000).toISOString().slice(0, 10),
    descriptionAr: `رسوم إعادة توصيل الخدمة للحساب ${account.accountNumber}`, descriptionEn: `Reconnection fee, account ${account.accountNumber}`,
    ledgerMemo: { disconnectionCaseId: kase.id },
  });
  return payable.id;
}

/** The payment listener: accounts the payment touched that have an open case are looked at at once. */
export async function reconnectOnPayment(ctx: Ctx, applied: AppliedPayable[]): Promise<void> {
  const cases = await store.openCasesOfAccounts(ctx.db, accountsOf(applied));
  const actor = systemActor('reconnection-on-payment');
  // Each case in a transaction of its own (a savepoint inside the payment's): the listener may run after a
  // one-statement payment committed, outside any transaction, and settling locks the case.
  for (const kase of cases) await inTransaction(ctx, (tx) => settleCaseIfPaid(tx, actor, kase.id));
}

/** The listener's probe: only a payment on an account with an open case has anything to look at. */
export function reconnectionProbe(applied: AppliedPayable[]): SQL {
  return store.anyOpenCaseSql(accountsOf(applied));
}

function accountsOf(applied: AppliedPayable[]): string[] {
  return [...new Set(applied.map((a) => a.accountNumber).filter((n): n is string => n !== null))];
}
