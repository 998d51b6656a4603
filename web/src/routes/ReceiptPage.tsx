// A receipt inside the portal, for its owner: the same facts as the payments module's result page (number, date
// in both calendars, what was paid to whom, the gateway's reference), with the PDF in either language and the
// public verification link that the QR code on the PDF carries.
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Amount } from '../components/Amount.js';
import { buttonClasses } from '../components/Button.js';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { Badge, Section } from '../components/Section.js';
import { usePageTitle } from '../components/page-title.js';
import { fetchReceipt, receiptPdfUrl } from '../features/payments/payments.api.js';
import { useLanguage } from '../i18n/index.js';
import { useAsync } from '../lib/use-async.js';

export default function ReceiptPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('receipt.title');
  const { receiptNumber = '' } = useParams();
  const receipt = useAsync((signal) => fetchReceipt(receiptNumber, undefined, signal), [receiptNumber]);
  const r = receipt.data;

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('receipt.title')} />
      {receipt.status === 'failed' && <ErrorNotice error={receipt.error} onRetry={receipt.reload} />}
      {!r && receipt.status === 'loading' && <PageLoading />}
      {r && (
        <>
          <Section title={t('receipt.number', { number: r.receiptNumber })} testId="receipt">
            <div className="flex flex-wrap items-baseline justify-between gap-3">
              <Amount value={r.total} currency={r.currency} className="text-2xl font-bold" />
              <Badge tone={r.status === 'paid' ? 'good' : 'warn'}>{t(`receipt.status.${r.status}`)}</Badge>
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              <dt className="text-slate-700">{t('receipt.paidAt')}</dt>
              <dd><DateText value={r.paidAt} withTime withHijri /></dd>
              <dt className="text-slate-700">{t('receipt.channel')}</dt>
              <dd>{t(`receipt.channels.${r.channel}`, { defaultValue: r.channel })} · {r.issuingPoint[language]}</dd>
              {r.payer.name && (
                <>
                  <dt className="text-slate-700">{t('receipt.payer')}</dt>
                  <dd><bdi>{r.payer.name[language]}</bdi></dd>
                </>
              )}
              {r.gateway?.reference && (
                <>
                  <dt className="text-slate-700">{t('receipt.gatewayRef')}</dt>
                  <dd><bdi className="tabular">{r.gateway.reference}</bdi></dd>
                </>
              )}
            </dl>
            <ul className="flex flex-col divide-y divide-slate-200 border-y border-slate-200">
              {r.items.map((item) => (
                <li key={item.payableId} className="flex flex-wrap justify-between gap-x-4 py-2">
                  <span>
                    <span className="block font-bold">{language === 'ar' ? item.biller.nameAr : item.biller.nameEn}</span>
                    <span className="block text-sm text-slate-700">{item.description[language]} · <bdi className="tabular">{item.reference}</bdi></span>
                  </span>
                  <Amount value={item.amount} currency={r.currency} className="font-bold" />
                </li>
              ))}
            </ul>
            {r.credit !== '0.000' && r.credit !== '0.00' && (
              <p>{t('receipt.credit')}: <Amount value={r.credit} currency={r.currency} /></p>
            )}
            <div className="flex flex-wrap gap-3">
              <a href={receiptPdfUrl(r.receiptNumber, language)} className={buttonClasses('primary')} data-testid="receipt-pdf">
                {t('receipt.downloadPdf')}
              </a>
              <a href={r.verifyUrl} className={buttonClasses('secondary')} data-testid="receipt-verify">
                {t('receipt.verify')}
              </a>
            </div>
          </Section>
        </>
      )}
    </div>
  );
}
