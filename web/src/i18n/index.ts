// i18next set up once, with both dictionaries bundled (they are small, and a language switch must not wait on the
// network). The `languageChanged` listener is the one place that updates <html lang dir> and remembers the choice.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';
import { applyLanguageToDocument, DEFAULT_LANGUAGE, isLanguage, rememberLanguage, storedLanguage, type Language } from './language.js';

export const i18n = i18next.createInstance();

export function setUpI18n(language: Language = storedLanguage()): typeof i18n {
  if (i18n.isInitialized) return i18n;
  void i18n.use(initReactI18next).init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['ar', 'en'],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnEmptyString: false,
  });
  i18n.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    applyLanguageToDocument(next);
    rememberLanguage(next);
  });
  if (typeof document !== 'undefined') applyLanguageToDocument(language);
  return i18n;
}

/** The current language and a switch that keeps the person on the page they are reading. */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n: instance } = useTranslation();
  const current = instance.resolvedLanguage ?? instance.language;
  return {
    language: isLanguage(current) ? current : DEFAULT_LANGUAGE,
    setLanguage: (language) => void instance.changeLanguage(language),
  };
}

export type { Language } from './language.js';
