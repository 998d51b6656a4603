// Service staff's work queue: the open requests of an office and type (the staff member's own office first),
// oldest step first, late ones marked; each opens the request's page to move it on.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../components/DateText.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { SelectField } from '../../components/FormFields.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Badge, Section } from '../../components/Section.js';
import { usePageTitle } from '../../components/page-title.js';
import { useSession } from '../../features/auth/session.js';
import { RequestStatusBadge, useTypeName } from '../../features/requests/RequestStatus.js';
import { OFFICES, requestTypes, workQueue } from '../../features/requests/requests.api.js';
import { useLanguage } from '../../i18n/index.js';
import { useAsync } from '../../lib/use-async.js';

export default function RequestQueuePage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('requests.queue.title');
  const { session } = useSession();
  const unit = session.status === 'signed-in' ? session.user.unit ?? '' : '';
  const [params, setParams] = useSearchParams();
  // The filters live in the address, so a queue can be bookmarked and Back returns to the same one.
  const [office, setOffice] = useState(params.get('office') ?? ((OFFICES as readonly string[]).includes(unit) ? unit : ''));
  const typeCode = params.get('type') ?? '';
  const types = useAsync((signal) => requestTypes(undefined, signal), []);
  const queue = useAsync((signal) => workQueue({ office: office || undefined, typeCode: typeCode || undefined }, undefined, signal), [office, typeCode]);
  const typeName = useTypeName(types.data);

  function filter(next: { office?: string; type?: string }) {
    const merged = { office, type: typeCode, ...next };
    setOffice(merged.office);
    setParams(Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== '')), { replace: true });
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('requests.queue.title')} lead={t('requests.queue.lead')} />
      <Section title={t('requests.queue.filters')}>
        <div className="flex flex-col gap-4 sm:flex-row">
          <SelectField label={t('requests.form.office')} name="office" value={office} onChange={(e) => filter({ office: e.target.value })} className="sm:flex-1">
            <option value="">{t('requests.queue.allOffices')}</option>
            {OFFICES.map((code) => <option key={code} value={code}>{t(`requests.offices.${code}`)}</option>)}
          </SelectField>
          <SelectField label={t('requests.form.type')} name="typeCode" value={typeCode} onChange={(e) => filter({ type: e.target.value })} className="sm:flex-1">
            <option value="">{t('requests.queue.allTypes')}</option>
            {(types.data ?? []).map((x) => <option key={x.code} value={x.code}>{language === 'ar' ? x.nameAr : x.nameEn}</option>)}
          </SelectField>
        </div>
      </Section>
      <Section title={t('requests.queue.open')}>
        {queue.status === 'failed' && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
        {!queue.data && queue.status === 'loading' && <PageLoading />}
        {queue.data && queue.data.length === 0 && <p>{t('requests.queue.empty')}</p>}
        {queue.data && queue.data.length > 0 && (
          <ul className="flex flex-col gap-3" data-testid="queue">
            {queue.data.map((request) => (
              <li key={request.id} className="flex flex-col gap-1 border-b border-slate-200 pb-3 last:border-0" data-testid="queue-row" data-number={request.number}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/staff/requests/${encodeURIComponent(request.id)}`} className="font-bold text-brand-800 underline">
                    <bdi className="tabular">{request.number}</bdi> · {typeName(request.typeCode)}
                  </Link>
                  <span className="flex items-center gap-2">
                    {request.escalated && <Badge tone="bad">{t('requests.escalated')}</Badge>}
                    <RequestStatusBadge status={request.status} />
                  </span>
                </div>
                <p className="text-sm text-slate-700">
                  {t(`requests.offices.${request.office}`, { defaultValue: request.office })} · <bdi className="tabular">{request.civilId}</bdi> · {t('requests.since')} <DateText value={request.statusSince} withTime />
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
