// An office's business day in figures: payments kept and voided, totals by tender (cash net of the change given)
// and by biller, and each drawer with its float, expected and counted cash and its difference. Amounts are decimal
// strings, so the day close keeps them as JSON exactly as they were shown.
import type { Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import * as store from './counter.store.js';

export interface DayTotals {
  currency: string;
  paymentCount: number;
  paid: string;
  voidCount: number;
  voided: string;
  byTender: { kind: 'cash' | 'card' | 'cheque'; count: number; amount: string }[];
  byBiller: { billerCode: string; count: number; amount: string }[];
  overShort: string;
  drawers: {
    drawerId: string; counterCode: string; cashierId: string; status: string; openingFloat: string;
    expectedCash: string | null; countedCash: string | null; difference: string | null;
  }[];
}

export async function dayTotals(ctx: Ctx, officeId: string, businessDate: string): Promise<DayTotals> {
  const [drawers, payments, counters] = await Promise.all([
    store.drawersOfOfficeDay(ctx.db, officeId, businessDate),
    store.paymentsOfOfficeDay(ctx.db, officeId, businessDate),
    store.countersOf(ctx.db, [officeId]),
  ]);
  const currency = drawers[0]?.currency ?? ctx.config.TASDEED_CURRENCY;
  const money = (v: bigint) => formatAmount(v, currency);
  const kept = payments.filter((p) => p.status === 'posted');
  const voided = payments.filter((p) => p.status === 'voided');
  const { items, tenders } = await store.detailsOf(ctx.db, kept.map((p) => p.id));

  const byTender = new Map<string, { count: number; amount: bigint }>();
  for (const kind of ['cash', 'card', 'cheque']) byTender.set(kind, { count: 0, amount: 0n });
  for (const t of tenders) { const row = byTender.get(t.kind)!; row.count++; row.amount += t.amount; }
  byTender.get('cash')!.amount -= kept.reduce((sum, p) => sum + p.changeGiven, 0n);

  const byBiller = new Map<string, { payments: Set<string>; amount: bigint }>();
  for (const item of items) {
    if (!byBiller.has(item.billerCode)) byBiller.set(item.billerCode, { payments: new Set(), amount: 0n });
    const row = byBiller.get(item.billerCode)!;
    row.payments.add(item.counterPaymentId);
    row.amount += item.amount;
  }
  const codeOf = new Map(counters.map((c) => [c.id, c.code]));
  const maybe = (v: bigint | null) => (v === null ? null : money(v));
  return {
    currency,
    paymentCount: kept.length,
    paid: money(kept.reduce((sum, p) => sum + p.amount, 0n)),
    voidCount: voided.length,
    voided: money(voided.reduce((sum, p) => sum + p.amount, 0n)),
    byTender: [...byTender].map(([kind, t]) => ({ kind: kind as 'cash' | 'card' | 'cheque', count: t.count, amount: money(t.amount) })),
    byBiller: [...byBiller].sort(([a], [b]) => a.localeCompare(b)).map(([billerCode, b]) => ({ billerCode, count: b.payments.size, amount: money(b.amount) })),
    overShort: money(drawers.reduce((sum, d) => sum + (d.difference ?? 0n), 0n)),
    drawers: drawers.map((d) => ({
      drawerId: d.id, counterCode: codeOf.get(d.counterId) ?? '', cashierId: d.cashierId, status: d.status, openingFloat: money(d.openingFloat),
      expectedCash: maybe(d.expectedCash), countedCash: maybe(d.countedCash), difference: maybe(d.difference),
    })),
  };
}

