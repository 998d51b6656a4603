// The signed-in person's home. An empty shell for now: each area (bills, payments, fines, staff tools) adds its
// section inside <DashboardShell>, from its own `features/<area>/` folder.
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/page-title.js';
import { DashboardShell } from '../features/dashboard/DashboardShell.js';

export default function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle('dashboard.title');
  return (
    <DashboardShell>
      <section className="rounded-xl border border-dashed border-slate-400 bg-white p-6 text-slate-700">
        <h2 className="mb-2 text-lg font-bold text-slate-900">{t('dashboard.emptyTitle')}</h2>
        <p>{t('dashboard.emptyBody')}</p>
      </section>
    </DashboardShell>
  );
}
