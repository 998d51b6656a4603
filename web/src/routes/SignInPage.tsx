import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/Layout.js';
import { usePageTitle } from '../components/page-title.js';
import { safeNextPath } from '../features/auth/RequireSignIn.js';
import { SignInForm, type SignInMode } from '../features/auth/SignInForm.js';
import { useSession } from '../features/auth/session.js';

export default function SignInPage() {
  const { t } = useTranslation();
  usePageTitle('signIn.title');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { session } = useSession();
  const next = safeNextPath(params.get('next'));
  const mode: SignInMode = params.get('as') === 'staff' ? 'staff' : 'citizen';
  const otherMode = new URLSearchParams(params);
  if (mode === 'staff') otherMode.delete('as');
  else otherMode.set('as', 'staff');
  const otherModeSearch = otherMode.toString();

  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t(mode === 'staff' ? 'signIn.staffTitle' : 'signIn.title')} lead={t(mode === 'staff' ? 'signIn.staffLead' : 'signIn.lead')} />
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
        <SignInForm key={mode} mode={mode} onSignedIn={() => navigate(next, { replace: true })} />
      </div>
      <div className="mt-6 flex flex-col gap-3">
        {mode === 'citizen' && (
          <p>
            {t('signIn.noAccount')}{' '}
            <Link to="/" className="font-bold text-brand-800 underline">
              {t('signIn.payWithoutAccount')}
            </Link>
          </p>
        )}
        <p>
          <Link to={{ pathname: '/sign-in', search: otherModeSearch ? `?${otherModeSearch}` : '' }} className="font-bold text-brand-800 underline">
            {t(mode === 'staff' ? 'signIn.asCitizen' : 'signIn.asStaff')}
          </Link>
        </p>
      </div>
    </div>
  );
}
