// Field staff's work orders: the list (most urgent first), and completing one. Completing a disconnection cuts the
// account (its status changes, audited under the staff member) unless a bill dispute opened meanwhile or the debt
// was paid; completing a reconnection restores it and closes the case. The owner is told each time. A refusal
// changes nothing: the whole completion is one transaction.
import { AppError } from '../../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { requireRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { formatAmount } from '../../../shared/money.js';
import { setConnection } from '../../accounts/index.js';
import * as requestsStore from '../requests.store.js';
import { DISPUTE_TYPE } from '../dispute.service.js';
import * as store from './disconnection.store.js';
import { overdueDebt } from './debt.js';
import { notifyStep } from './disconnection.notify.js';

export const FIELD_ROLES = ['service', 'admin'] as const;

export async function listOrders(ctx: Ctx, actor: Actor, filter: { status?: store.OrderRow['status']; kind?: store.OrderKind; accountNumber?: string }): Promise<store.OrderRow[]> {
  requireRole(actor, ...FIELD_ROLES);
  return store.listOrders(ctx.db, filter);
}

export async function completeOrder(ctx: Ctx, actor: Actor, orderId: string, note?: string): Promise<store.OrderRow> {
  requireRole(actor, ...FIELD_ROLES);
  return inTransaction(ctx, async (tx) => {
    const order = await store.findOrder(tx.db, orderId, { lock: true });
    if (!order) throw new AppError('disconnection_order_not_found', { orderId });
    if (order.status !== 'open') throw new AppError('disconnection_order_closed', { orderId, status: order.status });
    const kase = (await store.findCase(tx.db, order.caseId, { lock: true }))!;
    const now = tx.clock.now();
    const text = note?.trim() || null;
    if (order.kind === 'disconnect') {
      if (kase.category === 'government') throw new AppError('disconnection_government');
      if (await requestsStore.hasOpenDispute(tx.db, kase.accountNumber, DISPUTE_TYPE)) throw new AppError('disconnection_dispute_open', { accountNumber: kase.accountNumber });
      const rule = await store.findRule(tx.db, kase.category, kase.currency);
      const debt = rule ? await overdueDebt(tx, kase.accountNumber, rule) : 0n;
      if (!rule || debt <= rule.minDebt) throw new AppError('disconnection_debt_paid', { accountNumber: kase.accountNumber });
      await setConnection(tx, actor, kase.accountId, 'disconnected', { orderId, caseId: kase.id });
      await store.updateCase(tx.db, kase.id, { status: 'disconnected', updatedAt: now });
      await notifyStep(tx, 'disconnection.done', kase, { amount: formatAmount(debt, kase.currency) });
    } else {
      await setConnection(tx, actor, kase.accountId, 'active', { orderId, caseId: kase.id });
      await store.updateCase(tx.db, kase.id, { status: 'closed', outcome: 'reconnected', closedAt: now, updatedAt: now });
      await notifyStep(tx, 'reconnection.done', kase);
    }
    const done = { status: 'done' as const, doneAt: now, doneBy: actor.id, note: text };
    await store.updateOrder(tx.db, orderId, done);
    await recordAudit(tx, actor, { action: `disconnection.order.${order.kind}.done`, entityType: 'disconnection_order', entityId: orderId, detail: { caseId: kase.id, accountNumber: kase.accountNumber, late: now > order.dueBy } });
    return { ...order, ...done };
  });
}
