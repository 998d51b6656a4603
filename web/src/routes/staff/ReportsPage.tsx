// The admin reports: one card each, with what it answers and a link to open it.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/Layout.js';
import { Section } from '../../components/Section.js';
import { usePageTitle } from '../../components/page-title.js';
import { REPORT_NAMES } from '../../features/staff/reports.api.js';

export default function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle('reports.title');
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('reports.title')} lead={t('reports.lead')} />
      <div className="grid gap-4 md:grid-cols-2" data-testid="report-list">
        {REPORT_NAMES.map((name) => (
          <Section key={name} title={t(`reports.names.${name}.title`)}>
            <p>{t(`reports.names.${name}.body`)}</p>
            <Link to={`/staff/reports/${name}`} className="font-bold text-brand-800 underline" data-testid={`open-report-${name}`}>
              {t('reports.open', { report: t(`reports.names.${name}.title`) })}
            </Link>
          </Section>
        ))}
      </div>
    </div>
  );
}
