// What the counter page needs before anything else (the cashier's open drawer, their offices), kept in IndexedDB on
// every load that reaches the server, so the page opens from that copy while it cannot (the service worker serves
// the portal itself): the cashier sees their drawer and journal and keeps taking cash into the journal.
import { isUnreachable } from '../../api/index.js';
import { currentDrawer, myOffices, type Drawer, type Office } from './counter.api.js';
import { cacheDues, cachedDues } from './journal.js';

export interface CounterState {
  drawer: Drawer | null;
  offices: Office[];
  /** Saved at, when this is the copy kept from an earlier load (the server could not be reached). */
  savedAt?: string;
}

/** Kept again whenever the page learns of a change from the server (a drawer opened, cash taken, closed). */
export async function saveCounterState(owner: string, state: CounterState): Promise<void> {
  await cacheDues(`state:${owner}`, { drawer: state.drawer, offices: state.offices });
}

/** `owner` names whose copy it is (the signed-in cashier): one cashier never opens on another's drawer. */
export async function loadCounterState(owner: string): Promise<CounterState> {
  const key = `state:${owner}`;
  try {
    const state = { drawer: await currentDrawer(), offices: await myOffices() };
    await saveCounterState(owner, state);
    return state;
  } catch (error) {
    const cached = isUnreachable(error) ? await cachedDues<CounterState>(key) : undefined;
    if (!cached) throw error;
    return { ...cached.dues, savedAt: cached.savedAt };
  }
}
