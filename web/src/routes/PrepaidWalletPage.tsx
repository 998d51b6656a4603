// The water filling wallet of a tanker operator who is a person: the statement of each wallet registered with
// their civil ID, and the top-up form. A person without one is told where to register.
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { usePageTitle } from '../components/page-title.js';
import { myWallets, walletStatement } from '../features/prepaid/prepaid.api.js';
import { WalletStatement } from '../features/prepaid/WalletStatement.js';
import { useLanguage } from '../i18n/index.js';
import { useAsync } from '../lib/use-async.js';

export default function PrepaidWalletPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('prepaid.wallet.title');
  const wallets = useAsync(async (signal) => {
    const operators = await myWallets(undefined, signal);
    return Promise.all(operators.map(async (operator) => ({ operator, statement: await walletStatement(operator.id, undefined, signal) })));
  }, []);

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('prepaid.wallet.title')} lead={t('prepaid.wallet.lead')} />
      {wallets.status === 'failed' && <ErrorNotice error={wallets.error} onRetry={wallets.reload} />}
      {!wallets.data && wallets.status === 'loading' && <PageLoading />}
      {wallets.data?.length === 0 && <p className="rounded-lg border border-slate-200 bg-white p-5" data-testid="no-wallet">{t('prepaid.wallet.none')}</p>}
      {wallets.data?.map(({ operator, statement }) => (
        <WalletStatement key={operator.id} statement={statement} name={language === 'ar' ? operator.nameAr : operator.nameEn} />
      ))}
    </div>
  );
}
