// A receipt inside the portal, for its owner (ReceiptDetails has the facts).
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { ReceiptDetails } from '../features/payments/ReceiptDetails.js';
import { fetchReceipt } from '../features/payments/payments.api.js';
import { useAsync } from '../lib/use-async.js';

export default function ReceiptPage() {
  const { t } = useTranslation();
  usePageTitle('receipt.title');
  const { receiptNumber = '' } = useParams();
  const receipt = useAsync((signal) => fetchReceipt(receiptNumber, undefined, signal), [receiptNumber]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('receipt.title')} />
      {receipt.status === 'failed' && <ErrorNotice error={receipt.error} onRetry={receipt.reload} />}
      {!receipt.data && receipt.status === 'loading' && <PageLoading />}
      {receipt.data && <ReceiptDetails receipt={receipt.data} />}
    </div>
  );
}
