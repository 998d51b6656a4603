import { describe, expect, it } from 'vitest';
import { directionOf, otherLanguage, rememberLanguage, storedLanguage } from './language.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => void values.set(k, v), values };
}

describe('language choice', () => {
  it('is Arabic, right to left, on a first visit', () => {
    expect(storedLanguage(memoryStorage())).toBe('ar');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('is remembered', () => {
    const store = memoryStorage();
    rememberLanguage('en', store);
    expect(storedLanguage(store)).toBe('en');
  });

  it('falls back to Arabic for anything it does not know, or a storage that throws', () => {
    expect(storedLanguage(memoryStorage({ 'tasdeed.language': 'fr' }))).toBe('ar');
    const broken = { getItem: () => { throw new Error('SecurityError'); } };
    expect(storedLanguage(broken)).toBe('ar');
    expect(() => rememberLanguage('en', { setItem: () => { throw new Error('QuotaExceededError'); } })).not.toThrow();
  });

  it('names the other language for the switch', () => {
    expect(otherLanguage('ar')).toBe('en');
    expect(otherLanguage('en')).toBe('ar');
  });
});
