// A receipt's facts: number, status, date in both calendars (Kuwait time), what was paid to whom, the gateway's
// reference, payment id and track id, the PDF in the page's language and the public verification link the QR code on the PDF carries.
// Shown on the receipt page and at the end of a card payment.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { buttonClasses } from '../../components/Button.js';
import { DateText } from '../../components/DateText.js';
import { Badge, Section } from '../../components/Section.js';
import { useLanguage } from '../../i18n/index.js';
import { GatewayIds } from './GatewayIds.js';
import { receiptPdfUrl, type Receipt } from './payments.api.js';

export function ReceiptDetails({ receipt: r, sig, verifyUrl }: { receipt: Receipt; sig?: string; verifyUrl?: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Section title={t('receipt.number', { number: r.receiptNumber })} testId="receipt">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <Amount value={r.total} currency={r.currency} className="text-2xl font-bold" />
        <Badge tone={r.status === 'paid' ? 'good' : 'warn'}>{t(`receipt.status.${r.status}`)}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-700">{t('receipt.paidAt')}</dt>
        <dd data-testid="receipt-paid-at"><DateText value={r.paidAt} withTime withHijri /></dd>
        <dt className="text-slate-700">{t('receipt.channel')}</dt>
        <dd>{t(`receipt.channels.${r.channel}`, { defaultValue: r.channel })} · {r.issuingPoint[language]}</dd>
        {r.payer.name && (
          <>
            <dt className="text-slate-700">{t('receipt.payer')}</dt>
            <dd><bdi>{r.payer.name[language]}</bdi></dd>
          </>
        )}
        {r.gateway?.reference && (
          <>
            <dt className="text-slate-700">{t('receipt.gatewayRef')}</dt>
            <dd><bdi className="tabular">{r.gateway.reference}</bdi></dd>
          </>
        )}
        <GatewayIds gateway={r.gateway} />
      </dl>
      <ul className="flex flex-col divide-y divide-slate-200 border-y border-slate-200">
        {r.items.map((item) => (
          <li key={item.payableId} className="flex flex-wrap justify-between gap-x-4 py-2">
            <span>
              <span className="block font-bold">{language === 'ar' ? item.biller.nameAr : item.biller.nameEn}</span>
              <span className="block text-sm text-slate-700">{item.description[language]} · <bdi className="tabular">{item.reference}</bdi></span>
            </span>
            <Amount value={item.amount} currency={r.currency} className="font-bold" />
          </li>
        ))}
      </ul>
      {r.credit !== '0.000' && r.credit !== '0.00' && (
        <p>{t('receipt.credit')}: <Amount value={r.credit} currency={r.currency} /></p>
      )}
      <div className="flex flex-wrap gap-3">
        <a href={receiptPdfUrl(r.receiptNumber, language, sig)} className={buttonClasses('primary')} data-testid="receipt-pdf">
          {t('receipt.downloadPdf')}
        </a>
        <a href={verifyUrl ?? r.verifyUrl} className={buttonClasses('secondary')} data-testid="receipt-verify">
          {t('receipt.verify')}
        </a>
      </div>
    </Section>
  );
}
