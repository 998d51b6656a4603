// The biller API as banks and national switches see it (SADAD, eFAWATEERcom): inquiry by billing number, payment
// notification idempotent on the bank's transaction id, reversal within the biller's window, and the day's
// report. Posting, reversal and the ledger belong to the payments module; this module decides which bank may do
// what for which biller, and speaks the banks' language.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { recordReadAudit } from '../../platform/audit.js';
import { parsePositiveAmount } from '../../shared/money.js';
import { normalizePlate, plateFormatOf } from '../../shared/plates.js';
import { amountDue, getBiller, payables, type Payable } from '../billers/index.js';
import { findBankPayment, postBankNotification, reverseBankPayment, type BankPayment } from '../payments/index.js';
import { auditedBankRefusals } from './channels.audit.js';
import { localDate, localDayBounds } from '../../platform/clock.js';
import * as store from './channels.store.js';

export type BillingNumberKind = 'accountNumber' | 'meterNumber' | 'civilId' | 'plate';

export interface BankBill {
  billId: string;
  billerCode: string;
  billerName: { ar: string; en: string };
  kind: string;
  description: { ar: string; en: string };
  dueDate: string;
  currency: string;
  amountDue: bigint;
  minAmount: bigint;
  maxAmount: bigint;
  partialAllowed: boolean;
}

export interface NotificationInput {
  transactionId: string;
  currency: string;
  bills: { billId: string; amount: string }[];
}

export interface NotificationResult {
  payment: BankPayment;
  items: { payableId: string; amount: bigint }[];
  replayed: boolean;
}

function bankOf(actor: Actor): string {
  if (actor.kind !== 'client' || actor.role !== 'bank') throw new AppError('forbidden', { channel: 'bank' });
  return actor.id;
}

/** A bank's permissions for the billers it asks about: code → reversal window in minutes (null: same business day). */
async function allowedBillers(ctx: Ctx, clientId: string, billerCodes: string[]): Promise<Map<string, number | null>> {
  const rows = await store.bankBillersOf(ctx.db, clientId, [...new Set(billerCodes)]);
  return new Map(rows.map((r) => [r.billerCode, r.reversalWindowMinutes]));
}

function presentBill(row: Payable, biller: { nameAr: string; nameEn: string }): BankBill {
  const due = amountDue(row);
  // A part payment may go from the biller's minimum (one minor unit if it sets none) up to what is due.
  const floor = row.minPartialAmount > 0n ? row.minPartialAmount : 1n;
  const min = row.allowsPartialPayment && floor < due ? floor : due;
  return {
    billId: row.id, billerCode: row.billerCode, billerName: { ar: biller.nameAr, en: biller.nameEn }, kind: row.kind,
    description: { ar: row.descriptionAr, en: row.descriptionEn }, dueDate: row.dueDate, currency: row.currency,
    amountDue: due, minAmount: min, maxAmount: due, partialAllowed: row.allowsPartialPayment,
  };
}

/** Open bills a bank may collect, by one billing number; the look-up is audited (the way a civil ID inquiry is). */
export async function inquire(ctx: Ctx, actor: Actor, kind: BillingNumberKind, value: string): Promise<BankBill[]> {
  return auditedBankRefusals(ctx, actor, 'bank.inquiry', `${kind}:${value}`, {}, async () => {
    const clientId = bankOf(actor);
    const key = kind === 'plate' ? normalizePlate(value, plateFormatOf(ctx.config.TASDEED_COUNTRY)) : value;
    const rows = (await payables.findOpen(ctx, { [kind]: key })).filter((row) => row.payableOnline && amountDue(row) > 0n);
    const allowed = await allowedBillers(ctx, clientId, rows.map((r) => r.billerCode));
    const bills: BankBill[] = [];
    for (const row of rows) if (allowed.has(row.billerCode)) bills.push(presentBill(row, await getBiller(ctx, row.billerCode)));
    await recordReadAudit(ctx, actor, { action: 'bank.inquiry', entityType: 'lookup', entityId: `${kind}:${key}`, detail: { found: bills.length } });
    return bills;
  });
}

/**
 * A bank's payment notification. The same transaction id with the same bills and amounts answers the first
 * result (nothing posts twice); with different content it is refused with channel_notification_conflict.
 */
export async function notifyPayment(ctx: Ctx, actor: Actor, input: NotificationInput): Promise<NotificationResult> {
  return auditedBankRefusals(ctx, actor, 'bank.payment', input.transactionId, { bills: input.bills, currency: input.currency }, async () => {
    const clientId = bankOf(actor);
    if (input.bills.length === 0) throw new AppError('payment_items_required');
    const rows = await payables.findMany(ctx, input.bills.map((b) => b.billId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const bill of input.bills) if (!byId.has(bill.billId)) throw new AppError('payable_not_found', { billId: bill.billId });
    const allowed = await allowedBillers(ctx, clientId, rows.map((r) => r.billerCode));
    for (const row of rows) {
      if (!allowed.has(row.billerCode)) throw new AppError('channel_bank_not_allowed', { billerCode: row.billerCode });
      if (row.currency !== input.currency) throw new AppError('channel_currency_mismatch', { billId: row.id, currency: input.currency, billCurrency: row.currency });
    }
    // Amounts in the bill's currency: too many decimals for it is refused here (amount_too_precise).
    const items = input.bills.map((b) => ({ payableId: b.billId, amount: parsePositiveAmount(b.amount, input.currency) }));
    try {
      const { payment, replayed } = await postBankNotification(ctx, actor, { externalId: input.transactionId, currency: input.currency, items });
      return { payment, items, replayed };
    } catch (error) {
      if (error instanceof AppError && error.code === 'idempotency_conflict') {
        throw new AppError('channel_notification_conflict', { transactionId: input.transactionId, paymentId: error.details.paymentId });
      }
      throw error;
    }
  });
}

/** When a payment may no longer be reversed: the earliest window of the billers it paid. */
function reversalDeadline(ctx: Ctx, postedAt: Date, windows: (number | null | undefined)[]): Date {
  const endOfDay = localDayBounds(localDate(postedAt, ctx.config.TZ_BUSINESS), ctx.config.TZ_BUSINESS).to;
  let deadline = Number.POSITIVE_INFINITY;
  for (const minutes of windows) {
    const end = minutes === null || minutes === undefined ? endOfDay.getTime() : postedAt.getTime() + minutes * 60_000;
    deadline = Math.min(deadline, end);
  }
  return new Date(Number.isFinite(deadline) ? deadline : endOfDay.getTime());
}

/** The notifying bank reverses its payment, with a reason, inside the biller's window. */
export async function reversePayment(ctx: Ctx, actor: Actor, input: { transactionId: string; reason: string }) {
  return auditedBankRefusals(ctx, actor, 'bank.reversal', input.transactionId, { reason: input.reason }, async () => {
    const clientId = bankOf(actor);
    const found = await findBankPayment(ctx, actor, input.transactionId);
    if (!found) throw new AppError('channel_payment_unknown', { transactionId: input.transactionId });
    if (found.payment.status === 'reversed' || found.payment.status === 'refunded') throw new AppError('channel_already_reversed', { transactionId: input.transactionId });
    const rows = await payables.findMany(ctx, found.items.map((i) => i.payableId));
    const windows = await allowedBillers(ctx, clientId, rows.map((r) => r.billerCode));
    const deadline = reversalDeadline(ctx, found.payment.postedAt ?? found.payment.createdAt, rows.map((r) => windows.get(r.billerCode)));
    if (ctx.clock.now() >= deadline) throw new AppError('channel_reversal_window_closed', { transactionId: input.transactionId, deadline: deadline.toISOString() });
    return reverseBankPayment(ctx, actor, { externalId: input.transactionId, reason: input.reason });
  });
}

/** Lets a bank collect for a biller (admin data; the demo seed gives the demo bank every biller). */
export async function allowBankForBiller(ctx: Ctx, input: { clientId: string; billerCode: string; reversalWindowMinutes?: number | null }): Promise<void> {
  await getBiller(ctx, input.billerCode);
  await store.upsertBankBiller(ctx.db, { clientId: input.clientId, billerCode: input.billerCode, reversalWindowMinutes: input.reversalWindowMinutes ?? null });
}
