// The offline receipt numbers this browser holds for the cashier's drawer: blocks of the counter's own receipt
// numbers the server gave it (POST /api/v1/counter/receipt-blocks), kept in IndexedDB. A payment taken while the
// server cannot be reached gets the next number of the blocks, printed on its receipt and sent with it on replay,
// where the server posts it under that number (once). A number is taken in one IndexedDB transaction (read and
// write together), so two payments never get the same one, even across a reload or a power cut.
import { allocateReceiptBlock, type Drawer, type ReceiptBlock } from './counter.api.js';
import { DUES, openDb } from './journal.js';

interface HeldBlock { blockId: string; drawerId: string; prefix: string; next: string; last: string }
interface Held { blocks: HeldBlock[] }

/** Ask for a new block when fewer numbers than this are left. */
export const LOW_WATER = 10n;

const keyOf = (cashierId: string) => `blocks:${cashierId}`;

async function update<T>(cashierId: string, change: (held: Held) => { held: Held; result: T }): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(DUES, 'readwrite');
      const store = tx.objectStore(DUES);
      let result: T;
      const read = store.get(keyOf(cashierId)) as IDBRequest<Held | undefined>;
      read.onsuccess = () => {
        const next = change(read.result ?? { blocks: [] });
        result = next.result;
        store.put(next.held, keyOf(cashierId));
      };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB write aborted'));
    });
  } finally {
    db.close();
  }
}

const left = (blocks: HeldBlock[]) => blocks.reduce((sum, b) => sum + (BigInt(b.last) - BigInt(b.next) + 1n), 0n);
const numberOf = (prefix: string, seq: bigint) => `${prefix}${seq.toString().padStart(6, '0')}`;

/** Numbers left for this drawer, and the next one. */
export async function offlineNumbers(drawer: Drawer): Promise<{ left: bigint; next: string | null }> {
  return update(drawer.cashierId, (held) => {
    const blocks = held.blocks.filter((b) => b.drawerId === drawer.drawerId && BigInt(b.next) <= BigInt(b.last));
    const first = blocks[0];
    return { held: { blocks }, result: { left: left(blocks), next: first ? numberOf(first.prefix, BigInt(first.next)) : null } };
  });
}

export function keepBlock(cashierId: string, block: ReceiptBlock): Promise<void> {
  return update(cashierId, (held) => ({
    held: { blocks: [...held.blocks, { blockId: block.blockId, drawerId: block.drawerId, prefix: block.prefix, next: block.first, last: block.last }] },
    result: undefined,
  }));
}

/** The next offline receipt number of the drawer's blocks, now used; null when none is left. */
export function takeOfflineNumber(drawer: Drawer): Promise<string | null> {
  return update(drawer.cashierId, (held) => {
    const block = held.blocks.find((b) => b.drawerId === drawer.drawerId && BigInt(b.next) <= BigInt(b.last));
    if (!block) return { held, result: null };
    const seq = BigInt(block.next);
    return { held: { blocks: held.blocks.map((b) => (b === block ? { ...b, next: (seq + 1n).toString() } : b)) }, result: numberOf(block.prefix, seq) };
  });
}

/** While online: a new block when the drawer has fewer than LOW_WATER numbers left. Answers the numbers left. */
export async function topUpOfflineNumbers(drawer: Drawer): Promise<{ left: bigint; next: string | null }> {
  const now = await offlineNumbers(drawer);
  if (now.left >= LOW_WATER) return now;
  await keepBlock(drawer.cashierId, await allocateReceiptBlock());
  return offlineNumbers(drawer);
}
