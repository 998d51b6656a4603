// The analytical reports, each a ReportTable (rows and per-currency totals) built from one read-only snapshot:
// collections by day, channel, biller, office and bank; debt ageing by biller and category; payables issued vs
// collected per month; service requests by type and lateness. Admins only (there is no separate reporting role).
import { requireRole, type Actor } from '../../platform/actor.js';
import type { Ctx } from '../../platform/context.js';
import * as store from './analytics.store.js';
import { readOnlySnapshot } from './read-only.js';
import { parseReportFilters, type ReportFilterInput, type ReportFilters } from './report-filters.js';
import { amountCell, column, percentCell, totalsByCurrency, type ReportColumn, type ReportRow, type ReportTable } from './report-table.js';

export type Names = Map<string, { nameAr: string; nameEn: string }>;
export type Build = (db: Parameters<Parameters<typeof readOnlySnapshot>[1]>[0], filters: ReportFilters, names: Names) => Promise<Omit<ReportTable, 'generatedAt' | 'filters'>>;

/** Runs one report for an admin: checks the role, then the filters, then reads everything in one snapshot. */
export async function runReport(ctx: Ctx, actor: Actor, build: Build, input: ReportFilterInput): Promise<ReportTable> {
  requireRole(actor, 'admin');
  return readOnlySnapshot(ctx, async (db) => {
    const names = await store.billerNames(db);
    const filters = parseReportFilters(ctx, input, new Set(names.keys()));
    const table = await build(db, filters, names);
    return {
      ...table,
      generatedAt: ctx.clock.now().toISOString(),
      filters: { from: filters.fromDay, to: filters.toDay, timeZone: filters.timeZone, billerCode: filters.billerCode ?? null },
    };
  });
}

export const billerColumns = [column('billerCode', 'text', 'Biller', 'الجهة'), column('billerNameEn', 'text', 'Biller name', 'اسم الجهة (إنجليزي)'), column('billerNameAr', 'text', 'Biller name (Arabic)', 'اسم الجهة')];
export const withBillerNames = (names: Names, code: string) => ({ billerCode: code, billerNameEn: names.get(code)?.nameEn ?? code, billerNameAr: names.get(code)?.nameAr ?? code });

export const collectionsBreakdown: Build = async (db, filters, names) => {
  const by = filters.by;
  const columns: ReportColumn[] = [
    ...(by.includes('day') ? [column('day', 'text', 'Day', 'اليوم')] : []),
    ...(by.includes('channel') ? [column('channel', 'text', 'Channel', 'القناة')] : []),
    ...(by.includes('biller') ? billerColumns : []),
    ...(by.includes('office') ? [column('office', 'text', 'Office', 'المكتب')] : []),
    ...(by.includes('bank') ? [column('bank', 'text', 'Bank', 'البنك')] : []),
    column('currency', 'text', 'Currency', 'العملة'),
    column('payments', 'count', 'Payments', 'عدد الدفعات'),
    column('items', 'count', 'Payables paid', 'عدد المستحقات المسددة'),
    column('amount', 'amount', 'Collected', 'المحصّل'),
    column('refunded', 'amount', 'Refunded since', 'المسترد لاحقًا'),
    column('net', 'amount', 'Net', 'الصافي'),
  ];
  const present = (r: store.CollectionsRow): ReportRow => ({
    ...(r.day !== undefined ? { day: r.day } : {}),
    ...(r.channel !== undefined ? { channel: r.channel } : {}),
    ...(r.billerCode !== undefined ? withBillerNames(names, r.billerCode) : {}),
    ...(r.office !== undefined ? { office: r.office } : {}),
    ...(r.bank !== undefined ? { bank: r.bank } : {}),
    currency: r.currency, payments: r.payments, items: r.items,
    amount: amountCell(BigInt(r.amount), r.currency), refunded: amountCell(BigInt(r.refunded), r.currency),
    net: amountCell(BigInt(r.amount) - BigInt(r.refunded), r.currency),
  });
  const range = { from: filters.from, to: filters.to, billerCode: filters.billerCode, timeZone: filters.timeZone };
  const rows = await store.collectionsBreakdown(db, { ...range, by });
  // Totals from the same snapshot grouped by currency alone: a payment paying two billers is one payment in the
  // total while it counts in each biller's row; the amounts are exactly the sum of the rows.
  const totals = await store.collectionsBreakdown(db, { ...range, by: [] });
  return {
    report: 'collections-breakdown', titleEn: 'Collections', titleAr: 'التحصيل',
    columns, rows: rows.map(present), totals: totals.map((t) => ({ ...Object.fromEntries(columns.map((c) => [c.key, null])), ...present(t) })),
  };
};

export const debtAgeing: Build = async (db, filters, names) => {
  const columns: ReportColumn[] = [
    ...billerColumns,
    column('category', 'text', 'Category', 'الفئة'),
    column('currency', 'text', 'Currency', 'العملة'),
    column('payables', 'count', 'Open payables', 'المستحقات المفتوحة'),
    column('notDue', 'amount', 'Not yet due', 'لم يحن موعدها'),
    column('days0to30', 'amount', '0–30 days', '0–30 يومًا'),
    column('days31to60', 'amount', '31–60 days', '31–60 يومًا'),
    column('days61to90', 'amount', '61–90 days', '61–90 يومًا'),
    column('days90plus', 'amount', 'Over 90 days', 'أكثر من 90 يومًا'),
    column('outstanding', 'amount', 'Outstanding', 'المتبقي'),
  ];
  // Ageing is of today: what is still owed now, aged from each due date to today (the range does not apply).
  const rows = (await store.debtAgeing(db, { asOf: filters.today, billerCode: filters.billerCode })).map((r): ReportRow => ({
    ...withBillerNames(names, r.billerCode), category: r.category, currency: r.currency, payables: r.payables,
    notDue: amountCell(BigInt(r.notDue), r.currency), days0to30: amountCell(BigInt(r.days0to30), r.currency),
    days31to60: amountCell(BigInt(r.days31to60), r.currency), days61to90: amountCell(BigInt(r.days61to90), r.currency),
    days90plus: amountCell(BigInt(r.days90plus), r.currency), outstanding: amountCell(BigInt(r.outstanding), r.currency),
  }));
  return { report: 'debt-ageing', titleEn: `Debt ageing on ${filters.today}`, titleAr: `أعمار الديون في ${filters.today}`, columns, rows, totals: totalsByCurrency(columns, rows) };
};

export const issuedVsCollected: Build = async (db, filters, names) => {
  const columns: ReportColumn[] = [
    column('period', 'text', 'Month issued', 'شهر الإصدار'),
    ...billerColumns,
    column('kind', 'text', 'Kind', 'النوع'),
    column('currency', 'text', 'Currency', 'العملة'),
    column('issued', 'count', 'Issued', 'المُصدَرة'),
    column('paid', 'count', 'Paid in full', 'المسددة بالكامل'),
    column('issuedAmount', 'amount', 'Amount issued', 'المبلغ المُصدَر'),
    column('collectedAmount', 'amount', 'Collected', 'المحصّل'),
    column('outstanding', 'amount', 'Outstanding', 'المتبقي'),
    column('collectionRate', 'percent', 'Collected %', 'نسبة التحصيل %'),
  ];
  const rows = (await store.issuedVsCollected(db, { fromDay: filters.fromDay, toDay: filters.toDay, billerCode: filters.billerCode })).map((r): ReportRow => {
    const issued = BigInt(r.issuedAmount);
    const collected = BigInt(r.collectedAmount);
    return {
      period: r.period, ...withBillerNames(names, r.billerCode), kind: r.kind, currency: r.currency, issued: r.issued, paid: r.paid,
      issuedAmount: amountCell(issued, r.currency), collectedAmount: amountCell(collected, r.currency),
      outstanding: amountCell(issued - collected, r.currency), collectionRate: percentCell(collected, issued),
    };
  });
  const totals = totalsByCurrency(columns, rows, (sums) => ({ collectionRate: percentCell(sums.collectedAmount ?? 0n, sums.issuedAmount ?? 0n) }));
  return { report: 'issued-vs-collected', titleEn: 'Issued vs collected', titleAr: 'المُصدَر مقابل المحصّل', columns, rows, totals };
};

export const requestsByTypeAndLateness: Build = async (db, filters) => {
  const columns: ReportColumn[] = [
    column('typeCode', 'text', 'Request type', 'نوع الطلب'),
    column('typeNameEn', 'text', 'Type name', 'اسم النوع (إنجليزي)'),
    column('typeNameAr', 'text', 'Type name (Arabic)', 'اسم النوع'),
    column('office', 'text', 'Office', 'المكتب'),
    column('submitted', 'count', 'Submitted', 'المقدَّمة'),
    column('open', 'count', 'Open', 'المفتوحة'),
    column('done', 'count', 'Done', 'المنجزة'),
    column('rejected', 'count', 'Rejected', 'المرفوضة'),
    column('escalated', 'count', 'Ever late (escalated)', 'تأخرت (صُعِّدت)'),
    column('lateNow', 'count', 'Late now', 'متأخرة الآن'),
  ];
  const rows = (await store.requestsByTypeAndLateness(db, { from: filters.from, to: filters.to, billerCode: filters.billerCode })).map((r): ReportRow => ({
    typeCode: r.typeCode, typeNameEn: r.nameEn, typeNameAr: r.nameAr, office: r.office, submitted: r.submitted, open: r.open,
    done: r.done, rejected: r.rejected, escalated: r.escalated, lateNow: r.lateNow,
  }));
  return { report: 'requests', titleEn: 'Service requests by type and lateness', titleAr: 'طلبات الخدمة حسب النوع والتأخر', columns, rows, totals: totalsByCurrency(columns, rows) };
};
