// The frame of the signed-in dashboard: a greeting with the person's name and a grid that areas fill with their
// own sections (children). Kept free of any area's data so billing, payments and fines can grow independently.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/Layout.js';
import { useLanguage } from '../../i18n/index.js';
import { useSession } from '../auth/session.js';

export function DashboardShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { session } = useSession();
  const name = session.status === 'signed-in' ? session.user.name[language] : '';
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('dashboard.title')} lead={name ? t('dashboard.greeting', { name }) : undefined} />
      <div className="grid gap-4 md:grid-cols-2" data-testid="dashboard-sections">
        {children}
      </div>
    </div>
  );
}
