// A report's table as the API gave it: the columns in the page's language (a name column of the other language is
// left out), the rows, and the total rows (one per currency) in the footer. Amounts are the API's decimal strings,
// grouped for reading but never rounded; counts as whole numbers.
import { useTranslation } from 'react-i18next';
import { formatLocale, formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import type { ReportTable } from './reports.api.js';

type Cell = string | number | null | undefined;

export function ReportTableView({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const other = language === 'ar' ? /NameEn$/ : /NameAr$/;
  // The code columns (billerCode, typeCode) stay in the files; on the page the name says it.
  const named = new Set(table.columns.filter((c) => /NameEn$/.test(c.key)).map((c) => c.key.replace(/NameEn$/, 'Code')));
  const columns = table.columns.filter((c) => !other.test(c.key) && !named.has(c.key));
  const show = (kind: string, value: Cell): string => {
    if (value === null || value === undefined || value === '') return '';
    if (kind === 'amount' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
      const decimals = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
      return new Intl.NumberFormat(formatLocale(language), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value as `${number}`);
    }
    if (kind === 'count') return formatNumber(Number(value), language);
    if (kind === 'percent') return `${formatNumber(String(value), language)}%`;
    return String(value);
  };
  const numeric = (kind: string) => kind !== 'text';
  return (
    // A wide table scrolls sideways: the region takes the keyboard focus so the arrow keys can scroll it.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={language === 'ar' ? table.titleAr : table.titleEn}>
      <table className="w-full min-w-max border-collapse text-sm" data-testid="report-table-grid">
        <thead>
          <tr className="border-b-2 border-slate-300">
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-2 py-2 align-bottom font-bold ${numeric(c.kind) ? 'text-end' : 'text-start'}`}>
                {language === 'ar' ? c.labelAr : c.labelEn}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i} className="border-b border-slate-100">
              {columns.map((c) => (
                <td key={c.key} className={`px-2 py-1 ${numeric(c.kind) ? 'tabular text-end' : 'text-start'}`}>
                  <bdi>{show(c.kind, row[c.key])}</bdi>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          {table.totals.map((row, i) => (
            <tr key={i} className="border-t-2 border-slate-300 font-bold" data-testid={`report-total-${String(row.currency ?? 'all')}`}>
              {columns.map((c, j) => (
                <td key={c.key} data-key={c.key} className={`px-2 py-1 ${numeric(c.kind) ? 'tabular text-end' : 'text-start'}`}>
                  {j === 0 && !row[c.key] ? t('reports.total') : <bdi>{show(c.kind, row[c.key])}</bdi>}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
