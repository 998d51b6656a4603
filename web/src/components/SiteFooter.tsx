import { useTranslation } from 'react-i18next';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="mt-12 border-t border-slate-300 bg-white">
      <div className="mx-auto flex w-full max-w-5xl flex-col gap-1 px-4 py-6 text-sm text-slate-700">
        <p className="font-bold text-slate-900">{t('footer.service')}</p>
        <p>{t('footer.hours')}</p>
        <p>{t('footer.privacy')}</p>
      </div>
    </footer>
  );
}
