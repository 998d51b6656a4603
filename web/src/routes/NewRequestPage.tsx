// A new service request: the type's own form, then the request's page (its number, status and what comes next).
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { myAccounts } from '../features/billing/billing.api.js';
import { NewRequestForm } from '../features/requests/NewRequestForm.js';
import { requestTypes } from '../features/requests/requests.api.js';
import { useAsync } from '../lib/use-async.js';

export default function NewRequestPage() {
  const { t } = useTranslation();
  usePageTitle('requests.newTitle');
  const navigate = useNavigate();
  const types = useAsync((signal) => requestTypes(undefined, signal), []);
  // The person's own account numbers are offered in account fields; a failure here only loses the suggestions.
  const accounts = useAsync((signal) => myAccounts(undefined, signal).then((list) => list.map((a) => a.accountNumber)).catch(() => []), []);

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <PageHeading title={t('requests.newTitle')} lead={t('requests.newLead')} />
      {types.status === 'failed' && <ErrorNotice error={types.error} onRetry={types.reload} />}
      {!types.data && types.status === 'loading' && <PageLoading />}
      {types.data && (
        <NewRequestForm types={types.data} accounts={accounts.data ?? []}
          onSubmitted={(request) => navigate(`/requests/${encodeURIComponent(request.id)}?submitted=1`)} />
      )}
    </div>
  );
}
