// /kiosk/result/<payment id>: where KNET sends a kiosk's payer back. Paid: the receipt (KSK-2026-000123) to read
// and print, with the payer's name as initials and no account reference. Not paid: that nothing was charged.
// Either way the kiosk goes back to an empty look-up by itself after the idle pause, or at once on "Finish".
import { useCallback } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Amount } from '../components/Amount.js';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { useLanguage } from '../i18n/index.js';
import { kioskButton } from '../features/kiosk/KioskFrame.js';
import { announceKioskReset, idleSecondsFrom, useIdleTimer } from '../features/kiosk/idle-reset.js';
import { GatewayIds } from '../features/payments/GatewayIds.js';
import { fetchPaymentResult, fetchReceipt, signatureOf, type PaymentResult, type Receipt } from '../features/payments/payments.api.js';
import { useAsync } from '../lib/use-async.js';

const PAYMENT_ID = /^pay_[0-9A-Z]{26}$/;

type Ending = 'loading' | 'paid' | 'failed' | 'pending' | 'unknown';

function endingOf(known: boolean, status: string, payment: PaymentResult | null): Ending {
  if (!known || status === 'failed') return 'unknown';
  if (!payment) return 'loading';
  if (payment.status === 'pending') return 'pending';
  if (payment.status === 'failed' || !payment.receiptNumber) return 'failed';
  return 'paid';
}

export default function KioskResultPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const idleSeconds = idleSecondsFrom(location.search);
  const known = PAYMENT_ID.test(paymentId);
  const result = useAsync((signal) => (known ? fetchPaymentResult(paymentId, undefined, signal) : Promise.resolve(null)), [paymentId]);
  const payment = result.data;
  const ending = endingOf(known, result.status, payment);
  usePageTitle(`kiosk.result.${ending === 'loading' ? 'pending' : ending}.title`);

  const finish = useCallback(() => {
    announceKioskReset(location.pathname);
    void navigate('/kiosk', { replace: true });
  }, [location.pathname, navigate]);
  const left = useIdleTimer(idleSeconds, ending !== 'loading', finish);

  return (
    <div className="flex flex-col gap-8" data-testid="kiosk-result" data-ending={ending}>
      {ending === 'loading' && <PageLoading />}
      {ending !== 'loading' && (
        <div className="flex flex-col gap-2 print:hidden">
          <h1 className="text-3xl font-bold text-slate-900 sm:text-4xl">{t(`kiosk.result.${ending}.title`)}</h1>
          <p className="text-xl text-slate-700">{t(`kiosk.result.${ending}.lead`)}</p>
        </div>
      )}
      {ending === 'unknown' && known && result.status === 'failed' && <ErrorNotice error={result.error} onRetry={result.reload} />}
      {payment && ending === 'paid' && <PaidReceipt payment={payment} />}
      {payment && (ending === 'failed' || ending === 'pending') && (
        <p className="text-xl" data-testid="kiosk-amount">
          {t('kiosk.result.amount')}: <Amount value={payment.amount} currency={payment.currency} className="font-bold" />
        </p>
      )}
      {ending !== 'loading' && (
        <div className="flex flex-wrap items-center gap-4 print:hidden">
          {ending === 'paid' && (
            <button type="button" className={kioskButton('primary')} onClick={() => window.print()} data-testid="kiosk-print">{t('kiosk.result.print')}</button>
          )}
          {ending === 'pending' && (
            <button type="button" className={kioskButton('primary')} onClick={result.reload} data-testid="kiosk-check-again">{t('kiosk.result.pending.checkAgain')}</button>
          )}
          <button type="button" className={kioskButton('secondary')} onClick={finish} data-testid="kiosk-finish">{t('kiosk.result.finish')}</button>
          <p className="text-base text-slate-700" data-testid="kiosk-idle">{t('kiosk.resetIn', { seconds: left })}</p>
        </div>
      )}
    </div>
  );
}

function PaidReceipt({ payment }: { payment: PaymentResult }) {
  const sig = signatureOf(payment.verifyUrl);
  const receipt = useAsync((signal) => fetchReceipt(payment.receiptNumber!, undefined, signal, sig), [payment.receiptNumber, sig]);
  if (receipt.status === 'failed') return <ErrorNotice error={receipt.error} onRetry={receipt.reload} />;
  if (!receipt.data) return <PageLoading />;
  return <KioskReceipt receipt={receipt.data} />;
}

/** The receipt as the kiosk shows and prints it: what was paid, to whom, when; nothing that identifies the payer. */
function KioskReceipt({ receipt: r }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <section className="flex flex-col gap-5 rounded-2xl border-2 border-slate-300 bg-white p-8 print:border-0 print:p-0" data-testid="kiosk-receipt" aria-labelledby="kiosk-receipt-number">
      <h2 id="kiosk-receipt-number" className="text-2xl font-bold">
        {t('kiosk.result.receiptLabel')} <bdi className="tabular" data-testid="kiosk-receipt-number">{r.receiptNumber}</bdi>
      </h2>
      <Amount value={r.total} currency={r.currency} className="text-4xl font-bold" />
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
        <dt className="text-slate-700">{t('receipt.paidAt')}</dt>
        <dd><DateText value={r.paidAt} withTime /></dd>
        <dt className="text-slate-700">{t('receipt.channel')}</dt>
        <dd>{r.issuingPoint[language]}</dd>
        {r.payer.name && (
          <>
            <dt className="text-slate-700">{t('receipt.payer')}</dt>
            <dd><bdi data-testid="kiosk-receipt-payer">{r.payer.name[language]}</bdi></dd>
          </>
        )}
        <GatewayIds gateway={r.gateway} />
      </dl>
      <ul className="flex flex-col divide-y divide-slate-200 border-y border-slate-200">
        {r.items.map((item) => (
          <li key={item.payableId} className="flex flex-wrap justify-between gap-x-6 py-3">
            <span>
              <span className="block font-bold">{language === 'ar' ? item.biller.nameAr : item.biller.nameEn}</span>
              <span className="block text-base text-slate-700">{item.description[language]}</span>
            </span>
            <Amount value={item.amount} currency={r.currency} className="font-bold" />
          </li>
        ))}
      </ul>
    </section>
  );
}
