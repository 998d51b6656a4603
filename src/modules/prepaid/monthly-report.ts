// The month's report of the filling stations: gallons, dispenses and KD per station and per operator (with the
// part of it that became offline debt), as JSON or as CSV for the accounts department's spreadsheet.
import type { Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { toCsv } from '../../shared/csv.js';
import { formatAmount } from '../../shared/money.js';
import { zonedMidnight } from './reports.service.js';
import * as store from './prepaid.store.js';

interface Line { code: string; nameAr: string; nameEn: string; dispenses: number; gallons: number; amount: string; debt: string; currency: string }

export interface MonthlyReport {
  month: string;
  stations: Line[];
  operators: Line[];
  total: { dispenses: number; gallons: number; amount: string; currency: string };
}

/** `month` is YYYY-MM in the business time zone. */
export async function monthlyReport(ctx: Ctx, actor: Actor, month: string): Promise<MonthlyReport> {
  requireRole(actor, 'admin');
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const next = mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
  const start = zonedMidnight(`${month}-01`, ctx.config.TZ_BUSINESS);
  const end = zonedMidnight(`${next}-01`, ctx.config.TZ_BUSINESS);
  const stations = new Map((await store.listStations(ctx.db)).map((s) => [s.id, s]));
  const operators = new Map((await store.listOperators(ctx.db)).map((o) => [o.id, o]));
  const line = (row: Awaited<ReturnType<typeof store.dispenseTotalsBy>>[number], named: { code: string; nameAr: string; nameEn: string }): Line => ({
    ...named, dispenses: row.dispenses, gallons: Number(row.gallons), amount: formatAmount(BigInt(row.amount), row.currency),
    debt: formatAmount(BigInt(row.debt), row.currency), currency: row.currency,
  });
  const byStation = await store.dispenseTotalsBy(ctx.db, 'stationId', start, end);
  const byOperator = await store.dispenseTotalsBy(ctx.db, 'operatorId', start, end);
  const currency = byStation[0]?.currency ?? 'KWD';
  return {
    month,
    stations: byStation.map((row) => {
      const station = stations.get(row.id);
      return line(row, { code: station?.code ?? row.id, nameAr: station?.nameAr ?? '', nameEn: station?.nameEn ?? '' });
    }),
    operators: byOperator.map((row) => {
      const operator = operators.get(row.id);
      return line(row, { code: operator?.commercialRegistration ?? operator?.civilId ?? row.id, nameAr: operator?.nameAr ?? '', nameEn: operator?.nameEn ?? '' });
    }),
    total: {
      dispenses: byStation.reduce((sum, r) => sum + r.dispenses, 0),
      gallons: byStation.reduce((sum, r) => sum + Number(r.gallons), 0),
      amount: formatAmount(byStation.reduce((sum, r) => sum + BigInt(r.amount), 0n), currency),
      currency,
    },
  };
}

const CSV_HEADER = ['section', 'code', 'name_ar', 'name_en', 'dispenses', 'gallons', 'amount', 'offline_debt', 'currency'];

/** One table with a `section` column (station, operator, total); shared/csv.ts quotes, defuses formulas and adds the BOM. */
export function monthlyReportCsv(report: MonthlyReport): string {
  const rows: (string | number)[][] = [CSV_HEADER];
  for (const l of report.stations) rows.push(['station', l.code, l.nameAr, l.nameEn, l.dispenses, l.gallons, l.amount, l.debt, l.currency]);
  for (const l of report.operators) rows.push(['operator', l.code, l.nameAr, l.nameEn, l.dispenses, l.gallons, l.amount, l.debt, l.currency]);
  rows.push(['total', report.month, '', '', report.total.dispenses, report.total.gallons, report.total.amount, '', report.total.currency]);
  return toCsv(rows);
}
