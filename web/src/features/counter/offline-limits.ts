// The office's limits for cash taken while the counter is offline (set by the admin, kept with the page's state):
// the most one payment may be, and the most the drawer may take offline in all. The page keeps to them while it
// cannot reach the server; the server checks again when the journal is replayed and flags what is over.
import { toMinorUnits } from '../../lib/money.js';
import type { OfflineLimits } from './counter.api.js';
import type { JournalEntry } from './journal.js';

export type LimitProblem = { kind: 'payment'; max: string } | { kind: 'total'; max: string; left: bigint };

const amountOf = (entry: JournalEntry, currency: string) => entry.input.items.reduce((sum, i) => sum + toMinorUnits(i.amount, currency), 0n);

/** What the drawer took offline so far on this browser (not refused), in minor units. */
export function offlineTakenBy(entries: readonly JournalEntry[], drawerId: string, currency: string): bigint {
  return entries.filter((e) => e.takenOffline && e.drawerId === drawerId && e.status !== 'refused').reduce((sum, e) => sum + amountOf(e, currency), 0n);
}

/** Why a payment of `amount` may not be taken offline now, or null when it may. */
export function offlineLimitProblem(limits: OfflineLimits | undefined, taken: bigint, amount: bigint, currency: string): LimitProblem | null {
  if (!limits) return null;
  if (limits.maxPerPayment !== null && amount > toMinorUnits(limits.maxPerPayment, currency)) return { kind: 'payment', max: limits.maxPerPayment };
  if (limits.maxTotal !== null) {
    const max = toMinorUnits(limits.maxTotal, currency);
    if (taken + amount > max) return { kind: 'total', max: limits.maxTotal, left: max > taken ? max - taken : 0n };
  }
  return null;
}
