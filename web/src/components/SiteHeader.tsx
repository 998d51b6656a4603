// The header on every page: the Tasdeed name, the main links, the language switch and who is signed in.
// At 360 px it wraps into two rows rather than hiding anything behind a menu.
import { Link, NavLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../features/auth/session.js';
import { useLanguage } from '../i18n/index.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const navLink = ({ isActive }: { isActive: boolean }) =>
  `inline-flex min-h-11 items-center rounded-lg px-3 font-bold text-white hover:bg-white/10 ${isActive ? 'underline decoration-2 underline-offset-8' : ''}`;

export function SiteHeader() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { session, signOut } = useSession();
  const navigate = useNavigate();

  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="me-auto flex min-h-11 items-center gap-3 rounded-lg" aria-label={t('app.homeLink')}>
          <img src="/favicon.svg" alt="" className="size-10 rounded-lg ring-2 ring-white/60" />
          <span className="flex flex-col leading-tight">
            <span lang="ar" className="font-arabic text-2xl font-bold">
              تسديد
            </span>
            {language === 'en' && <span className="text-sm">Tasdeed</span>}
          </span>
        </Link>
        <LanguageSwitch />
        <nav aria-label={t('nav.label')} className="flex w-full flex-wrap items-center gap-1 sm:w-auto">
          <NavLink to="/" end className={navLink}>
            {t('nav.quickPay')}
          </NavLink>
          {session.status === 'signed-in' ? (
            <>
              {session.user.kind === 'staff' ? (
                <>
                  <NavLink to="/staff" end className={navLink}>
                    {t('nav.staff')}
                  </NavLink>
                  {(session.user.role === 'service' || session.user.role === 'admin') && (
                    <NavLink to="/staff/requests" className={navLink} data-testid="nav-request-queue">
                      {t('nav.requestQueue')}
                    </NavLink>
                  )}
                </>
              ) : (
                <>
                  <NavLink to="/dashboard" className={navLink}>
                    {t('nav.dashboard')}
                  </NavLink>
                  {session.user.role === 'citizen' && (
                    <NavLink to="/requests" className={navLink} data-testid="nav-requests">
                      {t('nav.requests')}
                    </NavLink>
                  )}
                </>
              )}
              <span className="px-2 text-sm" data-testid="signed-in-name">
                {session.user.name[language] || session.user.civilId}
              </span>
              <button
                type="button"
                className="inline-flex min-h-11 items-center rounded-lg px-3 font-bold text-white hover:bg-white/10"
                onClick={() => void signOut().finally(() => void navigate('/'))}
              >
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <NavLink to="/sign-in" className={navLink}>
              {t('nav.signIn')}
            </NavLink>
          )}
        </nav>
      </div>
    </header>
  );
}
