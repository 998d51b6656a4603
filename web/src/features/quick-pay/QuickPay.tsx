// Quick pay: look up what is owed, tick what to pay, pay. No sign-in needed, as at a bank counter.
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { DuesList } from './DuesList.js';
import { LookupForm } from './LookupForm.js';
import { lookupDues, type Dues, type LookupKind } from './dues.api.js';
import { initialSelection, selectAll, selectedIds, selectedTotal, toggle } from './dues-selection.js';
import { useCheckout } from './use-checkout.js';

export function QuickPay() {
  const { t } = useTranslation();
  const [dues, setDues] = useState<Dues | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const lastLookup = useRef<{ kind: LookupKind; value: string } | null>(null);
  const pending = useRef<AbortController | null>(null);
  const results = useRef<HTMLHeadingElement>(null);
  const checkout = useCheckout();

  async function lookup(kind: LookupKind, value: string) {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    lastLookup.current = { kind, value };
    setSearching(true);
    setLookupError(null);
    checkout.reset();
    try {
      const found = await lookupDues(kind, value, { signal: controller.signal });
      setDues(found);
      setSelection(initialSelection(found.payables));
      // Move the reader to what was found, as a screen reader user would not otherwise know it appeared.
      requestAnimationFrame(() => results.current?.focus());
    } catch (error) {
      if (controller.signal.aborted) return;
      setDues(null);
      setLookupError(error);
    } finally {
      if (pending.current === controller) setSearching(false);
    }
  }

  const payables = useMemo(() => dues?.payables ?? [], [dues]);
  const ids = selectedIds(payables, selection);
  const totals = selectedTotal(payables, selection);
  const retry = () => lastLookup.current && void lookup(lastLookup.current.kind, lastLookup.current.value);

  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8" aria-labelledby="lookup-heading">
        <h2 id="lookup-heading" className="mb-4 text-xl font-bold">
          {t('quickPay.lookupTitle')}
        </h2>
        <LookupForm busy={searching} onLookup={(kind, value) => void lookup(kind, value)} />
      </section>

      {lookupError !== null && <ErrorNotice error={lookupError} onRetry={retry} />}

      {dues && (
        <section className="flex flex-col gap-4" aria-labelledby="dues-heading" data-testid="dues">
          <h2 id="dues-heading" ref={results} tabIndex={-1} className="text-xl font-bold">
            {t('quickPay.duesTitle', { count: payables.length })}
          </h2>
          {payables.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-5">{t('quickPay.nothingDue')}</p>
          ) : (
            <>
              <DuesList
                payables={payables}
                selection={selection}
                onToggle={(id, checked) => setSelection((s) => toggle(s, id, checked))}
                onToggleAll={(checked) => setSelection(selectAll(payables, checked))}
              />
              <div className="flex flex-col gap-3 rounded-xl border border-brand-200 bg-white p-4 shadow-sm sm:flex-row sm:items-center sm:justify-between">
                <p aria-live="polite" className="text-lg">
                  <span className="font-bold">{t('quickPay.selectedTotal')}: </span>
                  <span data-testid="selected-total">
                    {totals.length === 0 ? t('quickPay.nothingSelected') : totals.map((total, i) => (
                      <span key={total.currency}>
                        {i > 0 && ' + '}
                        <Amount value={total.amount} currency={total.currency} className="font-bold" />
                      </span>
                    ))}
                  </span>
                </p>
                <Button onClick={() => void checkout.start(ids)} disabled={ids.length === 0 || checkout.pending || totals.length > 1} data-testid="pay">
                  {checkout.pending ? t('quickPay.paying') : t('quickPay.pay', { count: ids.length })}
                </Button>
              </div>
              {totals.length > 1 && <p className="text-sm">{t('quickPay.oneCurrencyAtATime')}</p>}
              {checkout.error !== null && <ErrorNotice error={checkout.error} />}
            </>
          )}
        </section>
      )}
    </div>
  );
}
