// The admin's report of the prepaid water stations for a date range: the headline figure (KD collected, millions
// of imperial gallons, and the price per 1,000 gallons actually obtained), KD by station as a chart, and gallons
// and KD by station and day or month. The figures are the server's; only the chart adds a station's rows up, in
// integer minor units.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { BarChart } from '../../components/BarChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { SelectField } from '../../components/FormFields.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Section } from '../../components/Section.js';
import { TextField } from '../../components/TextField.js';
import { usePageTitle } from '../../components/page-title.js';
import { stationReport, type ReportGrouping } from '../../features/prepaid/prepaid.api.js';
import { kuwaitNowLocal } from '../../features/staff/staff.api.js';
import { formatAmount, formatDate, formatNumber, formatPeriod } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { fromMinorUnits, toMinorUnits } from '../../lib/money.js';
import { useAsync } from '../../lib/use-async.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default function PrepaidStationsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('prepaid.report.title');
  const today = kuwaitNowLocal().slice(0, 10);
  const [from, setFrom] = useState(() => `${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<ReportGrouping>('day');
  const ready = DAY.test(from) && DAY.test(to);
  const report = useAsync((signal) => (ready ? stationReport({ from, to, by }, undefined, signal) : Promise.resolve(null)), [from, to, by, ready]);
  const r = report.data;
  const periodText = (period: string) => (by === 'month' ? formatPeriod(period, language) : formatDate(period, language));
  const stationName = (row: { stationNameAr: string; stationNameEn: string; stationCode: string }) => (language === 'ar' ? row.stationNameAr : row.stationNameEn) || row.stationCode;
  // One bar per station over the whole range: its rows (one per period) added up as integer minor units.
  const byStation = new Map<string, { label: string; minor: bigint }>();
  for (const row of r?.rows ?? []) {
    const entry = byStation.get(row.stationCode) ?? { label: stationName(row), minor: 0n };
    entry.minor += toMinorUnits(row.amount, r!.currency);
    byStation.set(row.stationCode, entry);
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('prepaid.report.title')} lead={t('prepaid.report.lead')} />
      <div className="flex flex-wrap gap-4">
        <TextField label={t('prepaid.report.from')} type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} className="max-w-xs" />
        <TextField label={t('prepaid.report.to')} type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} className="max-w-xs" />
        <SelectField label={t('prepaid.report.by')} name="by" value={by} onChange={(e) => setBy(e.target.value as ReportGrouping)} className="max-w-xs">
          <option value="day">{t('prepaid.report.byDay')}</option>
          <option value="month">{t('prepaid.report.byMonth')}</option>
        </SelectField>
      </div>
      {report.status === 'failed' && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {!r && report.status === 'loading' && <PageLoading />}
      {r && (
        <>
          <Section title={t('prepaid.report.headline', { from: formatDate(r.from, language), to: formatDate(r.to, language) })} testId="station-headline">
            <p className="text-lg" data-testid="headline-sentence">
              {t('prepaid.report.headlineSentence', { amount: formatAmount(r.total.amount, r.currency, language), gallons: formatNumber(r.total.millionGallons, language) })}
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt>{t('prepaid.report.collected')}</dt>
              <dd data-testid="headline-amount"><Amount value={r.total.amount} currency={r.currency} className="font-bold" /></dd>
              <dt>{t('prepaid.report.millionGallons')}</dt>
              <dd className="tabular" data-testid="headline-gallons">{formatNumber(r.total.millionGallons, language)}</dd>
              <dt>{t('prepaid.report.price')}</dt>
              <dd data-testid="headline-price">{r.total.pricePerThousandGallons === null ? t('prepaid.report.noPrice') : <Amount value={r.total.pricePerThousandGallons} currency={r.currency} />}</dd>
            </dl>
          </Section>
          {byStation.size > 0 && (
            <Section title={t('prepaid.report.byStationChart')}>
              <BarChart
                testId="chart-stations"
                title={t('prepaid.report.byStationChart')}
                description={[...byStation.values()].map((s) => `${s.label}: ${formatAmount(fromMinorUnits(s.minor, r.currency), r.currency, language)}`).join(language === 'ar' ? '، ' : ', ')}
                labelHeading={t('prepaid.report.station')}
                valueHeading={t('prepaid.report.amount')}
                bars={[...byStation.values()].map((s) => ({ label: s.label, value: Number(s.minor), display: formatAmount(fromMinorUnits(s.minor, r.currency), r.currency, language), short: fromMinorUnits(s.minor, r.currency) }))}
              />
            </Section>
          )}
          <Section title={by === 'month' ? t('prepaid.report.rowsByMonth') : t('prepaid.report.rowsByDay')} testId="station-rows">
            {r.rows.length === 0 ? <p>{t('prepaid.report.none')}</p> : (
              <div className="overflow-x-auto">
                <table className="w-full text-start">
                  <thead>
                    <tr className="border-b border-slate-300">
                      <th scope="col" className="py-2 text-start">{t('prepaid.report.station')}</th>
                      <th scope="col" className="py-2 text-start">{by === 'month' ? t('prepaid.report.month') : t('prepaid.report.day')}</th>
                      <th scope="col" className="py-2 text-end">{t('prepaid.report.dispenses')}</th>
                      <th scope="col" className="py-2 text-end">{t('prepaid.report.gallons')}</th>
                      <th scope="col" className="py-2 text-end">{t('prepaid.report.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rows.map((row) => (
                      <tr key={`${row.stationCode}-${row.period}`} className="border-b border-slate-100" data-testid="station-row" data-station={row.stationCode} data-period={row.period}>
                        <th scope="row" className="py-2 text-start font-normal">{stationName(row)} <bdi className="tabular text-sm text-slate-600">{row.stationCode}</bdi></th>
                        <td className="py-2">{periodText(row.period)}</td>
                        <td className="tabular py-2 text-end">{formatNumber(row.dispenses, language)}</td>
                        <td className="tabular py-2 text-end" data-testid="row-gallons">{formatNumber(row.gallons, language)}</td>
                        <td className="py-2 text-end" data-testid="row-amount"><Amount value={row.amount} currency={r.currency} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </>
      )}
    </div>
  );
}

