// One admin report: the range of days, the chart (one per currency: amounts of two currencies are never stacked),
// the table with its totals, and links that download the same figures as CSV or XLSX.
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClasses, Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Section } from '../../components/Section.js';
import { StackedBarChart } from '../../components/StackedBarChart.js';
import { TextField } from '../../components/TextField.js';
import { usePageTitle } from '../../components/page-title.js';
import { kuwaitNowLocal } from '../../features/staff/staff.api.js';
import { chartData, fetchReport, isReportName, REPORT_CHARTS, reportFileUrl, type ReportName, type ReportQuery } from '../../features/staff/reports.api.js';
import { ReportTableView } from '../../features/staff/ReportTableView.js';
import { formatLocale } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { useAsync } from '../../lib/use-async.js';
import NotFoundPage from '../NotFoundPage.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** From the 1st of last month to today (Kuwait): long enough to compare two months. */
function defaultRange(): { from: string; to: string } {
  const today = kuwaitNowLocal().slice(0, 10);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10);
  return { from: first, to: today };
}

/** The scale of a total row's amounts ("12.500" → 3), as the API wrote them. */
function decimalsIn(row: Record<string, unknown> | undefined): number {
  const amount = Object.values(row ?? {}).find((v): v is string => typeof v === 'string' && /^-?\d+\.\d+$/.test(v));
  return amount ? amount.length - amount.indexOf('.') - 1 : 0;
}

export default function ReportPage() {
  const { name } = useParams();
  if (!isReportName(name)) return <NotFoundPage />;
  return <Report name={name} />;
}

function Report({ name }: { name: ReportName }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle(`reports.names.${name}.title`);
  const [draft, setDraft] = useState(defaultRange);
  const [query, setQuery] = useState<ReportQuery>(defaultRange);
  const report = useAsync((signal) => fetchReport(name, query, undefined, signal), [name, query.from, query.to]);
  const table = report.data;
  const rangeInvalid = !DATE.test(draft.from) || !DATE.test(draft.to) || draft.from > draft.to;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!rangeInvalid) setQuery({ from: draft.from, to: draft.to });
  };
  const currencies = table ? [...new Set(table.totals.map((r) => (r.currency === undefined ? null : (r.currency as string | null))))] : [];
  const number = (value: number, decimals: number) => new Intl.NumberFormat(formatLocale(language), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t(`reports.names.${name}.title`)} lead={t(`reports.names.${name}.body`)} />
      <form onSubmit={apply} className="flex flex-wrap items-end gap-4" aria-label={t('reports.filters')}>
        <TextField label={t('reports.from')} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} className="w-48" />
        <TextField label={t('reports.to')} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} className="w-48" error={rangeInvalid ? t('reports.rangeInvalid') : undefined} />
        <Button type="submit" disabled={rangeInvalid} data-testid="report-apply">{t('reports.show')}</Button>
      </form>
      <div className="flex flex-wrap gap-3">
        <a href={reportFileUrl(name, query, 'csv', language)} download className={buttonClasses('secondary')} data-testid="download-csv">{t('reports.downloadCsv')}</a>
        <a href={reportFileUrl(name, query, 'xlsx', language)} download className={buttonClasses('secondary')} data-testid="download-xlsx">{t('reports.downloadXlsx')}</a>
        <a href={reportFileUrl(name, query, 'pdf', language)} download className={buttonClasses('secondary')} data-testid="download-pdf">{t('reports.downloadPdf')}</a>
      </div>
      {report.status === 'failed' && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {!table && report.status === 'loading' && <PageLoading />}
      {table && (
        <>
          {table.rows.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-5" data-testid="report-empty">{t('reports.none')}</p>
          ) : (
            <div className={`grid gap-4 ${currencies.length > 1 ? 'lg:grid-cols-2' : ''}`}>
            {currencies.map((currency) => {
              const data = chartData(table, REPORT_CHARTS[name], currency, language, (key) => {
                const column = table.columns.find((c) => c.key === key);
                return column ? (language === 'ar' ? column.labelAr : column.labelEn) : t(`reports.series.${key}`, { defaultValue: key });
              });
              const decimals = data.amounts ? decimalsIn(table.totals.find((r) => r.currency === currency)) : 0;
              const unit = data.amounts && currency ? ` ${currency}` : '';
              const described = data.categories.map((c) => `${c.label}: ${data.series.map((s, i) => `${s.label} ${number(c.values[i]!, decimals)}`).join('، ')}`).join('؛ ');
              const title = currency ? t(data.amounts ? 'reports.chartTitleIn' : 'reports.chartTitleOf', { currency }) : t('reports.chartTitle');
              return (
                <Section key={currency ?? 'all'} title={title} testId={`report-chart-${currency ?? 'all'}`}>
                  <StackedBarChart title={title} description={`${described}${unit}`} series={data.series} categories={data.categories} format={(v) => number(v, 0)} />
                </Section>
              );
            })}
            </div>
          )}
          <Section title={language === 'ar' ? table.titleAr : table.titleEn} testId="report-table">
            <ReportTableView table={table} />
          </Section>
        </>
      )}
    </div>
  );
}
