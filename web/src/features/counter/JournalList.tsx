// The journal's entries as the cashier reads them: pending (taken offline, not yet sent), posted (with the receipt
// number), credited (posted, but the bill was paid meanwhile elsewhere: the money is the account's credit), refused.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Badge } from '../../components/Section.js';
import { useLanguage } from '../../i18n/index.js';
import { fromMinorUnits, toMinorUnits } from '../../lib/money.js';
import type { JournalEntry } from './journal.js';

export function journalState(entry: JournalEntry): 'pending' | 'posted' | 'credited' | 'refused' {
  if (entry.status === 'posted' && entry.credited && !/^0(\.0+)?$/.test(entry.credited)) return 'credited';
  return entry.status;
}

const TONES = { pending: 'warn', posted: 'good', credited: 'warn', refused: 'bad' } as const;

export function JournalList({ entries }: { entries: JournalEntry[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  if (entries.length === 0) return <p>{t('counter.journal.empty')}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {[...entries].reverse().map((entry) => {
        const state = journalState(entry);
        const currency = entry.input.currency ?? 'KWD';
        const amount = fromMinorUnits(entry.input.items.reduce((s, i) => s + toMinorUnits(i.amount, currency), 0n), currency);
        return (
          <li key={entry.id} data-testid="journal-entry" data-id={entry.id} data-state={state} className="flex flex-wrap items-center gap-3 rounded border border-slate-200 p-3">
            <Badge tone={TONES[state]}>{t(`counter.journal.states.${state}`)}</Badge>
            {entry.takenOffline && <span className="text-sm text-slate-700">{t('counter.journal.offline')}</span>}
            <Amount value={amount} currency={currency} className="font-bold" />
            {entry.receiptNumber && <span dir="ltr">{entry.receiptNumber}</span>}
            {state === 'credited' && <span>{t('counter.journal.creditedNote', { amount: entry.credited })}</span>}
            {state === 'refused' && entry.errorMessage && <span className="text-red-800">{entry.errorMessage[language]}</span>}
            {state === 'refused' && !entry.errorMessage && entry.errorCode?.startsWith('offline_') && <span className="text-red-800">{t('counter.journal.notTakenOffline')}</span>}
          </li>
        );
      })}
    </ul>
  );
}
