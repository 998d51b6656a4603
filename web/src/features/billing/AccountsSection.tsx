// The citizen's electricity and water accounts with their latest bills (each linking to its detail), and the way
// to submit a meter reading. A server without the billing API yet (404) shows nothing here.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/index.js';
import { Amount } from '../../components/Amount.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Section } from '../../components/Section.js';
import { useAsync } from '../../lib/use-async.js';
import { activeMeter, myAccountsAndBills } from './billing.api.js';
import { useLanguage } from '../../i18n/index.js';
import { formatPeriod } from '../../i18n/format.js';
import { Badge } from '../../components/Section.js';

export function AccountsSection() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const data = useAsync((signal) => myAccountsAndBills(undefined, signal), []);
  if (data.status === 'failed' && data.error instanceof ApiError && data.error.status === 404) return null;
  return (
    <Section title={t('bills.accountsTitle')} testId="accounts">
      {data.status === 'failed' && <ErrorNotice error={data.error} onRetry={data.reload} />}
      {!data.data && data.status === 'loading' && <PageLoading />}
      {data.data && data.data.accounts.length === 0 && <p>{t('bills.noAccounts')}</p>}
      {data.data && data.data.accounts.length > 0 && (
        <ul className="flex flex-col gap-3">
          {data.data.accounts.map((account) => {
            const bills = data.data!.bills.filter((b) => b.accountNumber === account.accountNumber).slice(0, 3);
            const meter = activeMeter(account);
            return (
              <li key={account.accountNumber} className="flex flex-col gap-1 border-b border-slate-200 pb-3 last:border-0">
                <span className="font-bold">
                  {t(`bills.billers.${account.billerCode}`, { defaultValue: account.billerCode })} · <bdi className="tabular">{account.accountNumber}</bdi>
                </span>
                <span className="text-sm text-slate-700">
                  {account.categoryName[language]} · {account.address[language]}
                  {meter && <> · {t('bills.meter')}: <bdi className="tabular">{meter.meterNumber}</bdi></>}
                </span>
                <ul className="flex flex-col gap-1">
                  {bills.map((bill) => (
                    <li key={bill.id} className="flex flex-wrap justify-between gap-x-3">
                      <Link to={`/bills/${bill.id}`} className="font-bold text-brand-800 underline" data-testid="bill-link">
                        {t('bills.billOf', { period: formatPeriod(bill.period, language) })}
                      </Link>
                      <span className="flex items-center gap-2">
                        <Amount value={bill.amount} currency={bill.currency} />
                        <Badge tone={bill.payable.status === 'paid' ? 'good' : 'warn'}>{t(`bills.payableStatus.${bill.payable.status}`, { defaultValue: bill.payable.status })}</Badge>
                      </span>
                    </li>
                  ))}
                </ul>
                <span className="flex flex-wrap gap-x-4">
                  <Link to={`/bills?account=${encodeURIComponent(account.accountNumber)}`} className="text-sm text-brand-800 underline" data-testid="all-bills-link">
                    {t('bills.allBills')}
                  </Link>
                  <Link to={`/readings?account=${encodeURIComponent(account.accountNumber)}`} className="text-sm text-brand-800 underline" data-testid="reading-link">
                    {t('bills.submitReading')}
                  </Link>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
