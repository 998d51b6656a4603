import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClasses } from '../components/Button.js';
import { PageHeading } from '../components/Layout.js';
import { usePageTitle } from '../components/page-title.js';

export default function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle('notFound.title');
  return (
    <div className="flex flex-col items-start gap-4">
      <PageHeading title={t('notFound.title')} lead={t('notFound.lead')} />
      <Link to="/" className={buttonClasses('primary')}>
        {t('notFound.home')}
      </Link>
    </div>
  );
}
