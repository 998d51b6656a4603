// A short word on traffic violations: how many are open, and the way to the full list (and objections).
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Section } from '../../components/Section.js';
import { useAsync } from '../../lib/use-async.js';
import { isOpen, violationsOf } from '../fines/violations.api.js';

export function FinesSection({ civilId }: { civilId: string }) {
  const { t } = useTranslation();
  const list = useAsync((signal) => violationsOf(civilId, { signal }), [civilId]);
  const open = (list.data ?? []).filter(isOpen);
  return (
    <Section title={t('dashboard.finesTitle')} testId="fines">
      {list.status === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.data && list.status === 'loading' && <PageLoading />}
      {list.data && <p>{t('violations.summary', { count: open.length })}</p>}
      <Link to="/violations" className="font-bold text-brand-800 underline" data-testid="violations-link">
        {t('dashboard.seeViolations')}
      </Link>
    </Section>
  );
}
