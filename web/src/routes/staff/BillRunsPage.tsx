// Bill runs: the latest runs and their state, starting one for a biller and period, and its progress while it
// runs (polled every two seconds until it finishes).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/index.js';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { SelectField } from '../../components/FormFields.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Badge, Section } from '../../components/Section.js';
import { TextField } from '../../components/TextField.js';
import { usePageTitle } from '../../components/page-title.js';
import { fetchBillRun, isRunFinished, listBillRuns, startBillRun, type BillRun } from '../../features/billing/billing.api.js';
import { kuwaitNowLocal } from '../../features/staff/staff.api.js';
import { formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { useAsync } from '../../lib/use-async.js';

const POLL_MS = 2000;

/** The last period that has ended: bills are run for a month once it is over. "2026-01" → "2025-12". */
export function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function RunProgress({ run }: { run: BillRun }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const done = run.billed + run.failed;
  const max = Math.max(run.totalAccounts, done, 1);
  return (
    <div className="flex flex-col gap-2" data-testid="bill-run" data-status={run.status}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-bold">{t(`bills.billers.${run.biller}`, { defaultValue: run.biller })} · <bdi className="tabular">{run.period}</bdi></span>
        <Badge tone={run.failed > 0 ? 'warn' : isRunFinished(run) ? 'good' : 'neutral'}>{t(`billRuns.status.${run.status}`, { defaultValue: run.status })}</Badge>
      </div>
      <progress className="h-3 w-full accent-brand-800" max={max} value={done} aria-label={t('billRuns.progressLabel', { period: run.period })} />
      <p className="text-sm" aria-live="polite">
        {t('billRuns.counts', { billed: formatNumber(run.billed, language), total: formatNumber(run.totalAccounts, language), estimated: formatNumber(run.estimated, language), failed: formatNumber(run.failed, language) })}
        {' · '}
        <Amount value={run.amountTotal} currency={run.currency} />
      </p>
    </div>
  );
}

export default function BillRunsPage() {
  const { t } = useTranslation();
  usePageTitle('billRuns.title');
  const runs = useAsync((signal) => listBillRuns(undefined, signal), []);
  const [billerCode, setBillerCode] = useState('mew-electricity');
  const [period, setPeriod] = useState(() => previousPeriod(kuwaitNowLocal().slice(0, 7)));
  const [current, setCurrent] = useState<BillRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unavailable = runs.status === 'failed' && runs.error instanceof ApiError && runs.error.status === 404;

  // Live progress: ask again every two seconds until the run is finished.
  useEffect(() => {
    if (!current || isRunFinished(current)) return;
    const timer = window.setTimeout(() => {
      fetchBillRun(current.id).then(setCurrent, setError);
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [current]);

  async function start(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCurrent(await startBillRun(billerCode, period));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('billRuns.title')} lead={t('billRuns.lead')} />
      {unavailable ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5">{t('billRuns.unavailable')}</p>
      ) : (
        <>
          <Section title={t('billRuns.startTitle')}>
            <form onSubmit={start} className="flex flex-col gap-4 sm:flex-row sm:items-end" aria-busy={busy}>
              <SelectField label={t('billRuns.biller')} value={billerCode} onChange={(e) => setBillerCode(e.target.value)}>
                <option value="mew-electricity">{t('bills.billers.mew-electricity')}</option>
                <option value="mew-water">{t('bills.billers.mew-water')}</option>
              </SelectField>
              <TextField label={t('billRuns.period')} type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
              <Button type="submit" disabled={busy || (current !== null && !isRunFinished(current))} data-testid="start-run">
                {busy ? t('billRuns.starting') : t('billRuns.start')}
              </Button>
            </form>
            {error !== null && <ErrorNotice error={error} />}
            {current && <RunProgress run={current} />}
          </Section>
          <Section title={t('billRuns.recent')}>
            {runs.status === 'failed' && <ErrorNotice error={runs.error} onRetry={runs.reload} />}
            {!runs.data && runs.status === 'loading' && <PageLoading />}
            {runs.data && runs.data.length === 0 && <p>{t('billRuns.none')}</p>}
            {runs.data && runs.data.length > 0 && (
              <ul className="flex flex-col gap-4">
                {runs.data.map((run) => <li key={run.id}><RunProgress run={run} /></li>)}
              </ul>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
