// A report table as CSV (formula-safe, via shared/csv) or XLSX (shared/xlsx; the PDF is report-pdf.ts): one header row of column keys (CSV,
// for machines) or labels (XLSX, for people, in the chosen language), then a `section` column telling the data rows
// from the totals, so a reader can check the totals against the rows.
import { toCsv, type CsvValue } from '../../shared/csv.js';
import { xlsx, type XlsxCell } from '../../shared/xlsx.js';
import { decimalsOf, type ReportRow, type ReportTable } from './report-table.js';

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

/**
 * The language of an exported file: `lang` when given, else the first of Arabic or English the Accept-Language
 * header asks for (by its q weights), else English.
 */
export function exportLanguage(lang: 'ar' | 'en' | undefined, acceptLanguage: string | undefined): 'ar' | 'en' {
  if (lang) return lang;
  const wanted = (acceptLanguage ?? '').split(',').map((part, order) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return { primary: tag.split('-')[0], q: q === undefined ? 1 : Number(q), order };
  }).filter((w) => (w.primary === 'ar' || w.primary === 'en') && w.q > 0);
  wanted.sort((a, b) => b.q - a.q || a.order - b.order);
  return wanted[0]?.primary === 'ar' ? 'ar' : 'en';
}

export function reportCsv(table: ReportTable): string {
  const header: CsvValue[] = ['section', ...table.columns.map((c) => c.key)];
  const line = (section: string, row: ReportRow): CsvValue[] => [section, ...table.columns.map((c) => row[c.key] ?? null)];
  return toCsv([header, ...table.rows.map((row) => line('row', row)), ...table.totals.map((row) => line('total', row))]);
}

export function reportXlsx(table: ReportTable, language: 'ar' | 'en'): Buffer {
  const ar = language === 'ar';
  const header: XlsxCell[] = [ar ? 'القسم' : 'Section', ...table.columns.map((c) => (ar ? c.labelAr : c.labelEn))];
  const line = (section: string, row: ReportRow): XlsxCell[] => [section, ...table.columns.map((c): XlsxCell => {
    const value = row[c.key] ?? null;
    if (value === null) return null;
    if (c.kind === 'amount') return { decimal: String(value), decimals: decimalsOf(row) };
    if (c.kind === 'percent') return { decimal: String(value), decimals: 1 };
    if (c.kind === 'count') return Number(value);
    return String(value);
  })];
  const [rowLabel, totalLabel] = ar ? ['بيان', 'الإجمالي'] : ['row', 'total'];
  const filters: XlsxCell[][] = [
    [ar ? 'البند' : 'Item', ar ? 'القيمة' : 'Value'],
    [ar ? 'التقرير' : 'Report', ar ? table.titleAr : table.titleEn],
    [ar ? 'أُعد في' : 'Generated at', table.generatedAt],
    ...Object.entries(table.filters).map(([key, value]): XlsxCell[] => [key, value ?? '']),
  ];
  return xlsx([
    { name: table.report, rightToLeft: ar, rows: [header, ...table.rows.map((row) => line(rowLabel, row)), ...table.totals.map((row) => line(totalLabel, row))] },
    { name: ar ? 'المعايير' : 'Filters', rightToLeft: ar, rows: filters },
  ]);
}
