import { describe, expect, it } from 'vitest';
import type { SignedInUser } from './auth.api.js';
import { rememberedUser, rememberUser } from './remembered-user.js';

function memoryStore() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
}

const cashier: SignedInUser = { kind: 'staff', role: 'cashier', name: { ar: 'أمين الصندوق', en: 'Cashier' }, unit: 'SALMIYA' };
const citizen: SignedInUser = { kind: 'person', role: 'citizen', civilId: '289061234567', name: { ar: 'مواطن', en: 'Citizen' } };

describe('the user remembered for pages opened offline', () => {
  it('keeps a staff member (no more than the page needs) and forgets on sign-out', () => {
    const store = memoryStore();
    rememberUser(cashier, store);
    expect(rememberedUser(store)).toEqual({ kind: 'staff', role: 'cashier', name: cashier.name, unit: 'SALMIYA' });
    rememberUser(null, store);
    expect(rememberedUser(store)).toBeNull();
  });

  it("never keeps a citizen's name or civil ID, and drops an earlier staff copy when one signs in", () => {
    const store = memoryStore();
    rememberUser(cashier, store);
    rememberUser(citizen, store);
    expect(rememberedUser(store)).toBeNull();
    expect([...store.items.values()].join('')).not.toContain('289061234567');
  });

  it('ignores what is not a remembered staff member', () => {
    const store = memoryStore();
    store.setItem('tasdeed.lastUser', '{not json');
    expect(rememberedUser(store)).toBeNull();
    store.setItem('tasdeed.lastUser', JSON.stringify({ kind: 'person', role: 'citizen', name: { ar: 'x', en: 'x' } }));
    expect(rememberedUser(store)).toBeNull();
  });
});
