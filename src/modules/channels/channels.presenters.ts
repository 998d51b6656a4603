// Service results as the banks' API answers them: amounts as decimal strings in the bill's currency.
import { formatAmount } from '../../shared/money.js';
import type { BankBill, NotificationResult } from './banks.service.js';

export function presentBill(bill: BankBill) {
  const money = (v: bigint) => formatAmount(v, bill.currency);
  return { ...bill, amountDue: money(bill.amountDue), minAmount: money(bill.minAmount), maxAmount: money(bill.maxAmount) };
}

export function presentNotification(result: NotificationResult) {
  const { payment } = result;
  return {
    transactionId: payment.externalId ?? '', paymentId: payment.id, receiptNumber: payment.receiptNumber, status: payment.status,
    amount: formatAmount(payment.amount, payment.currency), currency: payment.currency,
    postedAt: (payment.postedAt ?? payment.createdAt).toISOString(), replayed: result.replayed,
  };
}

export function presentReversal(transactionId: string, r: { refundId: string; paymentId: string; amount: bigint; currency: string; status: string }) {
  return { transactionId, paymentId: r.paymentId, reversalId: r.refundId, amount: formatAmount(r.amount, r.currency), currency: r.currency, status: r.status };
}
