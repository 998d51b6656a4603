// The signed-in citizen's traffic violations, newest first, with objections and Pay on each one still due (the
// dashboard and quick pay pay several together).
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClasses } from '../components/Button.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { useSession } from '../features/auth/session.js';
import { ViolationCard } from '../features/fines/ViolationCard.js';
import { isOpen, violationsOf } from '../features/fines/violations.api.js';
import { useAsync } from '../lib/use-async.js';

export default function ViolationsPage() {
  const { t } = useTranslation();
  usePageTitle('violations.title');
  const { session } = useSession();
  const civilId = session.status === 'signed-in' ? session.user.civilId ?? '' : '';
  const list = useAsync((signal) => violationsOf(civilId, { signal }), [civilId]);
  const violations = list.data ?? [];
  const open = violations.filter(isOpen);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('violations.title')} lead={t('violations.lead')} />
      {list.status === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageLoading />}
      {list.data && (
        <>
          <p data-testid="violations-summary">{t('violations.summary', { count: open.length })}</p>
          {open.length > 0 && (
            <div>
              <Link to="/dashboard" className={buttonClasses('primary')}>
                {t('violations.payFromDashboard')}
              </Link>
            </div>
          )}
          {violations.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-5">{t('violations.none')}</p>
          ) : (
            <ul className="flex flex-col gap-3">
              {violations.map((violation) => (
                <ViolationCard key={violation.id} violation={violation} onChanged={(changed) => list.setData(violations.map((v) => (v.id === changed.id ? changed : v)))} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
