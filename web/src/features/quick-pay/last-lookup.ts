// The quick-pay look-up last made in this tab, so the page a payer returns to from the gateway can take them "back
// to my dues" with the same look-up done. Kept for the tab only (sessionStorage): a shared computer forgets it
// when the tab closes.
import { LOOKUP_KINDS, type LookupKind } from './dues.api.js';

const KEY = 'tasdeed.lastLookup';

export function rememberLookup(kind: LookupKind, value: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ kind, value }));
  } catch {
    // Storage refused (private mode, quota): the link then goes to an empty quick pay, which still works.
  }
}

/** `/?civilId=…` for the remembered look-up, or `/` when there is none. */
export function duesLink(): string {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { kind?: string; value?: string } | null;
    if (saved && typeof saved.value === 'string' && (LOOKUP_KINDS as readonly string[]).includes(saved.kind ?? '')) {
      return `/?${new URLSearchParams({ [saved.kind as LookupKind]: saved.value }).toString()}`;
    }
  } catch {
    // Unreadable: fall through to the empty quick pay.
  }
  return '/';
}
