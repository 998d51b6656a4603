// The signed-in citizen's home: what they owe (and paying it), their utility accounts and bills, violations, and
// the way to payments, readings and message settings. Staff have their own home at /staff.
import { Navigate } from 'react-router';
import { usePageTitle } from '../components/page-title.js';
import { useSession } from '../features/auth/session.js';
import { AccountsSection } from '../features/billing/AccountsSection.js';
import { DashboardShell } from '../features/dashboard/DashboardShell.js';
import { FinesSection } from '../features/dashboard/FinesSection.js';
import { OwedSection } from '../features/dashboard/OwedSection.js';
import { ShortcutsSection } from '../features/dashboard/ShortcutsSection.js';

export default function DashboardPage() {
  usePageTitle('dashboard.title');
  const { session } = useSession();
  if (session.status === 'signed-in' && session.user.kind === 'staff') return <Navigate to="/staff" replace />;
  const civilId = session.status === 'signed-in' ? session.user.civilId ?? '' : '';
  return (
    <DashboardShell>
      <OwedSection civilId={civilId} />
      <AccountsSection />
      <FinesSection civilId={civilId} />
      <ShortcutsSection />
    </DashboardShell>
  );
}
