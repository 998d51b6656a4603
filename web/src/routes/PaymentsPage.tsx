// The signed-in person's payments, newest first, each with its receipt (page, PDF, verification link).
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/index.js';
import { Amount } from '../components/Amount.js';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { Badge } from '../components/Section.js';
import { usePageTitle } from '../components/page-title.js';
import { myPayments, receiptPdfUrl } from '../features/payments/payments.api.js';
import { useLanguage } from '../i18n/index.js';
import { useAsync } from '../lib/use-async.js';

export default function PaymentsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('payments.title');
  const list = useAsync((signal) => myPayments(undefined, signal), []);
  // A server without the history endpoint yet answers 404: say so plainly rather than show an error.
  const unavailable = list.status === 'failed' && list.error instanceof ApiError && list.error.status === 404;

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('payments.title')} lead={t('payments.lead')} />
      {unavailable && <p className="rounded-lg border border-slate-200 bg-white p-5">{t('payments.unavailable')}</p>}
      {list.status === 'failed' && !unavailable && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.data && list.status === 'loading' && <PageLoading />}
      {list.data && list.data.length === 0 && <p className="rounded-lg border border-slate-200 bg-white p-5">{t('payments.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="flex flex-col gap-3">
          {list.data.map((payment) => (
            <li key={payment.paymentId} className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="payment">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                <DateText value={payment.postedAt ?? payment.createdAt} withTime withHijri />
                <Amount value={payment.amount} currency={payment.currency} className="text-lg font-bold" />
              </div>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={payment.status === 'posted' ? 'good' : payment.status === 'failed' ? 'bad' : 'neutral'}>{t(`payments.status.${payment.status}`, { defaultValue: payment.status })}</Badge>
                <span>{t(`receipt.channels.${payment.channel}`, { defaultValue: payment.channel })}</span>
              </div>
              {payment.receiptNumber && (
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  <Link to={`/receipts/${payment.receiptNumber}`} className="font-bold text-brand-800 underline">
                    {t('payments.receipt', { number: payment.receiptNumber })}
                  </Link>
                  <a href={receiptPdfUrl(payment.receiptNumber, language)} className="text-brand-800 underline">{t('receipt.downloadPdf')}</a>
                  {payment.verifyUrl && <a href={payment.verifyUrl} className="text-brand-800 underline">{t('receipt.verify')}</a>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
