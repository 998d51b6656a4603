import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { usePageTitle } from '../../components/page-title.js';
import { useSession } from '../../features/auth/session.js';
import { RecordViolationForm } from '../../features/staff/RecordViolationForm.js';
import { violationTypes } from '../../features/staff/staff.api.js';
import { useAsync } from '../../lib/use-async.js';

export default function RecordViolationPage() {
  const { t } = useTranslation();
  usePageTitle('officer.title');
  const { session } = useSession();
  const types = useAsync((signal) => violationTypes(undefined, signal), []);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <PageHeading title={t('officer.title')} lead={t('officer.lead')} />
      {types.status === 'failed' && <ErrorNotice error={types.error} onRetry={types.reload} />}
      {!types.data && types.status === 'loading' && <PageLoading />}
      {types.data && <RecordViolationForm types={types.data} unit={session.status === 'signed-in' ? session.user.unit : null} />}
    </div>
  );
}
