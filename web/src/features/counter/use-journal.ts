// The counter page's journal as React state: take a payment (journal first, then the server; offline it stays
// pending, within the office's offline limits, under the next offline receipt number of the drawer's blocks), and
// send the pending entries again when the link returns, when the page loads, and on demand. One send runs at a
// time; the server posts each id once, so an entry sent twice (a lost answer) is still one payment.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isUnreachable } from '../../api/index.js';
import { toMinorUnits } from '../../lib/money.js';
import { takePayment, type CounterPayment, type CounterPaymentInput, type Drawer, type OfflineLimits } from './counter.api.js';
import { entriesOf, posted, saveEntry, type JournalEntry } from './journal.js';
import { offlineLimitProblem, offlineTakenBy, type LimitProblem } from './offline-limits.js';
import { takeOfflineNumber } from './receipt-blocks.js';

/** The network or the server did not answer: the payment may be kept for later. */
export { isUnreachable };

export type TakeOutcome =
  | { kind: 'posted'; entry: JournalEntry; payment: CounterPayment }
  | { kind: 'offline'; entry: JournalEntry; receiptNumber: string }
  /** Could not be taken offline (over the office's limits, or no offline receipt number left): no cash changes hands. */
  | { kind: 'not-offline'; problem: LimitProblem | { kind: 'no-numbers' } }
  | { kind: 'refused'; error: unknown };

/** Where the page is taking a payment: the drawer, and the office's offline limits. */
export interface TakeAt { drawer: Drawer; limits: OfflineLimits | undefined }

export function useJournal(cashierId: string | null) {
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [syncing, setSyncing] = useState(false);
  const running = useRef<Promise<void> | null>(null);

  const reload = useCallback(async () => {
    if (cashierId) setEntries(await entriesOf(cashierId));
  }, [cashierId]);

  const sendPending = useCallback(async () => {
    if (!cashierId) return;
    if (running.current) return running.current;
    const work = (async () => {
      setSyncing(true);
      try {
        for (const entry of await entriesOf(cashierId)) {
          if (entry.status !== 'pending') continue;
          try {
            const payment = await takePayment({ ...entry.input, takenOffline: true });
            await saveEntry(posted({ ...entry, takenOffline: true }, payment));
          } catch (error) {
            if (isUnreachable(error)) break; // still offline: keep the rest, in order, for the next try
            // Signed out meanwhile (the page opened offline on a session that has since ended): the cash was taken,
            // so the entries wait, pending, for the cashier to sign in again.
            if (error instanceof ApiError && error.status === 401) break;
            const e = error as ApiError;
            await saveEntry({ ...entry, takenOffline: true, status: 'refused', errorCode: e.code, errorMessage: e.localised });
          }
        }
      } finally {
        setSyncing(false);
        running.current = null;
        await reload();
      }
    })();
    running.current = work;
    return work;
  }, [cashierId, reload]);

  /** The server cannot be reached: within the office's limits, the payment takes the next offline receipt number. */
  const keepOffline = useCallback(async (entry: JournalEntry, at: TakeAt): Promise<TakeOutcome> => {
    const currency = entry.input.currency ?? at.drawer.currency;
    const amount = entry.input.items.reduce((sum, i) => sum + toMinorUnits(i.amount, currency), 0n);
    const problem = offlineLimitProblem(at.limits, offlineTakenBy(await entriesOf(entry.cashierId), at.drawer.drawerId, currency), amount, currency);
    const receiptNumber = problem ? null : await takeOfflineNumber(at.drawer);
    if (!receiptNumber) {
      // Not taken: the journal keeps the attempt, refused here, so nothing is sent for it later.
      await saveEntry({ ...entry, status: 'refused', errorCode: problem ? `offline_limit_${problem.kind}` : 'offline_no_receipt_numbers' });
      await reload();
      return { kind: 'not-offline', problem: problem ?? { kind: 'no-numbers' } };
    }
    const offline: JournalEntry = { ...entry, input: { ...entry.input, offlineReceiptNumber: receiptNumber }, takenOffline: true, receiptNumber };
    await saveEntry(offline);
    await reload();
    return { kind: 'offline', entry: offline, receiptNumber };
  }, [reload]);

  const take = useCallback(async (input: CounterPaymentInput, at: TakeAt): Promise<TakeOutcome> => {
    if (!cashierId) throw new Error('no cashier');
    const entry: JournalEntry = { id: input.id, cashierId, drawerId: at.drawer.drawerId, input, takenAt: new Date().toISOString(), takenOffline: false, status: 'pending' };
    await saveEntry(entry);
    try {
      const payment = await takePayment(input);
      const done = posted(entry, payment);
      await saveEntry(done);
      await reload();
      return { kind: 'posted', entry: done, payment };
    } catch (error) {
      if (isUnreachable(error)) return keepOffline(entry, at);
      // Refused online: no money changed hands; the entry records why.
      const e = error as ApiError;
      await saveEntry({ ...entry, status: 'refused', errorCode: e.code, errorMessage: e.localised });
      await reload();
      return { kind: 'refused', error };
    }
  }, [cashierId, reload, keepOffline]);

  useEffect(() => {
    if (!cashierId) return;
    void reload().then(() => sendPending());
    const online = () => void sendPending();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [cashierId, reload, sendPending]);

  return { entries, syncing, take, sendPending, reload };
}
