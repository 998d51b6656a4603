// Wraps pages for signed-in people: anyone else is sent to sign in and brought back here afterwards. With `roles`,
// only those roles see the page (staff pages send a signed-out visitor to the staff sign-in); anyone else signed
// in is told, in their language, that the page is not for them and where to go instead.
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useSession } from './session.js';

export function RequireSignIn({ children, roles, staff = false }: { children: ReactNode; roles?: readonly string[]; staff?: boolean }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <PageLoading />;
  if (session.status === 'signed-out') {
    if (session.left) return <Navigate to="/" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?${staff ? 'as=staff&' : ''}next=${next}`} replace />;
  }
  if (roles && !roles.includes(session.user.role)) {
    const home = session.user.kind === 'staff' ? '/staff' : '/dashboard';
    return (
      <div className="flex flex-col items-start gap-4" data-testid="not-allowed">
        <PageHeading title={t('access.title')} lead={t('access.lead')} />
        <Link to={home} className="font-bold text-brand-800 underline">
          {t('access.home')}
        </Link>
      </div>
    );
  }
  return <>{children}</>;
}

/** Only same-site paths are followed after signing in: `next=https://elsewhere` or `//elsewhere` go to the dashboard. */
export function safeNextPath(next: string | null, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
