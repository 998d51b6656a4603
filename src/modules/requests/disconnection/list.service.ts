// The disconnection list, built by rule on a schedule (disconnection.worker.ts) or by an admin on demand:
//   1. warn: active accounts whose overdue debt is above their rule's threshold get a case and a warning notice;
//   2. order: a warned case whose grace period ended, still in debt, becomes a disconnection order for field staff;
//   3. sweep: any open case whose debt was paid is settled or reconnected (the payment listener does this at once;
//      the sweep catches what it could not, e.g. a bill lowered by a dispute's credit note).
// Never a government account; never while a bill dispute on the account is open. Each case moves in its own
// transaction, so one bad account does not hold back the rest.
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { systemActor, type Actor, requireRole } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { formatAmount } from '../../../shared/money.js';
import { newId } from '../../../shared/ids.js';
import { localDate } from '../../../platform/clock.js';
import { findAccountsByNumbers, type Account } from '../../accounts/index.js';
import { getBiller, payables } from '../../billers/index.js';
import * as requestsStore from '../requests.store.js';
import { DISPUTE_TYPE } from '../dispute.service.js';
import * as store from './disconnection.store.js';
import { cutoffDate, overdueDebt } from './debt.js';
import { notifyStep } from './disconnection.notify.js';
import { ensureDisconnectionRules } from './rules.service.js';
import { settleCaseIfPaid } from './reconnection.service.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface CycleResult {
  warned: string[];
  ordered: string[];
  settled: string[];
  reconnecting: string[];
}

const SYSTEM = systemActor('disconnection-list');

export async function runDisconnectionCycle(ctx: Ctx, actor: Actor = SYSTEM): Promise<CycleResult> {
  requireRole(actor, 'admin');
  await ensureDisconnectionRules(ctx);
  const result: CycleResult = { warned: [], ordered: [], settled: [], reconnecting: [] };
  for (const rule of await store.listRules(ctx.db, { activeOnly: true })) {
    if (rule.category === 'government') continue;
    result.warned.push(...await warnAccountsInDebt(ctx, actor, rule));
  }
  for (const kase of await store.casesIn(ctx.db, ['warned'], { graceEndedBy: ctx.clock.now() })) {
    const outcome = await orderAfterGrace(ctx, actor, kase.id);
    if (outcome === 'ordered') result.ordered.push(kase.id);
    if (outcome === 'settled') result.settled.push(kase.id);
  }
  for (const kase of await store.casesIn(ctx.db, ['warned', 'ordered', 'disconnected'])) {
    const outcome = await inTransaction(ctx, (tx) => settleCaseIfPaid(tx, actor, kase.id));
    if (outcome === 'settled') result.settled.push(kase.id);
    if (outcome === 'reconnecting') result.reconnecting.push(kase.id);
  }
  return result;
}

async function warnAccountsInDebt(ctx: Ctx, actor: Actor, rule: store.RuleRow): Promise<string[]> {
  const debts = await payables.overdueByAccount(ctx, { dueOnOrBefore: cutoffDate(ctx, rule), currency: rule.currency, above: rule.minDebt });
  const amounts = new Map(debts.map((d) => [d.accountNumber, d.amount]));
  const accounts: Account[] = [];
  for (const account of await findAccountsByNumbers(ctx, [...amounts.keys()])) {
    if (account.category !== rule.category || account.category === 'government' || account.status !== 'active') continue;
    if ((await getBiller(ctx, account.billerCode)).currency !== rule.currency) continue;
    accounts.push(account);
  }
  const alreadyOpen = await store.accountsWithOpenCase(ctx.db, accounts.map((a) => a.id));
  const warned: string[] = [];
  for (const account of accounts) {
    if (alreadyOpen.has(account.id)) continue;
    if (await requestsStore.hasOpenDispute(ctx.db, account.accountNumber, DISPUTE_TYPE)) continue;
    const id = await inTransaction(ctx, async (tx) => {
      const now = tx.clock.now();
      const debt = amounts.get(account.accountNumber)!;
      const kase = {
        id: newId('dsc'), accountId: account.id, accountNumber: account.accountNumber, category: account.category, currency: rule.currency,
        ownerCivilId: account.ownerCivilId, ownerPersonId: account.ownerPersonId, status: 'warned' as const, outcome: null,
        debtAtWarning: debt, warnedAt: now, graceUntil: new Date(now.getTime() + rule.graceDays * DAY_MS), closedAt: null, updatedAt: now,
      };
      if (!(await store.insertCase(tx.db, kase))) return null; // another pass warned it meanwhile
      await recordAudit(tx, actor, { action: 'disconnection.warned', entityType: 'disconnection_case', entityId: kase.id, detail: { accountNumber: account.accountNumber, category: account.category, debt, graceUntil: kase.graceUntil.toISOString() } });
      await notifyStep(tx, 'disconnection.warning', kase, { amount: formatAmount(debt, rule.currency), disconnectOn: localDate(kase.graceUntil, tx.config.TZ_BUSINESS) });
      return kase.id;
    });
    if (id) warned.push(id);
  }
  return warned;
}

/** The grace period is over: a disconnection order if the debt is still there, the case settled if not. */
async function orderAfterGrace(ctx: Ctx, actor: Actor, caseId: string): Promise<'ordered' | 'settled' | 'waiting'> {
  return inTransaction(ctx, async (tx) => {
    const kase = await store.findCase(tx.db, caseId, { lock: true });
    if (kase?.status !== 'warned') return 'waiting';
    if ((await settleCaseIfPaid(tx, actor, caseId)) === 'settled') return 'settled';
    // An open dispute holds the case where it is: it is looked at again on every pass until the dispute ends.
    if (await requestsStore.hasOpenDispute(tx.db, kase.accountNumber, DISPUTE_TYPE)) return 'waiting';
    const [account] = await findAccountsByNumbers(tx, [kase.accountNumber]);
    const rule = await store.findRule(tx.db, kase.category, kase.currency);
    if (!account || account.status !== 'active' || account.category === 'government' || !rule) return 'waiting';
    const now = tx.clock.now();
    const debt = await overdueDebt(tx, kase.accountNumber, rule);
    const order = {
      id: newId('dso'), caseId, kind: 'disconnect' as const, accountNumber: kase.accountNumber, areaAr: account.areaAr, areaEn: account.areaEn,
      status: 'open' as const, dueBy: new Date(now.getTime() + rule.disconnectionSlaHours * HOUR_MS), feePayableId: null, note: null, createdAt: now,
    };
    if (!(await store.insertOrder(tx.db, order))) return 'waiting';
    await store.updateCase(tx.db, caseId, { status: 'ordered', updatedAt: now });
    await recordAudit(tx, actor, { action: 'disconnection.ordered', entityType: 'disconnection_case', entityId: caseId, detail: { orderId: order.id, accountNumber: kase.accountNumber, debt, dueBy: order.dueBy.toISOString() } });
    await notifyStep(tx, 'disconnection.ordered', kase, { amount: formatAmount(debt, kase.currency) });
    return 'ordered';
  });
}
