// Everything the signed-in citizen owes, across every biller, with the total and the same pay panel as quick pay.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Section } from '../../components/Section.js';
import { useAsync } from '../../lib/use-async.js';
import { DuesPayPanel } from '../quick-pay/DuesPayPanel.js';
import { lookupDues } from '../quick-pay/dues.api.js';

export function OwedSection({ civilId }: { civilId: string }) {
  const { t } = useTranslation();
  const dues = useAsync((signal) => lookupDues('civilId', civilId, { signal }), [civilId]);
  return (
    <Section title={t('dashboard.owedTitle')} className="md:col-span-2" testId="owed">
      {dues.status === 'failed' && <ErrorNotice error={dues.error} onRetry={dues.reload} />}
      {!dues.data && dues.status === 'loading' && <PageLoading />}
      {dues.data && (
        <>
          <p className="text-lg" data-testid="total-due">
            <span className="font-bold">{t('dashboard.totalDue')}: </span>
            {dues.data.payables.length === 0 ? t('dashboard.nothingDue') : <Amount value={dues.data.total} currency={dues.data.currency} className="font-bold" />}
          </p>
          {dues.data.held.length > 0 && (
            <p data-testid="held-total">
              <span className="font-bold">{t('dashboard.heldTotal')}: </span>
              <Amount value={dues.data.heldTotal} currency={dues.data.currency} />
            </p>
          )}
          {dues.data.payables.length > 0 && <DuesPayPanel payables={dues.data.payables} showOwner={false} />}
        </>
      )}
    </Section>
  );
}
