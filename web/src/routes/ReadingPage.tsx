// Submitting a meter reading. The billing module decides — accepted, held for review, or refused — and says why
// in both languages; the person reads its words in their language, with what happens next.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { TextField } from '../components/TextField.js';
import { usePageTitle } from '../components/page-title.js';
import { lastAcceptedReading, submitReading, type ReadingDecision } from '../features/billing/billing.api.js';
import { useAsync } from '../lib/use-async.js';
import { DateText } from '../components/DateText.js';
import { ApiError } from '../api/index.js';
import { useLanguage } from '../i18n/index.js';
import { normaliseNumberInput } from '../lib/digits.js';
import { formatNumber } from '../i18n/format.js';

const TONES = { accepted: 'border-emerald-700 bg-emerald-50 text-emerald-950', held: 'border-amber-600 bg-amber-50 text-amber-950', rejected: 'border-red-700 bg-red-50 text-red-950' } as const;

export default function ReadingPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('reading.title');
  const [params] = useSearchParams();
  const [account, setAccount] = useState(params.get('account') ?? '');
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState<{ account?: boolean; value?: boolean; notDigits?: boolean }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [decision, setDecision] = useState<ReadingDecision | null>(null);

  const accountForPrevious = normaliseNumberInput(account).toUpperCase();
  const previous = useAsync((signal) => (accountForPrevious.length >= 3 ? lastAcceptedReading(accountForPrevious, undefined, signal).catch(() => null) : Promise.resolve(null)), [accountForPrevious]);
  // A refusal of what was typed belongs at its box: the account (not found, not yours) or the reading (bad value).
  const fieldOfError = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429
    ? (/account/.test(error.code) || error.status === 403 || error.status === 404 ? 'account' : 'value')
    : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const accountNumber = normaliseNumberInput(account).toUpperCase();
    const reading = normaliseNumberInput(value);
    const problems = { account: !accountNumber, value: !reading, notDigits: /[^\d.,]/.test(reading) };
    // Letters are refused here; a decimal reading goes to the server, whose refusal says why in its own words.
    setMissing(problems);
    if (problems.account || problems.value || problems.notDigits) return;
    setBusy(true);
    setError(null);
    setDecision(null);
    try {
      setDecision(await submitReading({ accountNumber, reading }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <PageHeading title={t('reading.title')} lead={t('reading.lead')} />
      {decision && (
        <div role="status" data-testid="reading-decision" data-decision={decision.decision} className={`rounded-lg border-s-4 p-4 ${TONES[decision.decision]}`}>
          <p className="font-bold">{t(`reading.decisions.${decision.decision}`)}</p>
          <p>{decision.message[language]}</p>
          {decision.decision !== 'rejected' && (
            <p className="mt-1 text-sm">
              {t('reading.consumption', { value: formatNumber(decision.reading.consumption, language), unit: t(`bills.units.${decision.reading.unit}`) })}
            </p>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8" aria-busy={busy}>
        {error !== null && !fieldOfError && <ErrorNotice error={error} />}
        <TextField label={t('reading.account')} hint={t('reading.accountHint')} name="accountNumber" autoComplete="off" value={account} onChange={(e) => setAccount(e.target.value)}
          error={missing.account ? t('reading.accountMissing') : fieldOfError === 'account' ? (error as ApiError).messageIn(language) : undefined} />
        {previous.data && (
          <p className="text-sm text-slate-700" data-testid="previous-reading">
            {t('reading.previous', { value: formatNumber(previous.data.value, language), unit: t(`bills.units.${previous.data.unit}`) })} (<DateText value={previous.data.readOn} />)
          </p>
        )}
        <TextField label={t('reading.value')} hint={t('reading.valueHint')} name="value" inputMode="numeric" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)}
          error={missing.value ? t('reading.valueMissing') : missing.notDigits ? t('reading.valueDigits') : fieldOfError === 'value' ? (error as ApiError).messageIn(language) : undefined} />
        <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:self-start" data-testid="submit-reading">
          {busy ? t('reading.submitting') : t('reading.submit')}
        </Button>
      </form>
    </div>
  );
}
