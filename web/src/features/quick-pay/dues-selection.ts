// Which dues the person ticked, and what they add up to. Pure, so it is tested without a browser.
import { sumByCurrency, type AmountInCurrency } from '../../lib/money.js';
import type { Payable } from './dues.api.js';

/** What can be ticked: dues held for legal process are listed but cannot be paid online. */
export function selectablePayables(payables: readonly Payable[]): Payable[] {
  return payables.filter((p) => p.payableOnline);
}

/** On a fresh look-up everything payable is ticked: most people pay all they owe. */
export function initialSelection(payables: readonly Payable[]): Set<string> {
  return new Set(selectablePayables(payables).map((p) => p.id));
}

export function toggle(selection: ReadonlySet<string>, id: string, checked: boolean): Set<string> {
  const next = new Set(selection);
  if (checked) next.add(id);
  else next.delete(id);
  return next;
}

export function selectAll(payables: readonly Payable[], checked: boolean): Set<string> {
  return checked ? initialSelection(payables) : new Set();
}

export function selectionState(payables: readonly Payable[], selection: ReadonlySet<string>): 'none' | 'some' | 'all' {
  const selectable = selectablePayables(payables);
  const count = selectable.filter((p) => selection.has(p.id)).length;
  return count === 0 ? 'none' : count === selectable.length ? 'all' : 'some';
}

/** The total of the ticked dues, per currency, in exact decimal strings. */
export function selectedTotal(payables: readonly Payable[], selection: ReadonlySet<string>): AmountInCurrency[] {
  return sumByCurrency(
    payables.filter((p) => p.payableOnline && selection.has(p.id)).map((p) => ({ amount: p.amountDue, currency: p.currency })),
  );
}

/** Ids in the order the dues are listed, so the same selection always sends the same request. */
export function selectedIds(payables: readonly Payable[], selection: ReadonlySet<string>): string[] {
  return payables.filter((p) => p.payableOnline && selection.has(p.id)).map((p) => p.id);
}
