// Who was last signed in on this browser, kept so a page opened with no network (the counter during an outage, from
// the service worker's cached portal) still knows whose page it is. Only used when the server cannot be reached:
// any answer from it (signed in, 401) replaces or forgets this copy, and signing out forgets it. It grants nothing:
// every API call still carries the session cookie, which the server checks. Staff only (the counter is theirs): a
// citizen's name and civil ID are not left on a shared or lost phone.
import type { SignedInUser } from './auth.api.js';

const STORAGE_KEY = 'tasdeed.lastUser';

/** Storage can be missing or throw (private windows, disabled cookies): the portal then simply forgets. */
function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function rememberUser(user: SignedInUser | null, store: Pick<Storage, 'setItem' | 'removeItem'> | null = storage()): void {
  try {
    if (user?.kind === 'staff') store?.setItem(STORAGE_KEY, JSON.stringify({ kind: user.kind, role: user.role, name: user.name, unit: user.unit ?? null }));
    else store?.removeItem(STORAGE_KEY);
  } catch {
    // full or disabled storage: nothing to keep
  }
}

export function rememberedUser(store: Pick<Storage, 'getItem'> | null = storage()): SignedInUser | null {
  try {
    const value = JSON.parse(store?.getItem(STORAGE_KEY) ?? 'null') as { kind?: unknown } | null;
    return value && typeof value === 'object' && value.kind === 'staff' && 'role' in value && 'name' in value ? (value as SignedInUser) : null;
  } catch {
    return null;
  }
}
