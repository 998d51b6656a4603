// The admin reports: which there are, fetching one as a table (`ReportTable` in the generated API types), the links
// that download it as CSV or XLSX, and how each is charted (which column names the bars, which ones stack).
import { answer, api, serializeQuery, type ApiClient, type Schema } from '../../api/index.js';

export type ReportTable = Schema<'ReportTable'>;
export type ReportRow = ReportTable['rows'][number];

export const REPORT_NAMES = ['collections-breakdown', 'debt-ageing', 'issued-vs-collected', 'requests', 'disconnections'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const isReportName = (name: string | undefined): name is ReportName => (REPORT_NAMES as readonly string[]).includes(name ?? '');

export interface ReportQuery {
  from?: string;
  to?: string;
  billerCode?: string;
}

/** Every report has the same path shape and answers the same table: one typed path stands for all of them. */
export async function fetchReport(name: ReportName, query: ReportQuery, client: ApiClient = api, signal?: AbortSignal): Promise<ReportTable> {
  const path = `/api/v1/reports/${name}` as '/api/v1/reports/disconnections';
  return (await answer(client.GET(path, { params: { query: { ...query, format: 'json' } }, signal }))) as ReportTable;
}

/** Same-origin link to the file (the session cookie goes with it); XLSX and PDF headings in the page's language. */
export function reportFileUrl(name: ReportName, query: ReportQuery, format: 'csv' | 'xlsx' | 'pdf', language: 'ar' | 'en'): string {
  return `/api/v1/reports/${name}?${serializeQuery({ ...query, format, lang: language })}`;
}

/**
 * The chart of each report: the bars are named by `category` (per language when the column has one per language),
 * and each bar stacks the `series` columns, or with `pivot` the `value` column split by the pivot column's values.
 */
export type ChartSpec =
  | { category: { ar: string; en: string }; series: string[] }
  | { category: { ar: string; en: string }; pivot: string; value: string };

const same = (key: string) => ({ ar: key, en: key });

export const REPORT_CHARTS: Record<ReportName, ChartSpec> = {
  'collections-breakdown': { category: same('day'), pivot: 'channel', value: 'amount' },
  'debt-ageing': { category: { ar: 'billerNameAr', en: 'billerNameEn' }, series: ['notDue', 'days0to30', 'days31to60', 'days61to90', 'days90plus'] },
  'issued-vs-collected': { category: same('period'), series: ['collectedAmount', 'outstanding'] },
  requests: { category: { ar: 'typeNameAr', en: 'typeNameEn' }, series: ['open', 'done', 'rejected'] },
  disconnections: { category: same('period'), series: ['warnings', 'disconnectionOrders', 'reconnectionOrders'] },
};

export interface ChartData {
  currency: string | null;
  series: { key: string; label: string }[];
  categories: { label: string; values: number[] }[];
  amounts: boolean;
}

/**
 * The chart's figures from the table: rows of one currency (amounts of two currencies are never stacked together),
 * summed per category. Amounts become plain numbers here: a bar's length need not be exact to the fils, the table
 * beside it is (its cells are the API's decimal strings, never added in the browser).
 */
export function chartData(table: ReportTable, spec: ChartSpec, currency: string | null, language: 'ar' | 'en', seriesLabel: (key: string) => string): ChartData {
  const rows = table.rows.filter((r) => currency === null || r.currency === currency);
  const categoryKey = spec.category[language];
  const keys = 'series' in spec ? spec.series : [...new Set(rows.map((r) => String(r[spec.pivot] ?? '')))].sort();
  const valueKind = table.columns.find((c) => c.key === ('series' in spec ? spec.series[0] : spec.value))?.kind;
  const sums = new Map<string, number[]>();
  for (const row of rows) {
    const label = String(row[categoryKey] ?? '');
    let values = sums.get(label);
    if (!values) sums.set(label, (values = keys.map(() => 0)));
    keys.forEach((key, i) => {
      const cell = 'series' in spec ? row[key] : String(row[spec.pivot] ?? '') === key ? row[spec.value] : 0;
      values[i]! += Number(cell ?? 0);
    });
  }
  return {
    currency,
    amounts: valueKind === 'amount',
    series: keys.map((key) => ({ key, label: seriesLabel(key) })),
    categories: [...sums.entries()].map(([label, values]) => ({ label, values })),
  };
}
