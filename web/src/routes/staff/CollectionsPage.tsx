// Collections of a day, by channel and by biller, as charts with their figures, and the day's totals.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { BarChart } from '../../components/BarChart.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Section } from '../../components/Section.js';
import { TextField } from '../../components/TextField.js';
import { usePageTitle } from '../../components/page-title.js';
import { collections, kuwaitNowLocal } from '../../features/staff/staff.api.js';
import { formatAmount, formatDate } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { toMinorUnits } from '../../lib/money.js';
import { useAsync } from '../../lib/use-async.js';

export default function CollectionsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('collections.title');
  const [date, setDate] = useState(() => kuwaitNowLocal().slice(0, 10));
  const report = useAsync((signal) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? collections(date, undefined, signal) : Promise.resolve(null)), [date]);
  const r = report.data;
  const day = formatDate(date, language);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('collections.title')} lead={t('collections.lead')} />
      <TextField label={t('collections.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} className="max-w-xs" />
      {report.status === 'failed' && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {!r && report.status === 'loading' && <PageLoading />}
      {r && (
        <>
          <Section title={t('collections.totals', { day })} testId="collection-totals">
            {r.totals.length === 0 ? (
              <p>{t('collections.none')}</p>
            ) : (
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                {r.totals.map((total) => (
                  <div key={total.currency} className="contents">
                    <dt>{t('collections.collected', { payments: t('collections.payments', { count: total.payments }) })}</dt>
                    <dd><Amount value={total.collected} currency={total.currency} className="font-bold" /></dd>
                    <dt>{t('collections.refunded')}</dt>
                    <dd><Amount value={total.refunded} currency={total.currency} /></dd>
                    <dt>{t('collections.net')}</dt>
                    <dd><Amount value={total.net} currency={total.currency} className="font-bold" /></dd>
                  </div>
                ))}
              </dl>
            )}
          </Section>
          {r.byChannel.length > 0 && (
            <div className="grid gap-4 md:grid-cols-2">
              <Section title={t('collections.byChannel')}>
                <BarChart
                  testId="chart-channel"
                  title={t('collections.byChannelChart', { day })}
                  description={r.byChannel.map((row) => `${t(`receipt.channels.${row.channel}`, { defaultValue: row.channel })}: ${formatAmount(row.amount, row.currency, language)}`).join('، ')}
                  labelHeading={t('collections.channel')}
                  valueHeading={t('collections.amount')}
                  bars={r.byChannel.map((row) => ({
                    label: `${t(`receipt.channels.${row.channel}`, { defaultValue: row.channel })} (${t('collections.payments', { count: row.count })})`,
                    value: Number(toMinorUnits(row.amount, row.currency)),
                    display: formatAmount(row.amount, row.currency, language),
                    short: row.amount,
                  }))}
                />
              </Section>
              <Section title={t('collections.byBiller')}>
                <BarChart
                  testId="chart-biller"
                  title={t('collections.byBillerChart', { day })}
                  description={r.byBiller.map((row) => `${language === 'ar' ? row.nameAr : row.nameEn}: ${formatAmount(row.amount, row.currency, language)}`).join('، ')}
                  labelHeading={t('collections.biller')}
                  valueHeading={t('collections.amount')}
                  bars={r.byBiller.map((row) => ({
                    label: language === 'ar' ? row.nameAr : row.nameEn,
                    value: Number(toMinorUnits(row.amount, row.currency)),
                    display: formatAmount(row.amount, row.currency, language),
                    short: row.amount,
                  }))}
                />
              </Section>
            </div>
          )}
        </>
      )}
    </div>
  );
}
