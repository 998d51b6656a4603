// A report table as a PDF, in Arabic (right to left) or English, typeset by Typst from report.typ on the render
// pool: title, period, filters, when it was produced, the rows and one total row per currency. Only the name
// column of the chosen language is printed (the JSON, CSV and XLSX carry both). Amounts are printed exactly as in
// the JSON (decimal strings in the currency's scale), so the PDF can be checked against the other exports.
import { formatLocalDateTime, formatQuantity, type Bilingual, type DocumentLanguage } from '../../shared/pdf/format.js';
import { renderPdf } from '../../shared/pdf/render.js';
import type { ReportCell, ReportColumn, ReportRow, ReportTable } from './report-table.js';

const T = {
  issuer: { ar: 'تسديد', en: 'Tasdeed' },
  heading: { ar: 'تقرير', en: 'Report' },
  period: { ar: 'الفترة', en: 'Period' },
  to: { ar: 'إلى', en: 'to' },
  biller: { ar: 'الجهة', en: 'Biller' },
  allBillers: { ar: 'كل الجهات', en: 'All billers' },
  timeZone: { ar: 'المنطقة الزمنية', en: 'Time zone' },
  generatedAt: { ar: 'تاريخ الإعداد', en: 'Generated at' },
  total: { ar: 'الإجمالي', en: 'Total' },
  empty: { ar: 'لا توجد بيانات في هذه الفترة.', en: 'There is nothing to report for this period.' },
  footer: { ar: 'تقرير للاطلاع فقط، أعد آليا من بيانات تسديد.', en: 'For information only; produced automatically from Tasdeed\'s records.' },
  page: { ar: 'صفحة', en: 'Page' },
  of: { ar: 'من', en: 'of' },
} satisfies Record<string, Bilingual>;

/**
 * Arabic short vowels, tanween, shadda and sukun (U+064B-U+0652), as in "المحصّل" or "لاحقًا": print leaves them out
 * as newspapers do, and poppler reads a word with them back in pieces ("المحّص ل"), which copy and search would get.
 */
const HARAKAT = /[\u064b-\u0652]/g;
const plain = (text: string) => text.replace(HARAKAT, '');

/** More columns than this and the page is turned to landscape. */
const PORTRAIT_COLUMNS = 7;

export function renderReportPdf(table: ReportTable, language: DocumentLanguage): Promise<Buffer> {
  return renderPdf({ template: 'modules/reports/report.typ', data: reportPrint(table, language) });
}

/** The name columns come in both languages (billerNameAr, billerNameEn): the PDF prints the reader's one. */
function printedColumns(columns: ReportColumn[], l: DocumentLanguage): ReportColumn[] {
  const other = l === 'ar' ? /NameEn$/ : /NameAr$/;
  return columns.filter((c) => !other.test(c.key));
}

function cellText(column: ReportColumn, value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (column.kind === 'count') return formatQuantity(Number(value));
  if (column.kind === 'percent') return `${value}%`;
  return String(value);
}

/** What report.typ prints, in `l`: every label chosen and every cell formatted. */
export function reportPrint(table: ReportTable, l: DocumentLanguage) {
  const columns = printedColumns(table.columns, l);
  const title = plain(l === 'ar' ? table.titleAr : table.titleEn);
  const timeZone = table.filters.timeZone ?? 'Asia/Kuwait';
  const line = (row: ReportRow) => columns.map((c) => plain(cellText(c, row[c.key])));
  const totals = table.totals.map((row) => {
    const cells = line(row);
    // The total's label takes the first column (a grouping, blank on a total row, or the currency).
    cells[0] = cells[0] ? `${T.total[l]} ${cells[0]}` : T.total[l];
    return cells;
  });
  return {
    lang: l,
    title,
    issuer: T.issuer[l],
    heading: T.heading[l],
    reference: table.report,
    landscape: columns.length > PORTRAIT_COLUMNS,
    facts: [
      { label: T.period[l], value: `${table.filters.from ?? ''} ${T.to[l]} ${table.filters.to ?? ''}` },
      { label: T.biller[l], value: table.filters.billerCode ?? T.allBillers[l] },
      { label: T.timeZone[l], value: timeZone },
      { label: T.generatedAt[l], value: formatLocalDateTime(new Date(table.generatedAt), timeZone) },
    ],
    table: {
      header: columns.map((c) => plain(l === 'ar' ? c.labelAr : c.labelEn)),
      // Numbers are set flush right in both languages: digits run left to right, so their decimal points line up.
      numeric: columns.map((c) => c.kind !== 'text'),
      widths: columns.map((c) => (c.kind === 'text' ? 3 : 2)),
      rows: table.rows.map(line),
      totals,
    },
    empty: table.rows.length === 0 ? T.empty[l] : null,
    footer: T.footer[l],
    page: { word: T.page[l], of: T.of[l] },
  };
}
