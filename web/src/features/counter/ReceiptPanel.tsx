// The receipt of a payment just taken, ready to print (the browser's print, or the server's 80 mm and A4 PDFs).
// One taken offline is marked so, with the offline receipt number from the drawer's block (the number it posts
// under when the journal is sent); the PDFs come once it has posted.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { Badge } from '../../components/Section.js';
import { useLanguage } from '../../i18n/index.js';

export interface TakenReceipt {
  id: string;
  receiptNumber: string | null;
  takenOffline: boolean;
  currency: string;
  amount: string;
  changeGiven: string;
  lookup: string;
  items: { reference: string | null; billerCode: string; amount: string }[];
}

export function ReceiptPanel({ receipt }: { receipt: TakenReceipt }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const pdf = (format: 'thermal' | 'a4') => `/api/v1/receipts/${encodeURIComponent(receipt.receiptNumber ?? '')}/pdf?lang=${language}&format=${format}`;
  return (
    <div className="mt-4 flex flex-col gap-3 rounded-lg border-2 border-dashed border-slate-400 p-4" data-testid="counter-receipt">
      {receipt.takenOffline && <p><Badge tone="warn"><span data-testid="receipt-offline">{t('counter.receipt.offline')}</span></Badge></p>}
      {receipt.receiptNumber && (
        <p className="text-lg font-bold">
          {t(receipt.takenOffline ? 'counter.receipt.offlineNumber' : 'counter.receipt.number')}: <span data-testid="receipt-number" dir="ltr">{receipt.receiptNumber}</span>
        </p>
      )}
      <p>{t('counter.receipt.for')}: <span dir="ltr">{receipt.lookup}</span></p>
      <ul>
        {receipt.items.map((item, i) => <li key={i}>{item.billerCode} · {item.reference ?? ''} · <Amount value={item.amount} currency={receipt.currency} /></li>)}
      </ul>
      <p>{t('counter.take.total')}: <Amount value={receipt.amount} currency={receipt.currency} className="font-bold" /> · {t('counter.take.change')}: <Amount value={receipt.changeGiven} currency={receipt.currency} /></p>
      <div className="flex flex-wrap gap-3 print:hidden">
        <Button onClick={() => window.print()} data-testid="print-receipt">{t('counter.receipt.print')}</Button>
        {receipt.receiptNumber && !receipt.takenOffline && <a className="font-bold text-brand-800 underline" href={pdf('thermal')} data-testid="receipt-thermal" target="_blank" rel="noreferrer">{t('counter.receipt.thermal')}</a>}
        {receipt.receiptNumber && !receipt.takenOffline && <a className="font-bold text-brand-800 underline" href={pdf('a4')} data-testid="receipt-a4" target="_blank" rel="noreferrer">{t('counter.receipt.a4')}</a>}
      </div>
    </div>
  );
}
