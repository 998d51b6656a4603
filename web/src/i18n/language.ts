// Which language the portal speaks, where that choice is remembered, and what it means for the page's direction.
// Arabic is the default: a first visit, a cleared browser or a broken storage all land on Arabic.

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ar';

const STORAGE_KEY = 'tasdeed.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

export function otherLanguage(language: Language): Language {
  return language === 'ar' ? 'en' : 'ar';
}

/** Storage can be missing or throw (private windows, disabled cookies): the portal then simply forgets. */
function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function storedLanguage(store: Pick<Storage, 'getItem'> | null = storage()): Language {
  try {
    const value = store?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(language: Language, store: Pick<Storage, 'setItem'> | null = storage()): void {
  try {
    store?.setItem(STORAGE_KEY, language);
  } catch {
    // Nothing to do: the choice still holds for this visit.
  }
}

/** `<html lang dir>` drive the direction of every logical Tailwind utility and the screen reader's voice. */
export function applyLanguageToDocument(language: Language, doc: Document = document): void {
  doc.documentElement.lang = language;
  doc.documentElement.dir = directionOf(language);
}

export const LANGUAGE_STORAGE_KEY = STORAGE_KEY;
