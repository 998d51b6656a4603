import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/Layout.js';
import { usePageTitle } from '../components/page-title.js';
import { safeNextPath } from '../features/auth/RequireSignIn.js';
import { SignInForm, type SignInMode } from '../features/auth/SignInForm.js';
import { SignInCodeForm } from '../features/auth/SignInCodeForm.js';
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
  otherMode.delete('by');
  const otherModeSearch = otherMode.toString();
  // Citizens may sign in with a code by SMS instead of the password (`by=code`): the way in while it is locked.
  const byCode = mode === 'citizen' && params.get('by') === 'code';
  const otherWay = new URLSearchParams(params);
  if (byCode) otherWay.delete('by');
  else otherWay.set('by', 'code');
  const otherWaySearch = otherWay.toString();

  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t(mode === 'staff' ? 'signIn.staffTitle' : 'signIn.title')} lead={t(mode === 'staff' ? 'signIn.staffLead' : 'signIn.lead')} />
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
        {byCode
          ? <SignInCodeForm onSignedIn={() => navigate(next, { replace: true })} />
          : <SignInForm key={mode} mode={mode} onSignedIn={() => navigate(next, { replace: true })} />}
      </div>
      <div className="mt-6 flex flex-col gap-3">
        {mode === 'citizen' && (
          <p>
            <Link to={{ pathname: '/sign-in', search: otherWaySearch ? `?${otherWaySearch}` : '' }} className="font-bold text-brand-800 underline" data-testid="sign-in-other-way">
              {t(byCode ? 'signInCode.byPassword' : 'signInCode.byCode')}
            </Link>
          </p>
        )}
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
