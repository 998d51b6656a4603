// The dues, what is ticked, its total and the Pay button: the same panel on quick pay and on the signed-in
// dashboard. Paying goes to the gateway's page (KNET) and comes back to the receipt.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { DuesList } from './DuesList.js';
import type { Payable } from './dues.api.js';
import { checkoutItems, initialSelection, invalidAmounts, selectAll, selectedTotal, toggle } from './dues-selection.js';
import { useCheckout } from './use-checkout.js';

export function DuesPayPanel({ payables, showOwner = true }: { payables: Payable[]; showOwner?: boolean }) {
  const { t } = useTranslation();
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => initialSelection(payables));
  const [amounts, setAmounts] = useState<ReadonlyMap<string, string>>(new Map());
  const checkout = useCheckout();
  const { reset } = checkout;

  // A new look-up starts over: everything payable ticked, every due in full.
  useEffect(() => {
    setSelection(initialSelection(payables));
    setAmounts(new Map());
    reset();
  }, [payables, reset]);

  const items = useMemo(() => checkoutItems(payables, selection, amounts), [payables, selection, amounts]);
  const totals = selectedTotal(payables, selection, amounts);
  const invalid = invalidAmounts(payables, selection, amounts);

  return (
    <>
      <DuesList
        payables={payables}
        selection={selection}
        amounts={amounts}
        onToggle={(id, checked) => setSelection((s) => toggle(s, id, checked))}
        onToggleAll={(checked) => setSelection(selectAll(payables, checked))}
        showOwner={showOwner}
        onAmount={(id, typed) =>
          setAmounts((previous) => {
            const next = new Map(previous);
            if (typed === null) next.delete(id);
            else next.set(id, typed);
            return next;
          })
        }
      />
      <div className="flex flex-col gap-3 rounded-xl border border-brand-200 bg-white p-4 shadow-sm sm:flex-row sm:items-center sm:justify-between">
        <p aria-live="polite" className="text-lg">
          <span className="font-bold">{t('quickPay.selectedTotal')}: </span>
          <span data-testid="selected-total">
            {totals.length === 0
              ? t('quickPay.nothingSelected')
              : totals.map((total, i) => (
                  <span key={total.currency}>
                    {i > 0 && ' + '}
                    <Amount value={total.amount} currency={total.currency} className="font-bold" />
                  </span>
                ))}
          </span>
        </p>
        <Button onClick={() => void checkout.start(items)} disabled={items.length === 0 || checkout.pending || totals.length > 1 || invalid.length > 0} data-testid="pay">
          {checkout.pending ? t('quickPay.paying') : t('quickPay.pay', { count: items.length })}
        </Button>
      </div>
      {totals.length > 1 && <p className="text-sm">{t('quickPay.oneCurrencyAtATime')}</p>}
      {checkout.error !== null && <ErrorNotice error={checkout.error} />}
    </>
  );
}
