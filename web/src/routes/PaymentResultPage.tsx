// Where KNET sends the payer back (/pay/result/<payment id>): the portal's own page, in the person's language, for
// every ending, with KNET's payment id and our track id (K-064 §8). Paid: the receipt. Declined, cancelled or
// timed out: why, that nothing was charged, "try again" (a new checkout of the same dues) and "back to my dues".
// Still unconfirmed: say so, and offer to check again.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button, buttonClasses } from '../components/Button.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { Amount } from '../components/Amount.js';
import { useSession } from '../features/auth/session.js';
import { GatewayIds } from '../features/payments/GatewayIds.js';
import { ReceiptDetails } from '../features/payments/ReceiptDetails.js';
import { fetchPaymentResult, fetchReceipt, signatureOf, type PaymentResult } from '../features/payments/payments.api.js';
import { duesLink } from '../features/quick-pay/last-lookup.js';
import { useCheckout } from '../features/quick-pay/use-checkout.js';
import { useAsync } from '../lib/use-async.js';

const PAYMENT_ID = /^pay_[0-9A-Z]{26}$/;
const FAILURE_REASONS = ['gateway_canceled', 'gateway_not_captured', 'gateway_host_timeout'] as const;

export default function PaymentResultPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const known = PAYMENT_ID.test(paymentId);
  const result = useAsync((signal) => (known ? fetchPaymentResult(paymentId, undefined, signal) : Promise.resolve(null)), [paymentId]);
  const payment = result.data;
  const ending = !known || (result.status === 'failed') ? 'unknown' : payment ? endingOf(payment) : 'loading';
  usePageTitle(`paymentResult.${ending === 'loading' ? 'pending' : ending}.title`);

  return (
    <div className="flex flex-col gap-6" data-testid="payment-result" data-ending={ending}>
      {ending === 'loading' && <PageLoading />}
      {ending === 'unknown' && (
        <>
          <PageHeading title={t('paymentResult.unknown.title')} lead={t('paymentResult.unknown.lead')} />
          {known && result.status === 'failed' && <ErrorNotice error={result.error} onRetry={result.reload} />}
          <NextSteps />
        </>
      )}
      {payment && ending === 'paid' && <Paid payment={payment} />}
      {payment && ending === 'failed' && <NotPaid payment={payment} />}
      {payment && ending === 'pending' && (
        <>
          <PageHeading title={t('paymentResult.pending.title')} lead={t('paymentResult.pending.lead')} />
          <p>
            {t('paymentResult.amount')}: <Amount value={payment.amount} currency={payment.currency} className="font-bold" />
          </p>
          <PaymentGatewayIds payment={payment} />
          <NextSteps>
            <Button onClick={result.reload} data-testid="check-again">{t('paymentResult.pending.checkAgain')}</Button>
          </NextSteps>
        </>
      )}
    </div>
  );
}

type Ending = 'paid' | 'failed' | 'pending';

function endingOf(payment: PaymentResult): Ending {
  if (payment.status === 'pending') return 'pending';
  if (payment.status === 'failed' || !payment.receiptNumber) return 'failed';
  return 'paid';
}

function Paid({ payment }: { payment: PaymentResult }) {
  const { t } = useTranslation();
  const sig = signatureOf(payment.verifyUrl);
  const receipt = useAsync((signal) => fetchReceipt(payment.receiptNumber!, undefined, signal, sig), [payment.receiptNumber, sig]);
  return (
    <>
      <PageHeading title={t('paymentResult.paid.title')} lead={t('paymentResult.paid.lead')} />
      {receipt.status === 'failed' && <ErrorNotice error={receipt.error} onRetry={receipt.reload} />}
      {!receipt.data && receipt.status === 'loading' && <PageLoading />}
      {receipt.data && <ReceiptDetails receipt={receipt.data} sig={sig} verifyUrl={payment.verifyUrl ?? undefined} />}
      <NextSteps />
    </>
  );
}

function NotPaid({ payment }: { payment: PaymentResult }) {
  const { t } = useTranslation();
  const checkout = useCheckout();
  const reason = (FAILURE_REASONS as readonly string[]).includes(payment.failureCode ?? '') ? payment.failureCode! : 'other';
  const tryAgain = () => void checkout.start(payment.items.map((item) => ({ payableId: item.payableId, amount: item.amount })));
  return (
    <>
      <PageHeading title={t('paymentResult.failed.title')} lead={t(`paymentResult.failed.reasons.${reason}`)} />
      <p data-testid="nothing-charged">
        {t('paymentResult.failed.nothingCharged')} (<Amount value={payment.amount} currency={payment.currency} />)
      </p>
      <PaymentGatewayIds payment={payment} />
      {checkout.error !== null && <ErrorNotice error={checkout.error} />}
      <NextSteps>
        {payment.items.length > 0 && (
          <Button onClick={tryAgain} disabled={checkout.pending} data-testid="try-again">
            {checkout.pending ? t('quickPay.paying') : t('paymentResult.failed.tryAgain')}
          </Button>
        )}
      </NextSteps>
    </>
  );
}

/** A card payment not (yet) paid has no receipt: its KNET payment id and track id are shown here instead. */
function PaymentGatewayIds({ payment }: { payment: PaymentResult }) {
  if (!payment.gateway) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="payment-gateway-ids">
      <GatewayIds gateway={payment.gateway} />
    </dl>
  );
}

/** "Back to my dues": the dashboard for a signed-in citizen, else quick pay with the look-up made before paying. */
function NextSteps({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const signedInCitizen = session.status === 'signed-in' && session.user.role === 'citizen';
  return (
    <div className="flex flex-wrap gap-3">
      {children}
      <Link to={signedInCitizen ? '/dashboard' : duesLink()} className={buttonClasses(children ? 'secondary' : 'primary')} data-testid="back-to-dues">
        {t('paymentResult.backToDues')}
      </Link>
    </div>
  );
}
