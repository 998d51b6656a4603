// The counter's journal in IndexedDB: every payment the page takes is written here first, with its own id, so a
// payment taken while the server cannot be reached survives a closed browser or a power cut. Pending entries are
// sent again (takenOffline: true) when the link comes back and when the page loads; the server posts each id
// once, so a repeat is harmless. An entry ends posted (with what became credit) or refused (with the code).
import type { CounterPayment, CounterPaymentInput } from './counter.api.js';

export type JournalStatus = 'pending' | 'posted' | 'refused';

export interface JournalEntry {
  id: string;
  cashierId: string;
  /** What the cashier took: the body sent to /api/v1/counter/payments (without takenOffline). */
  input: CounterPaymentInput;
  takenAt: string;
  takenOffline: boolean;
  /** The drawer it was taken into (the offline total limit counts a drawer's entries). */
  drawerId?: string;
  status: JournalStatus;
  receiptNumber?: string;
  credited?: string;
  errorCode?: string;
  errorMessage?: { ar: string; en: string };
}

const DB_NAME = 'tasdeed-counter';
const STORE = 'journal';
/** Key-value copies for offline use: look-up answers, the page's state, the offline receipt blocks. */
export const DUES = 'dues';

export function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(DUES)) db.createObjectStore(DUES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB open failed'));
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      // Resolved once the transaction commits: a written entry is on disk before the page says "saved".
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB write aborted'));
    });
  } finally {
    db.close();
  }
}

export function saveEntry(entry: JournalEntry): Promise<IDBValidKey> {
  return run(STORE, 'readwrite', (s) => s.put(entry));
}

export async function entriesOf(cashierId: string): Promise<JournalEntry[]> {
  const all = await run<JournalEntry[]>(STORE, 'readonly', (s) => s.getAll() as IDBRequest<JournalEntry[]>);
  return all.filter((e) => e.cashierId === cashierId).sort((a, b) => (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : a.id.localeCompare(b.id)));
}

/** The last dues answer of a look-up, for finding an account while the server cannot be reached. */
export function cacheDues(key: string, dues: unknown): Promise<IDBValidKey> {
  return run(DUES, 'readwrite', (s) => s.put({ dues, savedAt: new Date().toISOString() }, key));
}

export async function cachedDues<T>(key: string): Promise<{ dues: T; savedAt: string } | undefined> {
  return run<{ dues: T; savedAt: string } | undefined>(DUES, 'readonly', (s) => s.get(key) as IDBRequest<{ dues: T; savedAt: string } | undefined>);
}

export function posted(entry: JournalEntry, payment: CounterPayment): JournalEntry {
  return { ...entry, status: 'posted', receiptNumber: payment.receiptNumber, credited: payment.credited };
}
