// The bill history of each electricity and water account: every bill the account ever had, newest first, a page
// at a time, narrowed to a year if asked; each links to its page (with its PDF and Pay). The choice lives in the
// address (?account=…&year=…&page=…), so Back and a shared link show the same list.
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Amount } from '../components/Amount.js';
import { buttonClasses } from '../components/Button.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { SelectField } from '../components/FormFields.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { Badge, Section } from '../components/Section.js';
import { usePageTitle } from '../components/page-title.js';
import { accountBills, billPdfUrl, myAccounts } from '../features/billing/billing.api.js';
import { formatNumber, formatPeriod } from '../i18n/format.js';
import { useLanguage } from '../i18n/index.js';
import { useAsync } from '../lib/use-async.js';

const PAGE_SIZE = 6;

export default function BillsPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  usePageTitle('bills.historyTitle');
  const [params, setParams] = useSearchParams();
  const accounts = useAsync((signal) => myAccounts(undefined, signal), []);
  const accountNumber = params.get('account') ?? accounts.data?.[0]?.accountNumber ?? null;
  const year = Number(params.get('year')) || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const history = useAsync(
    (signal) => (accountNumber ? accountBills(accountNumber, { page, pageSize: PAGE_SIZE, ...(year ? { year } : {}) }, undefined, signal) : Promise.resolve(null)),
    [accountNumber, year, page],
  );
  const pages = history.data ? Math.max(1, Math.ceil(history.data.total / PAGE_SIZE)) : 1;

  const choose = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    if (accountNumber && !next.get('account')) next.set('account', accountNumber);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    if (accountNumber) next.set('account', accountNumber);
    next.set('page', String(n));
    return `?${next.toString()}`;
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('bills.historyTitle')} lead={t('bills.historyLead')} />
      {accounts.status === 'failed' && <ErrorNotice error={accounts.error} onRetry={accounts.reload} />}
      {!accounts.data && accounts.status === 'loading' && <PageLoading />}
      {accounts.data && accounts.data.length === 0 && <p>{t('bills.noAccounts')}</p>}
      {accounts.data && accounts.data.length > 0 && (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label={t('bills.chooseAccount')} name="account" value={accountNumber ?? ''} onChange={(e) => choose({ account: e.target.value, year: null, page: null })}>
            {accounts.data.map((account) => (
              <option key={account.accountNumber} value={account.accountNumber}>
                {t(`bills.billers.${account.billerCode}`, { defaultValue: account.billerCode })} · {account.accountNumber}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('bills.year')} name="year" value={year ? String(year) : ''} onChange={(e) => choose({ year: e.target.value || null, page: null })}>
            <option value="">{t('bills.allYears')}</option>
            {(history.data?.years ?? (year ? [year] : [])).map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </SelectField>
        </div>
      )}
      {history.status === 'failed' && <ErrorNotice error={history.error} onRetry={history.reload} />}
      {history.data && (
        <Section title={t('bills.historyTitle')} testId="bill-history">
          {history.data.bills.length === 0 ? <p>{t('bills.noBills')}</p> : (
            <ul className="flex flex-col divide-y divide-slate-200">
              {history.data.bills.map((bill) => (
                <li key={bill.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2" data-testid="history-bill" data-period={bill.period}>
                  <Link to={`/bills/${bill.id}`} className="font-bold text-brand-800 underline" data-testid="bill-link">
                    {t('bills.billOf', { period: formatPeriod(bill.period, language) })}
                  </Link>
                  <span className="flex flex-wrap items-center gap-3">
                    <Amount value={bill.amount} currency={bill.currency} />
                    <Badge tone={bill.payable.status === 'paid' ? 'good' : 'warn'}>{t(`bills.payableStatus.${bill.payable.status}`, { defaultValue: bill.payable.status })}</Badge>
                    <a href={billPdfUrl(bill, language)} className="text-sm text-brand-800 underline">PDF</a>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav className="flex flex-wrap items-center justify-between gap-3" aria-label={t('bills.historyTitle')}>
              {page > 1 ? <Link to={pageLink(page - 1)} className={buttonClasses('secondary')} data-testid="newer-bills">{t('bills.previousPage')}</Link> : <span />}
              <span>{t('bills.pageOf', { page: formatNumber(page, language), pages: formatNumber(pages, language) })}</span>
              {page < pages ? <Link to={pageLink(page + 1)} className={buttonClasses('secondary')} data-testid="older-bills">{t('bills.nextPage')}</Link> : <span />}
            </nav>
          )}
        </Section>
      )}
    </div>
  );
}
