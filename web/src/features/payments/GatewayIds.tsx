// The card gateway's ids of a payment, labelled in the page's language: KNET's payment id and our track id, the two
// numbers a payer quotes to their bank or to us about a card payment (KNET manual K-064 §8). Rows of a <dl>.
import { useTranslation } from 'react-i18next';

export function GatewayIds({ gateway }: { gateway: { paymentId?: string | null; trackId?: string | null } | null | undefined }) {
  const { t } = useTranslation();
  if (!gateway) return null;
  return (
    <>
      {gateway.paymentId && (
        <>
          <dt className="text-slate-700">{t('receipt.knetPaymentId')}</dt>
          <dd data-testid="knet-payment-id"><bdi className="tabular">{gateway.paymentId}</bdi></dd>
        </>
      )}
      {gateway.trackId && (
        <>
          <dt className="text-slate-700">{t('receipt.trackId')}</dt>
          <dd data-testid="knet-track-id"><bdi className="tabular">{gateway.trackId}</bdi></dd>
        </>
      )}
    </>
  );
}
