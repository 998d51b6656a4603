// "Pay" on a payable's own page (a bill, a violation): checkout of that one due, in full, through the same
// checkout as quick pay. Nothing when it is paid, cancelled or held for legal process.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useCheckout } from './use-checkout.js';

export interface PayableToPay {
  payableId: string | null;
  amountDue: string;
  currency: string;
  payableOnline: boolean;
  /** Any of the payable's states: only an open or partly paid one with something due is offered. */
  status: string;
}

export function canPayOnline(p: PayableToPay): boolean {
  const open = p.status === 'open' || p.status === 'unpaid' || p.status === 'partially_paid';
  return Boolean(p.payableId) && p.payableOnline && open && /[1-9]/.test(p.amountDue);
}

export function PayOneButton({ payable }: { payable: PayableToPay }) {
  const { t } = useTranslation();
  const checkout = useCheckout();
  if (!canPayOnline(payable)) return null;
  return (
    <div className="flex flex-col gap-2">
      {checkout.error !== null && <ErrorNotice error={checkout.error} />}
      <Button onClick={() => void checkout.start([{ payableId: payable.payableId! }])} disabled={checkout.pending} data-testid="pay-this" className="self-start">
        {checkout.pending ? t('quickPay.paying') : <>{t('quickPay.payThis')} <Amount value={payable.amountDue} currency={payable.currency} /></>}
      </Button>
    </div>
  );
}
