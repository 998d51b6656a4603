// Where else the signed-in citizen can go: service requests, payments and receipts, meter readings, the water filling wallet, message settings.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section.js';

const LINKS = [
  { to: '/requests', key: 'dashboard.links.requests' },
  { to: '/payments', key: 'dashboard.links.payments' },
  { to: '/readings', key: 'dashboard.links.reading' },
  { to: '/prepaid', key: 'dashboard.links.prepaid' },
  { to: '/settings/notifications', key: 'dashboard.links.notifications' },
] as const;

export function ShortcutsSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('dashboard.linksTitle')}>
      <ul className="flex flex-col gap-2">
        {LINKS.map((link) => (
          <li key={link.to}>
            <Link to={link.to} className="inline-flex min-h-11 items-center font-bold text-brand-800 underline">
              {t(link.key)}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}
