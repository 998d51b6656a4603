// Counter results as the API answers them: amounts as decimal strings in the drawer's currency.
import { formatAmount } from '../../shared/money.js';
import type { CounterPaymentResult } from './counter.payments.service.js';
import type { OfficeWithCounters } from './counter.offices.service.js';
import { offlinePrefixOf, offlineReceiptNumberOf, type ReceiptBlock } from './counter.offline.service.js';
import type * as store from './counter.store.js';

/** An office in the platform's currency (offices have none of their own; their limits are in it). */
export function presentOffice(o: OfficeWithCounters, currency: string) {
  const limit = (v: bigint | null) => (v === null ? null : formatAmount(v, currency));
  return {
    id: o.id, code: o.code, nameAr: o.nameAr, nameEn: o.nameEn, areaAr: o.areaAr, areaEn: o.areaEn, active: o.active,
    counters: o.counters.map(presentCounter),
    offlineLimits: { currency, maxPerPayment: limit(o.offlineMaxPayment), maxTotal: limit(o.offlineMaxTotal) },
  };
}

export function presentReceiptBlock(b: ReceiptBlock) {
  return {
    blockId: b.block.id, drawerId: b.block.drawerId, officeCode: b.officeCode, counterCode: b.counterCode,
    prefix: offlinePrefixOf(b.officeCode, b.counterCode), first: b.block.firstSeq.toString(), last: b.block.lastSeq.toString(),
    firstReceiptNumber: offlineReceiptNumberOf(b.officeCode, b.counterCode, b.block.firstSeq), lastReceiptNumber: offlineReceiptNumberOf(b.officeCode, b.counterCode, b.block.lastSeq),
    allocatedAt: b.block.allocatedAt.toISOString(),
  };
}

export function presentCounter(c: store.CounterRow) {
  return { id: c.id, code: c.code, nameAr: c.nameAr, nameEn: c.nameEn, active: c.active };
}

export function presentDrawer(d: store.DrawerRow, expectedNow?: bigint) {
  const money = (v: bigint | null) => (v === null ? null : formatAmount(v, d.currency));
  return {
    drawerId: d.id, officeId: d.officeId, counterId: d.counterId, cashierId: d.cashierId, businessDate: d.businessDate, currency: d.currency, status: d.status,
    openingFloat: formatAmount(d.openingFloat, d.currency), expectedCash: money(d.expectedCash ?? expectedNow ?? null), countedCash: money(d.countedCash),
    difference: money(d.difference), openedAt: d.openedAt.toISOString(), closedAt: d.closedAt?.toISOString() ?? null,
  };
}

export function presentCounterPayment(r: CounterPaymentResult) {
  const p = r.payment;
  const money = (v: bigint) => formatAmount(v, p.currency);
  return {
    id: p.id, paymentId: p.paymentId, receiptNumber: p.receiptNumber, officeCode: r.officeCode, counterCode: r.counterCode, businessDate: p.businessDate,
    status: p.status, currency: p.currency, amount: money(p.amount), changeGiven: money(p.changeGiven),
    items: r.items.map((i) => ({ payableId: i.payableId, billerCode: i.billerCode, amount: money(i.amount) })),
    tenders: r.tenders.map((t) => ({ kind: t.kind, amount: money(t.amount), reference: t.reference, chequeNumber: t.chequeNumber, chequeBank: t.chequeBank })),
    takenOffline: p.takenOffline, offlineReceipt: p.receiptBlockId !== null, overOfflineLimit: p.overOfflineLimit, credited: money(p.credited),
    voidReason: p.voidReason, createdAt: p.createdAt.toISOString(), replayed: r.replayed,
  };
}
