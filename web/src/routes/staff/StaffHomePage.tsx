// Staff's home: the tools their role may use, nothing else.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/Layout.js';
import { Section } from '../../components/Section.js';
import { usePageTitle } from '../../components/page-title.js';
import { useSession } from '../../features/auth/session.js';
import { useLanguage } from '../../i18n/index.js';

export const STAFF_TOOLS = [
  { to: '/staff/violations/new', key: 'officer', roles: ['officer'] },
  { to: '/staff/bill-runs', key: 'billRuns', roles: ['admin'] },
  { to: '/staff/notifications', key: 'deadLetters', roles: ['admin'] },
  { to: '/staff/collections', key: 'collections', roles: ['admin'] },
  { to: '/staff/reports', key: 'reports', roles: ['admin'] },
  { to: '/staff/prepaid', key: 'prepaidStations', roles: ['admin'] },
  { to: '/staff/requests', key: 'requests', roles: ['service', 'admin'] },
  { to: '/staff/counter', key: 'counter', roles: ['cashier'] },
  { to: '/staff/counter/day', key: 'counterDay', roles: ['supervisor'] },
] as const;

export default function StaffHomePage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('staff.title');
  const { session } = useSession();
  const user = session.status === 'signed-in' ? session.user : null;
  const tools = STAFF_TOOLS.filter((tool) => user && (tool.roles as readonly string[]).includes(user.role));
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('staff.title')} lead={user ? t('staff.greeting', { name: user.name[language], role: t(`staff.roles.${user.role}`, { defaultValue: user.role }) }) : undefined} />
      {tools.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5">{t('staff.noTools')}</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {tools.map((tool) => (
            <Section key={tool.to} title={t(`staff.tools.${tool.key}.title`)}>
              <p>{t(`staff.tools.${tool.key}.body`)}</p>
              <Link to={tool.to} className="font-bold text-brand-800 underline" data-testid={`tool-${tool.key}`}>
                {t(`staff.tools.${tool.key}.open`)}
              </Link>
            </Section>
          ))}
        </div>
      )}
    </div>
  );
}
