// The one shape every tabular report takes, so JSON, CSV and XLSX are written by one presenter each: named columns
// (labels in Arabic and English), rows, and total rows. Amount cells are decimal strings in the scale of the row's
// `currency` cell; counts are whole numbers; percents are decimal strings with one decimal.
import { currencyInfo, formatAmount } from '../../shared/money.js';

export type ColumnKind = 'text' | 'count' | 'amount' | 'percent';

export interface ReportColumn {
  key: string;
  labelAr: string;
  labelEn: string;
  kind: ColumnKind;
}

export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;

export interface ReportTable {
  report: string;
  titleAr: string;
  titleEn: string;
  /** The filters that produced it, as given (dates, biller), for the reader of an exported file. */
  filters: Record<string, string | null>;
  generatedAt: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** One row per currency (amounts of different currencies are never added together). */
  totals: ReportRow[];
}

export const column = (key: string, kind: ColumnKind, labelEn: string, labelAr: string): ReportColumn => ({ key, kind, labelAr, labelEn });

/** Minor units as the currency's decimal string ("12.500"). */
export const amountCell = (minor: bigint, currency: string): string => formatAmount(minor, currency);

/** part / whole as a percent with one decimal, rounded half up; null when there is no whole. */
export function percentCell(part: bigint, whole: bigint): string | null {
  if (whole <= 0n) return null;
  const tenths = (part * 1000n * 2n + whole) / (whole * 2n);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** Decimals of an amount cell: the scale of the row's currency. */
export const decimalsOf = (row: ReportRow): number => currencyInfo(String(row.currency ?? 'KWD')).minorUnits;

/**
 * Sums rows into one total row per currency: counts and amounts add up (amounts in minor units, exactly); text
 * columns are blank except the currency; percents are recomputed by `percent` from the summed figures.
 */
export function totalsByCurrency(
  columns: ReportColumn[], rows: ReportRow[],
  percent?: (sums: Record<string, bigint>) => Record<string, string | null>,
): ReportRow[] {
  const byCurrency = new Map<string, Record<string, bigint>>();
  for (const row of rows) {
    const currency = String(row.currency ?? '');
    let sums = byCurrency.get(currency);
    if (!sums) byCurrency.set(currency, (sums = {}));
    for (const c of columns) {
      const value = row[c.key];
      if (value === null || value === undefined) continue;
      if (c.kind === 'count') sums[c.key] = (sums[c.key] ?? 0n) + BigInt(value);
      if (c.kind === 'amount') sums[c.key] = (sums[c.key] ?? 0n) + minorOf(String(value), currency);
    }
  }
  return [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sums]) => {
    const total: ReportRow = {};
    const percents = percent?.(sums) ?? {};
    for (const c of columns) {
      if (c.key === 'currency') total[c.key] = currency;
      else if (c.kind === 'count') total[c.key] = Number(sums[c.key] ?? 0n);
      else if (c.kind === 'amount') total[c.key] = amountCell(sums[c.key] ?? 0n, currency);
      else if (c.kind === 'percent') total[c.key] = percents[c.key] ?? null;
      else total[c.key] = null;
    }
    return total;
  });
}

/** "12.500" KWD → 12500n, exactly (the cells were written by formatAmount in the same scale). */
function minorOf(decimal: string, currency: string): bigint {
  const scale = currencyInfo(currency).minorUnits;
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const minor = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return negative ? -minor : minor;
}
