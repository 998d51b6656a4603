import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/Layout.js';
import { usePageTitle } from '../components/page-title.js';
import { DemoBanner } from '../features/demo/DemoBanner.js';
import { QuickPay } from '../features/quick-pay/QuickPay.js';

export default function QuickPayPage() {
  const { t } = useTranslation();
  usePageTitle('quickPay.title');
  return (
    <>
      <PageHeading title={t('quickPay.title')} lead={t('quickPay.lead')} />
      <DemoBanner />
      <QuickPay />
    </>
  );
}
