// One service request, for its citizen (/requests/:id) and for service staff (/staff/requests/:id): what was asked,
// its status, the fee and Pay while it is due (the citizen), the steps staff may take, and the timeline of changes and
// comments with a box to add one.
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { Badge, Section } from '../components/Section.js';
import { usePageTitle } from '../components/page-title.js';
import { useSession } from '../features/auth/session.js';
import { CommentForm } from '../features/requests/CommentForm.js';
import { RequestFee } from '../features/requests/RequestFee.js';
import { RequestStatusBadge } from '../features/requests/RequestStatus.js';
import { RequestTimeline } from '../features/requests/RequestTimeline.js';
import { StepActions } from '../features/requests/StepActions.js';
import { fetchRequest, requestTypes, type RequestDetail, type RequestType } from '../features/requests/requests.api.js';
import { formatNumber } from '../i18n/format.js';
import { useLanguage } from '../i18n/index.js';
import { useAsync } from '../lib/use-async.js';

function RequestFacts({ request, type }: { request: RequestDetail; type: RequestType | undefined }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const labelOf = (name: string) => {
    const spec = type?.fields.find((f) => f.name === name);
    return spec ? (language === 'ar' ? spec.labelAr : spec.labelEn) : name;
  };
  const attachmentLabelOf = (name: string) => {
    const spec = type?.attachments.find((a) => a.name === name);
    return spec ? (language === 'ar' ? spec.labelAr : spec.labelEn) : name;
  };
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2" data-testid="request-facts">
      <dt>{t('requests.number')}</dt>
      <dd><bdi className="tabular" data-testid="request-number">{request.number}</bdi></dd>
      <dt>{t('requests.statusLabel')}</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <RequestStatusBadge status={request.status} />
        {request.escalated && <Badge tone="bad">{t('requests.escalated')}</Badge>}
        <span className="text-sm text-slate-700">{t('requests.since')} <DateText value={request.statusSince} withTime /></span>
      </dd>
      <dt>{t('requests.office')}</dt>
      <dd>{t(`requests.offices.${request.office}`, { defaultValue: request.office })}</dd>
      <dt>{t('requests.submittedOn')}</dt>
      <dd><DateText value={request.createdAt} withTime /></dd>
      {request.scheduledFor && (<><dt>{t('requests.scheduledFor')}</dt><dd data-testid="scheduled-for"><DateText value={request.scheduledFor} withTime /></dd></>)}
      {request.decisionNote && (<><dt>{t('requests.decisionNote')}</dt><dd className="whitespace-pre-line" data-testid="decision-note">{request.decisionNote}</dd></>)}
      {Object.entries(request.fields).map(([name, value]) => (
        <div key={name} className="contents"><dt>{labelOf(name)}</dt><dd><bdi>{value}</bdi></dd></div>
      ))}
      {request.attachments.map((file) => (
        <div key={file.id} className="contents">
          <dt>{attachmentLabelOf(file.name)}</dt>
          <dd><bdi>{file.filename}</bdi> ({t('requests.attachments.size', { size: formatNumber(Math.max(1, Math.round(file.sizeBytes / 1024)), language) })})</dd>
        </div>
      ))}
    </dl>
  );
}

export default function RequestPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('requests.requestTitle');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { session } = useSession();
  const staff = session.status === 'signed-in' && session.user.kind === 'staff';
  const mayMove = staff && (session.user.role === 'service' || session.user.role === 'admin');
  const request = useAsync((signal) => fetchRequest(id, undefined, signal), [id]);
  const types = useAsync((signal) => requestTypes(undefined, signal), []);
  const r = request.data;
  const type = types.data?.find((x) => x.code === r?.typeCode);
  const typeName = type ? (language === 'ar' ? type.nameAr : type.nameEn) : r?.typeCode;

  return (
    <div className="flex flex-col gap-6" data-testid="request" data-status={r?.status}>
      <PageHeading title={r ? t('requests.requestOf', { type: typeName }) : t('requests.requestTitle')} />
      {params.get('submitted') && r && (
        <p role="status" className="rounded-lg border-s-4 border-emerald-700 bg-emerald-50 p-4 text-emerald-950" data-testid="submitted-notice">
          {t('requests.submittedNotice', { number: r.number })}
        </p>
      )}
      {request.status === 'failed' && <ErrorNotice error={request.error} onRetry={request.reload} />}
      {!r && request.status === 'loading' && <PageLoading />}
      {r && (
        <>
          <Section title={t('requests.details')} testId="request-details">
            <RequestFacts request={r} type={type} />
          </Section>
          <Section title={t('requests.fee.title')}>
            <RequestFee request={r} type={type} typesLoading={types.status === 'loading'} canPay={!staff} />
          </Section>
          {mayMove && (
            <Section title={t('requests.steps.title')} testId="request-steps">
              <StepActions request={r} type={type} onMoved={request.reload} />
            </Section>
          )}
          <Section title={t('requests.timeline.title')}>
            <RequestTimeline history={r.history} viewerIsStaff={staff} />
            <CommentForm requestId={r.id} onAdded={request.reload} />
          </Section>
          <p>
            <Link to={staff ? '/staff/requests' : '/requests'} className="font-bold text-brand-800 underline">
              {staff ? t('requests.backToQueue') : t('requests.backToMine')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
