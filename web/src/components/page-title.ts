import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title from a dictionary key, and again when the language changes. */
export function usePageTitle(key: string): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = `${t(key)} — ${t('app.name')}`;
  }, [t, key, i18n.language]);
}
