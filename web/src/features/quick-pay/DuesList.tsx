// The dues found, each with a checkbox, a "select all" box, and — where the biller takes part payments — the
// amount to pay, with its minimum. Dues held for legal process are listed with the reason and no checkbox: the
// person sees them but pays them elsewhere.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { DateText } from '../../components/DateText.js';
import { Button } from '../../components/Button.js';
import { TextField } from '../../components/TextField.js';
import { formatAmount } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import type { Payable } from './dues.api.js';
import { currencyScale } from '../../lib/money.js';
import { amountProblem, selectionState, type ChosenAmounts } from './dues-selection.js';

const LONG_LIST = 10;
/** A small action inside a due (pay part of it, or all of it again): underlined words, still a 36 px target. */
const TEXT_BUTTON = 'inline-flex min-h-9 items-center text-sm font-bold text-brand-800 underline underline-offset-4 hover:text-brand-900';
const SHOWN_WHEN_FOLDED = 6;

interface DuesListProps {
  payables: Payable[];
  selection: ReadonlySet<string>;
  amounts: ChosenAmounts;
  onToggle: (id: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
  /** A typed part amount, or null to pay the due in full again. */
  onAmount: (id: string, typed: string | null) => void;
  /** The owner's name on each due: useful to a stranger paying for someone, noise on one's own dashboard. */
  showOwner?: boolean;
}

export function DuesList({ payables, selection, amounts, onToggle, onToggleAll, onAmount, showOwner = true }: DuesListProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const state = selectionState(payables, selection);
  const allBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = state === 'some';
  }, [state]);
  const anySelectable = payables.some((p) => p.payableOnline);
  // A long list (a year of unpaid bills) shows its first rows and says how many more there are and how many of
  // them are ticked, so nothing is paid unseen without the person being told.
  const [expanded, setExpanded] = useState(false);
  const folded = !expanded && payables.length > LONG_LIST;
  const shown = folded ? payables.slice(0, SHOWN_WHEN_FOLDED) : payables;
  const hidden = payables.slice(shown.length);
  const hiddenTicked = hidden.filter((p) => p.payableOnline && selection.has(p.id)).length;

  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="sr-only">{t('quickPay.chooseDues')}</legend>
      {anySelectable && (
        <label className="flex min-h-11 cursor-pointer items-center gap-3 px-1 font-bold">
          <input
            ref={allBox}
            type="checkbox"
            checked={state === 'all'}
            onChange={(e) => onToggleAll(e.target.checked)}
            className="size-5 accent-brand-800"
            data-testid="select-all"
          />
          {t('quickPay.selectAll')}
        </label>
      )}
      <ul className="flex flex-col gap-3">
        {shown.map((payable) => {
          const ticked = selection.has(payable.id);
          const typed = amounts.get(payable.id);
          const problem = typed === undefined ? null : amountProblem(payable, typed);
          const minimum = payable.minPartialAmount ? formatAmount(payable.minPartialAmount, payable.currency, language) : null;
          return (
            <li
              key={payable.id}
              data-testid="due"
              className={`flex flex-col gap-3 rounded-lg border bg-white p-4 ${payable.payableOnline ? 'border-slate-300 has-[:checked]:border-brand-800 has-[:checked]:bg-brand-50' : 'border-dashed border-slate-400'}`}
            >
              <label className={`flex gap-3 ${payable.payableOnline ? 'cursor-pointer' : ''}`}>
                {payable.payableOnline && (
                  <input
                    type="checkbox"
                    checked={ticked}
                    onChange={(e) => onToggle(payable.id, e.target.checked)}
                    className="mt-1 size-5 shrink-0 accent-brand-800"
                    data-testid="payable-checkbox"
                    value={payable.id}
                  />
                )}
                <span className="flex min-w-0 flex-1 flex-col gap-1">
                  <span className="flex flex-wrap items-baseline justify-between gap-x-4">
                    <span className="font-bold">{(language === 'ar' ? payable.biller.nameAr : payable.biller.nameEn) || payable.biller.code}</span>
                    <Amount value={payable.amountDue} currency={payable.currency} className="text-lg font-bold" />
                  </span>
                  {payable.description[language] && <span>{payable.description[language]}</span>}
                  {showOwner && payable.owner && (
                    <span className="text-sm text-slate-700">
                      {t('quickPay.owner')}: <bdi>{payable.owner.name[language]}</bdi>
                    </span>
                  )}
                  <span className="text-sm text-slate-700">
                    {/* The reference is shown to its owner and staff only (a bill's holds the account number). */}
                    {payable.reference && (
                      <>
                        {t('quickPay.reference')}: <bdi className="tabular">{payable.reference}</bdi>
                      </>
                    )}
                    {payable.dueDate && (
                      <>
                        {payable.reference && ' · '}
                        {t('quickPay.dueDate')}: <DateText value={payable.dueDate} withHijri />
                      </>
                    )}
                  </span>
                  {!payable.payableOnline && (
                    <span className="text-sm font-bold text-amber-900">{payable.holdReason?.[language] ?? t('quickPay.notPayableOnline')}</span>
                  )}
                </span>
              </label>
              {payable.payableOnline && payable.allowsPartialPayment && ticked && typed === undefined && (
                <div className="ms-8">
                  <button type="button" className={TEXT_BUTTON} onClick={() => onAmount(payable.id, payable.amountDue)} data-testid="pay-part">
                    {t('quickPay.partial.open')}
                  </button>
                </div>
              )}
              {payable.payableOnline && payable.allowsPartialPayment && ticked && typed !== undefined && (
                <div className="ms-8 flex flex-wrap items-end gap-x-4 gap-y-2">
                  <TextField
                    label={t('quickPay.partial.label')}
                    hint={minimum ? t('quickPay.partial.hint', { minimum }) : t('quickPay.partial.hintNoMinimum')}
                    inputMode="decimal"
                    autoComplete="off"
                    autoFocus
                    data-testid="partial-amount"
                    className="max-w-xs"
                    value={typed}
                    onChange={(e) => onAmount(payable.id, e.target.value)}
                    error={problem ? t(`quickPay.partial.${problem}`, { minimum: minimum ?? '', due: formatAmount(payable.amountDue, payable.currency, language), decimals: currencyScale(payable.currency) }) : undefined}
                  />
                  <button type="button" className={`${TEXT_BUTTON} mb-2`} onClick={() => onAmount(payable.id, null)}>
                    {t('quickPay.partial.close')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {folded && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-slate-400 bg-white p-3">
          <p className="text-sm">{t('quickPay.more', { count: hidden.length, ticked: hiddenTicked })}</p>
          <Button variant="secondary" onClick={() => setExpanded(true)} data-testid="show-all-dues">
            {t('quickPay.showAll', { count: payables.length })}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
