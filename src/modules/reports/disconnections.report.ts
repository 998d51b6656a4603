// Disconnections and reconnections by month and biller: warnings given, disconnection orders made (carried out,
// cancelled because the debt was paid first), reconnection orders made (carried out, with their fees), orders late
// against their service-level time, and the debt behind them. One row per month, biller and currency; a month with
// only warnings or only orders still has its row. Read in the report's snapshot like the others.
import { amountCell, column, totalsByCurrency, type ReportColumn, type ReportRow } from './report-table.js';
import { billerColumns, withBillerNames, type Build } from './analytics.service.js';
import * as store from './analytics.store.js';

export const DISCONNECTION_COLUMNS: ReportColumn[] = [
  column('period', 'text', 'Month', 'الشهر'),
  ...billerColumns,
  column('currency', 'text', 'Currency', 'العملة'),
  column('warnings', 'count', 'Warnings', 'الإنذارات'),
  column('warnedDebt', 'amount', 'Debt warned about', 'الديون المُنذَر بها'),
  column('disconnectionOrders', 'count', 'Disconnection orders', 'أوامر الفصل'),
  column('disconnected', 'count', 'Disconnected', 'تم فصلها'),
  column('disconnectionsCancelled', 'count', 'Cancelled (paid first)', 'أُلغيت (سُددت قبل الفصل)'),
  column('disconnectionDebt', 'amount', 'Debt behind orders', 'الديون محل أوامر الفصل'),
  column('reconnectionOrders', 'count', 'Reconnection orders', 'أوامر إعادة التوصيل'),
  column('reconnected', 'count', 'Reconnected', 'أُعيد توصيلها'),
  column('reconnectionFees', 'amount', 'Reconnection fees', 'رسوم إعادة التوصيل'),
  column('lateOrders', 'count', 'Orders late', 'أوامر متأخرة'),
];

export const disconnectionsReport: Build = async (db, filters, names) => {
  const range = { from: filters.from, to: filters.to, now: filters.now, billerCode: filters.billerCode, timeZone: filters.timeZone };
  const [warnings, orders] = await Promise.all([store.disconnectionWarnings(db, range), store.disconnectionOrderCounts(db, range)]);
  const rows = new Map<string, { period: string; billerCode: string; currency: string; sums: Record<string, bigint> }>();
  const rowOf = (period: string, billerCode: string, currency: string) => {
    const key = `${period}|${billerCode}|${currency}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { period, billerCode, currency, sums: {} }));
    return row;
  };
  const add = (sums: Record<string, bigint>, key: string, value: number | string) => { sums[key] = (sums[key] ?? 0n) + BigInt(value); };
  for (const w of warnings) {
    const { sums } = rowOf(w.period, w.billerCode, w.currency);
    add(sums, 'warnings', w.warnings);
    add(sums, 'warnedDebt', w.debt);
  }
  for (const o of orders) {
    const { sums } = rowOf(o.period, o.billerCode, o.currency);
    if (o.kind === 'disconnect') {
      add(sums, 'disconnectionOrders', o.orders);
      add(sums, 'disconnected', o.done);
      add(sums, 'disconnectionsCancelled', o.cancelled);
      add(sums, 'disconnectionDebt', o.debt);
    } else {
      add(sums, 'reconnectionOrders', o.orders);
      add(sums, 'reconnected', o.done);
      add(sums, 'reconnectionFees', o.fees);
    }
    add(sums, 'lateOrders', o.late);
  }
  const present = ({ period, billerCode, currency, sums }: { period: string; billerCode: string; currency: string; sums: Record<string, bigint> }): ReportRow => {
    const row: ReportRow = { period, ...withBillerNames(names, billerCode), currency };
    for (const c of DISCONNECTION_COLUMNS) {
      if (c.kind === 'count') row[c.key] = Number(sums[c.key] ?? 0n);
      if (c.kind === 'amount') row[c.key] = amountCell(sums[c.key] ?? 0n, currency);
    }
    return row;
  };
  const table = [...rows.values()]
    .sort((a, b) => a.period.localeCompare(b.period) || a.billerCode.localeCompare(b.billerCode) || a.currency.localeCompare(b.currency))
    .map(present);
  return {
    report: 'disconnections', titleEn: 'Disconnections and reconnections', titleAr: 'الفصل وإعادة التوصيل',
    columns: DISCONNECTION_COLUMNS, rows: table, totals: totalsByCurrency(DISCONNECTION_COLUMNS, table),
  };
};
