// The signed-in citizen's service requests, newest first: number, type, status and since when, each opening its
// own page; and the way to a new one.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClasses } from '../components/Button.js';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { RequestStatusBadge, useTypeName } from '../features/requests/RequestStatus.js';
import { myRequests, requestTypes } from '../features/requests/requests.api.js';
import { useAsync } from '../lib/use-async.js';

export default function RequestsPage() {
  const { t } = useTranslation();
  usePageTitle('requests.title');
  const list = useAsync((signal) => Promise.all([myRequests(undefined, signal), requestTypes(undefined, signal)]), []);
  const [requests, types] = list.data ?? [null, null];
  const typeName = useTypeName(types);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('requests.title')} lead={t('requests.lead')} />
      <div>
        <Link to="/requests/new" className={buttonClasses('primary')} data-testid="new-request">
          {t('requests.new')}
        </Link>
      </div>
      {list.status === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageLoading />}
      {requests && requests.length === 0 && <p className="rounded-lg border border-slate-200 bg-white p-5">{t('requests.none')}</p>}
      {requests && requests.length > 0 && (
        <ul className="flex flex-col gap-3" data-testid="my-requests">
          {requests.map((request) => (
            <li key={request.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="request-row" data-number={request.number}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link to={`/requests/${encodeURIComponent(request.id)}`} className="font-bold text-brand-800 underline">
                  {typeName(request.typeCode)} · <bdi className="tabular">{request.number}</bdi>
                </Link>
                <RequestStatusBadge status={request.status} />
              </div>
              <p className="text-sm text-slate-700">
                {t('requests.submittedOn')} <DateText value={request.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
