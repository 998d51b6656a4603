import { useTranslation } from 'react-i18next';

/** Shown while a page's code or data arrives; announced politely to screen readers. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="py-10 text-center text-slate-600">
      {t('common.loading')}
    </p>
  );
}
