// The cashier's counter: open the cash drawer with a float, find an account (any biller, any address), take cash,
// print the receipt, and close the drawer with the cash counted (the difference shown before and after). Every
// payment goes to the journal in this browser first; while the server cannot be reached it stays pending there
// and is sent on reconnection (and on the next load), each once; one the server turned to credit says so. With no
// network at all the page opens from the service worker's copy of the portal and the drawer as last seen.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Badge, Section } from '../../components/Section.js';
import { TextField } from '../../components/TextField.js';
import { usePageTitle } from '../../components/page-title.js';
import { useSession } from '../../features/auth/session.js';
import { closeDrawer, currentDrawer, newCounterPaymentId, openDrawer, type Drawer, type OfflineLimits } from '../../features/counter/counter.api.js';
import { loadCounterState, saveCounterState } from '../../features/counter/counter-state.js';
import { offlineLimitProblem, offlineTakenBy, type LimitProblem } from '../../features/counter/offline-limits.js';
import { offlineNumbers, topUpOfflineNumbers } from '../../features/counter/receipt-blocks.js';
import { CounterLookup, type FoundDues } from '../../features/counter/CounterLookup.js';
import { JournalList } from '../../features/counter/JournalList.js';
import { ReceiptPanel, type TakenReceipt } from '../../features/counter/ReceiptPanel.js';
import { useJournal } from '../../features/counter/use-journal.js';
import { useLanguage } from '../../i18n/index.js';
import { toWesternDigits } from '../../lib/digits.js';
import { fromMinorUnits, toMinorUnits } from '../../lib/money.js';
import { useAsync } from '../../lib/use-async.js';
import { useOnline } from '../../lib/use-online.js';

export const amountText = (typed: string) => toWesternDigits(typed).replace(/[٫,]/g, '.').trim();
const minorOr = (text: string, currency: string): bigint | null => {
  try {
    return toMinorUnits(amountText(text), currency);
  } catch {
    return null;
  }
};

export default function CounterPage() {
  const { t } = useTranslation();
  usePageTitle('counter.title');
  const { session } = useSession();
  const owner = session.user ? `${session.user.role}:${session.user.unit ?? ''}:${session.user.name.en}` : '';
  const state = useAsync(() => loadCounterState(owner), [owner]);
  const [drawer, setDrawer] = useState<Drawer | null>(null);
  const [closed, setClosed] = useState<Drawer | null>(null);
  useEffect(() => {
    if (state.data) setDrawer(state.data.drawer);
  }, [state.data]);
  const journal = useJournal(drawer?.cashierId ?? null);
  const office = state.data?.offices[0];
  const offices = state.data?.offices;
  const online = state.status === 'ready' && !state.data.savedAt;
  // Before the loaded drawer reaches `drawer` (one render), there is nothing new to keep.
  const settled = drawer !== null || closed !== null || state.data?.drawer === null;
  useEffect(() => {
    // The drawer as the server last answered it, for a page opened later with no network.
    if (online && settled && offices) void saveCounterState(owner, { drawer, offices }).catch(() => undefined);
  }, [online, settled, owner, offices, drawer]);
  const [numbers, setNumbers] = useState<{ left: bigint; next: string | null } | null>(null);
  const refreshNumbers = async (d: Drawer | null) => {
    if (!d) return setNumbers(null);
    // Online, a new block when few numbers are left; offline (or refused), what this browser still holds.
    setNumbers(await topUpOfflineNumbers(d).catch(() => offlineNumbers(d)).catch(() => null));
  };
  useEffect(() => {
    void refreshNumbers(drawer);
    // refreshNumbers is new each render; the drawer's id and the link are what matter.
  }, [drawer?.drawerId, online]);
  const { reload } = state;
  useEffect(() => {
    // Opened from the kept copy: when the link returns, the server's answer replaces it.
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [reload]);

  const refreshDrawer = async () => {
    try {
      const now = await currentDrawer();
      if (now) setDrawer(now);
    } catch {
      // offline: keep what is shown
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('counter.title')} lead={office ? t('counter.lead', { office: office.code }) : undefined} />
      {state.status === 'failed' && <ErrorNotice error={state.error} onRetry={state.reload} />}
      {state.data?.savedAt && <p className="rounded bg-amber-50 p-3 text-amber-900" role="status" data-testid="counter-offline">{t('counter.offline')}</p>}
      {state.status === 'loading' && !state.data && <PageLoading />}
      {closed && <ClosedDrawer drawer={closed} />}
      {state.data && !drawer && office && <OpenDrawerForm counters={office.counters.filter((c) => c.active).map((c) => c.code)} onOpened={(d) => { setClosed(null); setDrawer(d); }} />}
      {drawer && (
        <>
          <DrawerSummary drawer={drawer} numbers={numbers} />
          <TakeCash drawer={drawer} limits={office?.offlineLimits} journal={journal} onTaken={async () => { await refreshDrawer(); await refreshNumbers(drawer); }} />
          <Section title={t('counter.journal.title')} testId="journal" actions={<Button variant="secondary" onClick={() => void journal.sendPending().then(refreshDrawer)} disabled={journal.syncing} data-testid="send-pending">{t('counter.journal.send')}</Button>}>
            <JournalList entries={journal.entries} />
          </Section>
          <CloseDrawerForm drawer={drawer} onClosed={(d) => { setClosed(d); setDrawer(null); }} />
        </>
      )}
    </div>
  );
}

function OpenDrawerForm({ counters, onOpened }: { counters: string[]; onOpened: (d: Drawer) => void }) {
  const { t } = useTranslation();
  const [counterCode, setCounterCode] = useState(counters[0] ?? '');
  const [float, setFloat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onOpened(await openDrawer(counterCode, amountText(float) || '0'));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('counter.open.title')} testId="open-drawer">
      <form className="flex flex-col gap-4 md:flex-row md:items-end" onSubmit={(e) => void submit(e)}>
        <label className="flex flex-col gap-1 font-bold">
          {t('counter.open.counter')}
          <select name="counterCode" value={counterCode} onChange={(e) => setCounterCode(e.target.value)} className="min-h-12 rounded-lg border border-slate-400 bg-white px-3 text-lg">
            {counters.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <TextField label={t('counter.open.float')} name="openingFloat" inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} />
        <Button type="submit" data-testid="open-drawer-submit">{t('counter.open.submit')}</Button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </Section>
  );
}

function DrawerSummary({ drawer, numbers }: { drawer: Drawer; numbers: { left: bigint; next: string | null } | null }) {
  const { t } = useTranslation();
  return (
    <Section title={t('counter.drawer.title')} testId="drawer">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>{t('counter.drawer.float')}</dt>
        <dd><Amount value={drawer.openingFloat} currency={drawer.currency} /></dd>
        <dt>{t('counter.drawer.expected')}</dt>
        <dd data-testid="expected-cash"><Amount value={drawer.expectedCash ?? drawer.openingFloat} currency={drawer.currency} className="font-bold" /></dd>
        {numbers && (
          <>
            <dt>{t('counter.drawer.offlineNumbers')}</dt>
            <dd data-testid="offline-numbers" data-left={numbers.left.toString()} data-next={numbers.next ?? ''}>
              {numbers.next ? t('counter.drawer.offlineNumbersLeft', { count: Number(numbers.left), next: numbers.next }) : t('counter.drawer.offlineNumbersNone')}
            </dd>
          </>
        )}
      </dl>
    </Section>
  );
}

function TakeCash({ drawer, limits, journal, onTaken }: { drawer: Drawer; limits: OfflineLimits | undefined; journal: ReturnType<typeof useJournal>; onTaken: () => Promise<void> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const online = useOnline();
  const [notOffline, setNotOffline] = useState<LimitProblem | { kind: 'no-numbers' } | null>(null);
  const [found, setFound] = useState<FoundDues | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [cash, setCash] = useState('');
  const [receipt, setReceipt] = useState<TakenReceipt | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const currency = drawer.currency;
  const items = (found?.dues.payables ?? []).filter((p) => chosen.has(p.id) && p.payableOnline);
  const total = items.reduce((sum, p) => sum + toMinorUnits(p.amountDue, currency), 0n);
  const handed = minorOr(cash, currency);
  const change = handed !== null && handed >= total ? handed - total : null;
  // With no network the office's offline limits apply before the cashier takes the cash.
  const problem = online ? notOffline : offlineLimitProblem(limits, offlineTakenBy(journal.entries, drawer.drawerId, currency), total, currency) ?? notOffline;
  const limitText = (p: LimitProblem | { kind: 'no-numbers' }) => p.kind === 'payment'
    ? t('counter.take.offlineLimitPayment', { max: `${p.max} ${currency}` })
    : p.kind === 'total' ? t('counter.take.offlineLimitTotal', { max: `${p.max} ${currency}`, left: `${fromMinorUnits(p.left, currency)} ${currency}` }) : t('counter.take.offlineNoNumbers');

  const onFound = (f: FoundDues) => {
    setFound(f);
    setReceipt(null);
    setError(null);
    setNotOffline(null);
    setCash('');
    setChosen(new Set(f.dues.payables.filter((p) => p.payableOnline).map((p) => p.id)));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (items.length === 0 || handed === null) return;
    setBusy(true);
    setError(null);
    const input = {
      id: newCounterPaymentId(), currency, language,
      items: items.map((p) => ({ payableId: p.id, amount: p.amountDue })),
      tenders: [{ kind: 'cash' as const, amount: fromMinorUnits(handed, currency) }],
    };
    try {
      const outcome = await journal.take(input, { drawer, limits });
      if (outcome.kind === 'refused') setError(outcome.error);
      else if (outcome.kind === 'not-offline') setNotOffline(outcome.problem);
      else {
        setReceipt({
          id: input.id, currency, amount: fromMinorUnits(total, currency), changeGiven: fromMinorUnits(handed - total, currency),
          receiptNumber: outcome.kind === 'posted' ? outcome.payment.receiptNumber : outcome.receiptNumber, takenOffline: outcome.kind === 'offline',
          lookup: found!.label, items: items.map((p) => ({ reference: p.reference, billerCode: p.biller.code, amount: p.amountDue })),
        });
        setFound(null);
        await onTaken();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('counter.take.title')} testId="take-cash">
      <CounterLookup onFound={onFound} />
      {found && (
        <form className="mt-4 flex flex-col gap-4" onSubmit={(e) => void submit(e)} data-testid="dues-form">
          {found.fromCache && <p className="rounded bg-amber-50 p-3 text-amber-900" data-testid="dues-from-cache">{t('counter.take.fromCache')}</p>}
          {found.dues.payables.length === 0 ? <p>{t('counter.take.nothingDue')}</p> : (
            <ul className="flex flex-col gap-2">
              {found.dues.payables.map((p) => (
                <li key={p.id}>
                  <label className="flex items-center gap-3 rounded border border-slate-200 p-3">
                    <input type="checkbox" data-testid="due" disabled={!p.payableOnline} checked={chosen.has(p.id)} onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(p.id);
                      else next.delete(p.id);
                      setChosen(next);
                    }} />
                    <span className="flex-1">{language === 'ar' ? p.description.ar : p.description.en} · {p.reference ?? ''}</span>
                    <Amount value={p.amountDue} currency={p.currency} className="font-bold" />
                  </label>
                </li>
              ))}
            </ul>
          )}
          <p data-testid="total">{t('counter.take.total')}: <Amount value={fromMinorUnits(total, currency)} currency={currency} className="font-bold" /></p>
          <TextField label={t('counter.take.cash')} name="cash" inputMode="decimal" value={cash} onChange={(e) => setCash(e.target.value)}
            error={problem ? limitText(problem) : cash && (handed === null || handed < total) ? t('counter.take.cashShort') : undefined} />
          {change !== null && <p data-testid="change">{t('counter.take.change')}: <Amount value={fromMinorUnits(change, currency)} currency={currency} className="font-bold" /></p>}
          <Button type="submit" disabled={busy || items.length === 0 || change === null || (!online && problem !== null)} data-testid="take-submit">{t('counter.take.submit')}</Button>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {receipt && <ReceiptPanel receipt={receipt} />}
    </Section>
  );
}

function CloseDrawerForm({ drawer, onClosed }: { drawer: Drawer; onClosed: (d: Drawer) => void }) {
  const { t } = useTranslation();
  const [counted, setCounted] = useState('');
  const [error, setError] = useState<unknown>(null);
  const countedMinor = minorOr(counted, drawer.currency);
  const expected = toMinorUnits(drawer.expectedCash ?? drawer.openingFloat, drawer.currency);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (countedMinor === null) return;
    setError(null);
    try {
      onClosed(await closeDrawer(drawer.drawerId, fromMinorUnits(countedMinor, drawer.currency)));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('counter.close.title')} testId="close-drawer">
      <form className="flex flex-col gap-4" onSubmit={(e) => void submit(e)}>
        <TextField label={t('counter.close.counted')} name="countedCash" inputMode="decimal" value={counted} onChange={(e) => setCounted(e.target.value)} />
        {countedMinor !== null && (
          <p data-testid="difference-preview">{t('counter.close.difference')}: <Amount value={fromMinorUnits(countedMinor - expected, drawer.currency)} currency={drawer.currency} className="font-bold" /></p>
        )}
        <Button type="submit" variant="secondary" disabled={countedMinor === null} data-testid="close-drawer-submit">{t('counter.close.submit')}</Button>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </Section>
  );
}

function ClosedDrawer({ drawer }: { drawer: Drawer }) {
  const { t } = useTranslation();
  const difference = drawer.difference ?? '0';
  const tone = difference.startsWith('-') ? 'bad' : /^0(\.0+)?$/.test(difference) ? 'good' : 'warn';
  return (
    <Section title={t('counter.closed.title')} testId="drawer-closed">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>{t('counter.drawer.expected')}</dt>
        <dd><Amount value={drawer.expectedCash ?? '0'} currency={drawer.currency} /></dd>
        <dt>{t('counter.close.counted')}</dt>
        <dd><Amount value={drawer.countedCash ?? '0'} currency={drawer.currency} /></dd>
        <dt>{t('counter.close.difference')}</dt>
        <dd data-testid="difference"><Badge tone={tone}><Amount value={difference} currency={drawer.currency} /></Badge></dd>
      </dl>
    </Section>
  );
}
