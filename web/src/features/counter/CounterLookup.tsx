// Find an account at the counter by civil ID, account, meter or plate: any biller, any address. Each answer is kept
// in the journal's store, so while the server cannot be reached the last answer for the same look-up is shown
// (marked as such) and cash can still be taken.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextField } from '../../components/TextField.js';
import { LOOKUP_KINDS, normaliseLookupValue, type Dues, type LookupKind } from '../quick-pay/dues.api.js';
import { counterDues } from './counter.api.js';
import { cacheDues, cachedDues } from './journal.js';
import { isUnreachable } from './use-journal.js';

export interface FoundDues {
  dues: Dues;
  label: string;
  fromCache: boolean;
}

export function CounterLookup({ onFound }: { onFound: (found: FoundDues) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LookupKind>('accountNumber');
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = normaliseLookupValue(kind, value);
    if (!typed) return;
    const key = `${kind}:${typed}`;
    setBusy(true);
    setError(null);
    try {
      const dues = await counterDues(kind, typed);
      await cacheDues(key, dues);
      onFound({ dues, label: typed, fromCache: false });
    } catch (err) {
      const cached = isUnreachable(err) ? await cachedDues<Dues>(key) : undefined;
      if (cached) onFound({ dues: cached.dues, label: typed, fromCache: true });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="flex flex-col gap-4 md:flex-row md:items-end" onSubmit={(e) => void submit(e)} data-testid="counter-lookup">
      <label className="flex flex-col gap-1 font-bold">
        {t('counter.find.by')}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as LookupKind)} className="min-h-12 rounded-lg border border-slate-400 bg-white px-3 text-lg">
          {LOOKUP_KINDS.map((k) => <option key={k} value={k}>{t(`quickPay.kinds.${k}.label`)}</option>)}
        </select>
      </label>
      <TextField label={t('counter.find.value')} name="value" value={value} onChange={(e) => setValue(e.target.value)} className="flex-1" />
      <Button type="submit" disabled={busy} data-testid="find">{t('counter.find.submit')}</Button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
