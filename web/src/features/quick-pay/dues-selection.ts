// Which dues the person ticked, how much of each they pay, and what that adds up to. Pure, so it is tested without
// a browser. Amounts stay decimal strings and are compared in integer minor units (never floats).
import { PORTAL_TIME_ZONE } from '../../i18n/format.js';
import { normaliseNumberInput } from '../../lib/digits.js';
import { currencyScale, fromMinorUnits, sumByCurrency, toMinorUnits, type AmountInCurrency } from '../../lib/money.js';
import type { Payable } from './dues.api.js';

/** Amounts typed for dues paid in part, by payable id. A due with no entry is paid in full. */
export type ChosenAmounts = ReadonlyMap<string, string>;

/** What can be ticked: dues held for legal process are listed but cannot be paid online. */
export function selectablePayables(payables: readonly Payable[]): Payable[] {
  return payables.filter((p) => p.payableOnline);
}

/** Today's date where the dues fall due (Kuwait), as the API writes due dates: "2026-12-05". */
export function dueToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PORTAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * On a fresh look-up only what is due now is ticked (due today or earlier): a long list of bills not yet due
 * must not be paid by default. The rest are a tick away, or "select all".
 */
export function initialSelection(payables: readonly Payable[], today = dueToday()): Set<string> {
  return new Set(selectablePayables(payables).filter((p) => p.dueDate <= today).map((p) => p.id));
}

export function toggle(selection: ReadonlySet<string>, id: string, checked: boolean): Set<string> {
  const next = new Set(selection);
  if (checked) next.add(id);
  else next.delete(id);
  return next;
}

export function selectAll(payables: readonly Payable[], checked: boolean): Set<string> {
  return checked ? new Set(selectablePayables(payables).map((p) => p.id)) : new Set();
}

export function selectionState(payables: readonly Payable[], selection: ReadonlySet<string>): 'none' | 'some' | 'all' {
  const selectable = selectablePayables(payables);
  const count = selectable.filter((p) => selection.has(p.id)).length;
  return count === 0 ? 'none' : count === selectable.length ? 'all' : 'some';
}

export type AmountProblem = 'invalid' | 'too_many_decimals' | 'below_minimum' | 'not_positive' | 'above_due';

/** "12,5" or "١٢٫٥" as typed → "12.5"; the decimal separators people use become a dot. */
export function normaliseTypedAmount(typed: string): string {
  return normaliseNumberInput(typed.replace(/[٫,،]/g, '.'));
}

/** Why a typed partial amount cannot be paid, or null when it can. */
export function amountProblem(payable: Payable, typed: string): AmountProblem | null {
  const normalised = normaliseTypedAmount(typed);
  // A number, but with more decimals than the currency has (1.5001 KD): say that, not "write it in digits".
  if (/^\d+\.\d+$/.test(normalised) && normalised.split('.')[1]!.length > currencyScale(payable.currency)) return 'too_many_decimals';
  let minor: bigint;
  try {
    minor = toMinorUnits(normalised, payable.currency);
  } catch {
    return 'invalid';
  }
  const minimum = payable.minPartialAmount ? toMinorUnits(payable.minPartialAmount, payable.currency) : 0n;
  // Zero or less: the least that can be paid is the useful answer when there is one.
  if (minor <= 0n) return minimum > 0n ? 'below_minimum' : 'not_positive';
  const due = toMinorUnits(payable.amountDue, payable.currency);
  if (minor > due) return 'above_due';
  if (minor < due && minor < minimum) return 'below_minimum';
  return null;
}

/** The amount that will be paid on a due: what was typed (when the biller allows part payment and it is valid), else all of it. */
export function chosenAmount(payable: Payable, amounts: ChosenAmounts = new Map()): string {
  const typed = amounts.get(payable.id);
  if (!payable.allowsPartialPayment || typed === undefined || amountProblem(payable, typed)) return payable.amountDue;
  return fromMinorUnits(toMinorUnits(normaliseTypedAmount(typed), payable.currency), payable.currency);
}

/** Any ticked due whose typed amount cannot be paid. */
export function invalidAmounts(payables: readonly Payable[], selection: ReadonlySet<string>, amounts: ChosenAmounts): string[] {
  return payables.filter((p) => p.payableOnline && p.allowsPartialPayment && selection.has(p.id) && amounts.has(p.id) && amountProblem(p, amounts.get(p.id)!) !== null).map((p) => p.id);
}

/** The total of the ticked dues, per currency, in exact decimal strings. */
export function selectedTotal(payables: readonly Payable[], selection: ReadonlySet<string>, amounts: ChosenAmounts = new Map()): AmountInCurrency[] {
  return sumByCurrency(
    payables.filter((p) => p.payableOnline && selection.has(p.id)).map((p) => ({ amount: chosenAmount(p, amounts), currency: p.currency })),
  );
}

/** Ids in the order the dues are listed, so the same selection always sends the same request. */
export function selectedIds(payables: readonly Payable[], selection: ReadonlySet<string>): string[] {
  return payables.filter((p) => p.payableOnline && selection.has(p.id)).map((p) => p.id);
}

export interface CheckoutItem {
  payableId: string;
  /** Only for a part payment; a due paid in full carries no amount (the server takes what is due then). */
  amount?: string;
}

/** What checkout is asked to pay: each ticked due, with an amount only where less than all of it is paid. */
export function checkoutItems(payables: readonly Payable[], selection: ReadonlySet<string>, amounts: ChosenAmounts = new Map()): CheckoutItem[] {
  return payables
    .filter((p) => p.payableOnline && selection.has(p.id))
    .map((p) => {
      const amount = chosenAmount(p, amounts);
      return amount === fromMinorUnits(toMinorUnits(p.amountDue, p.currency), p.currency) ? { payableId: p.id } : { payableId: p.id, amount };
    });
}
