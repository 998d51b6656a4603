// What an office's supervisor does: void a payment taken today while its drawer is open (with a reason: the ledger
// reversal, payable reopening and audit are the payments module's), and close the office's day once every drawer
// is closed, keeping the totals by tender and by biller as they stood.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit, recordReadAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/clock.js';
import { isDay } from '../../shared/days.js';
import { voidCounterPayment as reverseInPayments, type RefundResult } from '../payments/index.js';
import { officeToManage } from './counter.access.js';
import { auditedCounterRefusals } from './counter.audit.js';
import { dayTotals, type DayTotals } from './counter.day-totals.js';
import { resultsOf, type CounterPaymentResult } from './counter.payments.service.js';
import * as store from './counter.store.js';

export async function voidCounterPayment(ctx: Ctx, actor: Actor, input: { id: string; reason: string }): Promise<{ payment: store.CounterPaymentRow; reversal: RefundResult }> {
  return auditedCounterRefusals(ctx, actor, 'counter.void', input.id, { reason: input.reason }, async () => {
    const found = await store.findCounterPayment(ctx.db, input.id);
    if (!found) throw new AppError('counter_payment_unknown', { id: input.id });
    const office = await store.findOfficeById(ctx.db, found.officeId);
    await officeToManage(ctx, actor, office!.code);
    const reason = input.reason.trim();
    if (reason.length < 3) throw new AppError('refund_reason_required');
    return inTransaction(ctx, async (tx) => {
      await store.lockOffice(tx.db, found.officeId);
      const payment = (await store.findCounterPayment(tx.db, input.id, { lock: true }))!;
      if (payment.status === 'voided') throw new AppError('counter_payment_already_voided', { id: payment.id });
      if (await store.findDayClose(tx.db, payment.officeId, payment.businessDate)) throw new AppError('counter_day_closed', { businessDate: payment.businessDate });
      if (payment.businessDate !== businessToday(tx)) throw new AppError('counter_void_not_same_day', { businessDate: payment.businessDate });
      // The cash goes back out of the drawer it came into: once that drawer is counted and closed, it is a refund.
      const drawer = await store.findDrawer(tx.db, payment.drawerId, { lock: true });
      if (drawer!.status !== 'open') throw new AppError('counter_drawer_closed', { drawerId: payment.drawerId });
      const reversal = await reverseInPayments(tx, actor, { paymentId: payment.paymentId, reason });
      const voided = await store.markVoided(tx.db, payment.id, { voidReason: reason, voidedBy: actor.kind === 'anonymous' ? '' : actor.id, voidedAt: tx.clock.now(), voidRef: reversal.refundId });
      if (!voided) throw new AppError('counter_payment_already_voided', { id: payment.id });
      await recordAudit(tx, actor, { action: 'counter.void', entityType: 'counter_payment', entityId: payment.id, detail: { reason, paymentId: payment.paymentId, reversalId: reversal.refundId, receiptNumber: payment.receiptNumber } });
      return { payment: voided, reversal };
    });
  });
}

export interface DayReport extends DayTotals { officeCode: string; businessDate: string; closed: boolean; closedAt: string | null; closedBy: string | null }

function assertDay(businessDate: string): void {
  if (!isDay(businessDate)) throw new AppError('validation_failed', { field: 'date', reason: 'a business date YYYY-MM-DD' });
}

/** Closes the office's business day once: every drawer of the day must be closed first. */
export async function closeDay(ctx: Ctx, actor: Actor, officeCode: string, businessDate: string): Promise<DayReport> {
  return auditedCounterRefusals(ctx, actor, 'counter.day.close', `${officeCode}:${businessDate}`, {}, async () => {
    assertDay(businessDate);
    const office = await officeToManage(ctx, actor, officeCode);
    return inTransaction(ctx, async (tx) => {
      await store.lockOffice(tx.db, office.id);
      if (await store.findDayClose(tx.db, office.id, businessDate)) throw new AppError('counter_day_closed', { officeCode, businessDate });
      const totals = await dayTotals(tx, office.id, businessDate);
      const open = totals.drawers.filter((d) => d.status === 'open').map((d) => d.drawerId);
      if (open.length > 0) throw new AppError('counter_drawers_open', { drawers: open });
      const closedAt = tx.clock.now();
      const closedBy = actor.kind === 'anonymous' ? '' : actor.id;
      const row = await store.insertDayClose(tx.db, { officeId: office.id, businessDate, closedBy, closedAt, totals });
      if (!row) throw new AppError('counter_day_closed', { officeCode, businessDate });
      await recordAudit(tx, actor, { action: 'counter.day.close', entityType: 'counter_office', entityId: office.id, detail: { officeCode, businessDate, totals } });
      return { ...totals, officeCode, businessDate, closed: true, closedAt: closedAt.toISOString(), closedBy };
    });
  });
}

/** The day's report: as it was closed, or as it stands while the day is still open. */
export async function dayReport(ctx: Ctx, actor: Actor, officeCode: string, businessDate: string): Promise<DayReport> {
  assertDay(businessDate);
  const office = await officeToManage(ctx, actor, officeCode);
  const closed = await store.findDayClose(ctx.db, office.id, businessDate);
  await recordReadAudit(ctx, actor, { action: 'counter.day.report', entityType: 'counter_office', entityId: office.id, detail: { businessDate } });
  if (closed) return { ...(closed.totals as DayTotals), officeCode, businessDate, closed: true, closedAt: closed.closedAt.toISOString(), closedBy: closed.closedBy };
  return { ...(await dayTotals(ctx, office.id, businessDate)), officeCode, businessDate, closed: false, closedAt: null, closedBy: null };
}

/** The office's payments of a day, oldest first, voided ones included: what a supervisor picks a void from. */
export async function officeDayPayments(ctx: Ctx, actor: Actor, officeCode: string, businessDate: string): Promise<CounterPaymentResult[]> {
  assertDay(businessDate);
  const office = await officeToManage(ctx, actor, officeCode);
  const rows = await store.paymentsOfOfficeDay(ctx.db, office.id, businessDate);
  await recordReadAudit(ctx, actor, { action: 'counter.day.payments', entityType: 'counter_office', entityId: office.id, detail: { businessDate, count: rows.length } });
  return resultsOf(ctx, rows);
}
