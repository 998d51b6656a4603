// The kiosk's own frame: no site menu and no sign-in (a kiosk is never signed in), the Tasdeed name, the language
// switch, large type. Printing shows only the receipt.
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { PageLoading } from '../../components/PageLoading.js';

export function KioskFrame() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 text-lg" data-testid="kiosk">
      <header className="bg-brand-800 text-white print:hidden">
        <div className="mx-auto flex w-full max-w-4xl items-center gap-4 px-6 py-4">
          <img src="/favicon.svg" alt="" className="size-14 rounded-xl ring-2 ring-white/60" />
          <span className="me-auto flex flex-col leading-tight">
            <span lang="ar" className="font-arabic text-3xl font-bold">تسديد</span>
            <span className="text-base">{t('kiosk.frame')}</span>
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-4xl flex-1 px-6 py-8">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

/** Big touch targets: at least 64 px high, wide text. */
export const kioskButton = (variant: 'primary' | 'secondary' = 'primary', extra = '') =>
  `inline-flex min-h-16 items-center justify-center gap-3 rounded-2xl px-8 text-xl font-bold transition-colors disabled:cursor-not-allowed ${
    variant === 'primary' ? 'bg-brand-800 text-white hover:bg-brand-900 disabled:bg-slate-400' : 'border-2 border-brand-800 bg-white text-brand-800 hover:bg-brand-50'
  } ${extra}`;
