// Every page sits in this frame. Pages arrive as separate chunks (React.lazy): the Suspense here shows a
// polite "loading" inside the frame, so the header and the language switch never blink.
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageLoading } from './PageLoading.js';
import { SiteFooter } from './SiteFooter.js';
import { SiteHeader } from './SiteHeader.js';

export function Layout() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 bg-white p-3 font-bold text-brand-800 focus:not-sr-only focus:absolute focus:start-2 focus:top-2"
      >
        {t('layout.skipToContent')}
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
    </div>
  );
}

/** A page's heading and its one-line purpose, the same on every page. */
export function PageHeading({ title, lead }: { title: string; lead?: string }) {
  return (
    <div className="mb-6 flex flex-col gap-2">
      <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{title}</h1>
      {lead && <p className="text-lg text-slate-700">{lead}</p>}
    </div>
  );
}
