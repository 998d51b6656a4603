// One wallet's statement: what is available, held by fillings in progress and owed from offline filling; the
// top-ups (an unpaid one can be paid from here); and the fillings with station, truck, gallons and KD.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { DateText } from '../../components/DateText.js';
import { Badge, Section } from '../../components/Section.js';
import { formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { PayOneButton } from '../quick-pay/PayOneButton.js';
import type { PrepaidStatement } from './prepaid.api.js';
import { TopupForm } from './TopupForm.js';

const TOPUP_TONES = { credited: 'good', paid: 'good', awaiting_payment: 'warn', cancelled: 'neutral' } as const;

export function WalletStatement({ statement, name }: { statement: PrepaidStatement; name: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const currency = statement.currency;
  return (
    <div className="flex flex-col gap-6" data-testid="wallet" data-operator={statement.operatorId}>
      <Section title={t('prepaid.wallet.balanceOf', { name })} testId="wallet-balance">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt>{t('prepaid.wallet.available')}</dt>
          <dd data-testid="wallet-available"><Amount value={statement.available} currency={currency} className="text-2xl font-bold" /></dd>
          <dt>{t('prepaid.wallet.held')}</dt>
          <dd><Amount value={statement.held} currency={currency} /></dd>
          <dt>{t('prepaid.wallet.debt')}</dt>
          <dd data-testid="wallet-debt"><Amount value={statement.debt} currency={currency} className={/[1-9]/.test(statement.debt) ? 'font-bold text-red-800' : ''} /></dd>
        </dl>
        {/[1-9]/.test(statement.debt) && <p className="font-bold text-red-800">{t('prepaid.wallet.debtBlocks')}</p>}
      </Section>

      <Section title={t('prepaid.topup.title')}>
        <p>{t('prepaid.topup.lead')}</p>
        <TopupForm operatorId={statement.operatorId} />
      </Section>

      <Section title={t('prepaid.topups.title')} testId="wallet-topups">
        {statement.topups.length === 0 ? <p>{t('prepaid.topups.none')}</p> : (
          <ul className="flex flex-col gap-3">
            {statement.topups.map((topup) => (
              <li key={topup.id} className="flex flex-col gap-2 rounded-lg border border-slate-300 p-4" data-testid="wallet-topup" data-status={topup.status}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                  <DateText value={topup.creditedAt ?? topup.requestedAt} withTime />
                  <Amount value={topup.amount} currency={currency} className="text-lg font-bold" />
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={TOPUP_TONES[topup.status]}>{t(`prepaid.topups.status.${topup.status}`)}</Badge>
                  <span>{t('prepaid.topups.reference')} <bdi className="tabular">{topup.reference}</bdi></span>
                </div>
                {topup.status === 'awaiting_payment' && (
                  <PayOneButton payable={{ payableId: topup.payableId, amountDue: topup.amount, currency, payableOnline: true, status: 'open' }} />
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('prepaid.dispenses.title')} testId="wallet-dispenses">
        {statement.dispenses.length === 0 ? <p>{t('prepaid.dispenses.none')}</p> : (
          <div className="overflow-x-auto">
            <table className="w-full text-start">
              <caption className="sr-only">{t('prepaid.dispenses.caption')}</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 text-start">{t('prepaid.dispenses.when')}</th>
                  <th scope="col" className="py-2 text-start">{t('prepaid.dispenses.station')}</th>
                  <th scope="col" className="py-2 text-start">{t('prepaid.dispenses.truck')}</th>
                  <th scope="col" className="py-2 text-end">{t('prepaid.dispenses.gallons')}</th>
                  <th scope="col" className="py-2 text-end">{t('prepaid.dispenses.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {statement.dispenses.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100" data-testid="wallet-dispense" data-status={d.status}>
                    <td className="py-2"><DateText value={d.settledAt ?? d.startedAt} withTime /></td>
                    <td className="py-2">
                      {(language === 'ar' ? d.stationNameAr : d.stationNameEn) ?? d.stationCode ?? ''} <bdi className="tabular text-sm text-slate-600">{d.stationCode}</bdi>
                      {d.mode === 'offline' && <> <Badge>{t('prepaid.dispenses.offline')}</Badge></>}
                    </td>
                    <td className="py-2"><bdi className="tabular">{d.plate}</bdi></td>
                    <td className="tabular py-2 text-end">{formatNumber(d.gallons, language)}</td>
                    <td className="py-2 text-end">
                      {d.amount === null ? <Badge tone="warn">{t(`prepaid.dispenses.status.${d.status}`, { defaultValue: d.status })}</Badge> : <Amount value={d.amount} currency={currency} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
