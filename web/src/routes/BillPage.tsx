// One bill: the billing period and the meter-reading dates (each labelled), the due date (Gregorian and Hijri),
// Pay while something is due, the readings, the tier breakdown, the last 12 periods'
// consumption as an accessible chart, and the PDF in either language.
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Amount } from '../components/Amount.js';
import { BarChart } from '../components/BarChart.js';
import { buttonClasses } from '../components/Button.js';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { Badge, Section } from '../components/Section.js';
import { usePageTitle } from '../components/page-title.js';
import { billPdfUrl, fetchBill, type BillLine } from '../features/billing/billing.api.js';
import { PayOneButton } from '../features/quick-pay/PayOneButton.js';
import { formatNumber, formatPeriod } from '../i18n/format.js';
import { useLanguage } from '../i18n/index.js';
import { useAsync } from '../lib/use-async.js';

function lineLabel(line: BillLine, language: 'ar' | 'en', t: (key: string, options?: Record<string, unknown>) => string): string {
  if (line.label?.[language]) return line.label[language];
  if (line.kind === 'consumption' && line.tierFrom !== null) {
    return line.tierTo ? t('bills.tier', { from: formatNumber(line.tierFrom, language), to: formatNumber(line.tierTo, language) }) : t('bills.tierAbove', { from: formatNumber(line.tierFrom, language) });
  }
  return t(`bills.lineKinds.${line.kind}`, { defaultValue: line.kind });
}

export default function BillPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('bills.title');
  const { billId = '' } = useParams();
  const bill = useAsync((signal) => fetchBill(billId, undefined, signal), [billId]);
  const b = bill.data;
  const unit = b?.unit ? t(`bills.units.${b.unit}`, { defaultValue: b.unit }) : '';

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={b ? t('bills.billOf', { period: formatPeriod(b.period, language) }) : t('bills.title')} />
      {bill.status === 'failed' && <ErrorNotice error={bill.error} onRetry={bill.reload} />}
      {!b && bill.status === 'loading' && <PageLoading />}
      {b && (
        <>
          <Section title={t('bills.summary')} testId="bill">
            <div className="flex flex-wrap items-baseline justify-between gap-3">
              <Amount value={b.amount} currency={b.currency} className="text-2xl font-bold" />
              {b.estimated && <Badge tone="warn">{t('bills.estimated')}</Badge>}
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt>{t('bills.number')}</dt>
              <dd><bdi className="tabular">{b.billNumber}</bdi></dd>
              <dt>{t('bills.account')}</dt>
              <dd><bdi className="tabular">{b.accountNumber}</bdi></dd>
              {b.issuedOn && (<><dt>{t('bills.issuedOn')}</dt><dd><DateText value={b.issuedOn} withHijri /></dd></>)}
              {b.dueDate && (<><dt>{t('bills.dueDate')}</dt><dd><DateText value={b.dueDate} withHijri /></dd></>)}
              <dt>{t('bills.billingPeriod')}</dt>
              <dd data-testid="billing-period"><DateText value={b.periodFrom} /> – <DateText value={b.periodTo} /></dd>
              {b.readings.previous && b.readings.current && (
                <>
                  <dt>{t('bills.readingDates')}</dt>
                  <dd data-testid="reading-dates">
                    <bdi><DateText value={b.readings.previous.readOn} /></bdi> {language === 'ar' ? '←' : '→'} <bdi><DateText value={b.readings.current.readOn} /></bdi>
                  </dd>
                </>
              )}
              {b.readings.previous && (<><dt>{t('bills.previousReading')}</dt><dd><span className="tabular">{formatNumber(b.readings.previous.value, language)}</span> (<DateText value={b.readings.previous.readOn} />)</dd></>)}
              {b.readings.current && (<><dt>{t('bills.currentReading')}</dt><dd><span className="tabular">{formatNumber(b.readings.current.value, language)}</span> (<DateText value={b.readings.current.readOn} />)</dd></>)}
              <dt>{t('bills.consumption')}</dt>
              <dd className="tabular">{formatNumber(b.consumption, language)} {unit}</dd>
              <dt>{t('bills.status')}</dt>
              <dd>
                <Badge tone={b.payable.status === 'paid' ? 'good' : 'warn'}>{t(`bills.payableStatus.${b.payable.status}`, { defaultValue: b.payable.status })}</Badge>
                {b.payable.status !== 'paid' && <> <Amount value={b.payable.amountDue} currency={b.currency} /></>}
              </dd>
            </dl>
            <PayOneButton payable={{ payableId: b.payable.id, amountDue: b.payable.amountDue, currency: b.currency, payableOnline: b.payable.payableOnline, status: b.payable.status }} />
            {!b.payable.payableOnline && b.payable.holdReason && <p className="font-bold text-amber-900">{b.payable.holdReason[language]}</p>}
            <div className="flex flex-wrap gap-3">
              <a href={billPdfUrl(b, language)} className={buttonClasses('primary')} data-testid="bill-pdf">{t('bills.downloadPdf')}</a>
              <a href={billPdfUrl(b, language === 'ar' ? 'en' : 'ar')} className={buttonClasses('secondary')} lang={language === 'ar' ? 'en' : 'ar'}>{t('bills.downloadOtherPdf')}</a>
            </div>
          </Section>
          {b.lines.length > 0 && (
            <Section title={t('bills.breakdown')} testId="bill-lines">
              <table className="w-full text-start">
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-2 text-start">{t('bills.item')}</th>
                    <th scope="col" className="py-2 text-end">{t('bills.quantity')}</th>
                    <th scope="col" className="hidden py-2 text-end sm:table-cell">{t('bills.rate')}</th>
                    <th scope="col" className="py-2 text-end">{t('bills.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {b.lines.map((line, i) => (
                    <tr key={i} className={`border-b border-slate-100 ${line.countsInTotal ? '' : 'text-slate-600'}`}>
                      <th scope="row" className="py-2 text-start font-normal">{lineLabel(line, language, t)}</th>
                      <td className="tabular py-2 text-end">{line.quantity ? formatNumber(line.quantity, language) : ''}</td>
                      <td className="hidden py-2 text-end text-sm sm:table-cell">{line.rate ? line.rate.label[language] : ''}</td>
                      <td className="py-2 text-end"><Amount value={line.amount} currency={b.currency} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}
          {b.history.length > 0 && (
            <Section title={t('bills.history')}>
              <BarChart
                testId="consumption-chart"
                title={t('bills.historyChart', { n: b.history.length })}
                description={b.history.map((h) => `${formatPeriod(h.period, language)}: ${formatNumber(h.consumption, language)} ${unit}${h.estimated ? ` (${t('bills.estimated')})` : ''}`).join(language === 'ar' ? '، ' : ', ')}
                labelHeading={t('bills.period')}
                valueHeading={t('bills.consumption')}
                bars={b.history.map((h) => ({ label: formatPeriod(h.period, language), value: Number(h.consumption), short: formatNumber(h.consumption, language), display: `${formatNumber(h.consumption, language)} ${unit}${h.estimated ? ` · ${t('bills.estimated')}` : ''}`, muted: h.estimated }))}
              />
            </Section>
          )}
        </>
      )}
    </div>
  );
}
