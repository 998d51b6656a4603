// Topping up the water wallet: the amount makes a top-up payable (POST …/topups), which is then paid through the
// same checkout as a bill, so the browser goes on to KNET's page and comes back to the payment's result. Pressing
// again for the same amount (after a dropped connection) reuses the payable already made instead of making another.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextField } from '../../components/TextField.js';
import { useCheckout } from '../quick-pay/use-checkout.js';
import { normaliseTopupAmount, requestTopup } from './prepaid.api.js';

export function TopupForm({ operatorId }: { operatorId: string }) {
  const { t } = useTranslation();
  const checkout = useCheckout();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const made = useRef(new Map<string, string>());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = normaliseTopupAmount(text);
    setInvalid(amount === null);
    if (amount === null) return;
    setError(null);
    setAsking(true);
    try {
      let payableId = made.current.get(amount);
      if (!payableId) {
        payableId = (await requestTopup(operatorId, amount)).payableId;
        made.current.set(amount, payableId);
      }
      await checkout.start([{ payableId }]);
    } catch (caught) {
      setError(caught);
    } finally {
      setAsking(false);
    }
  }

  const busy = asking || checkout.pending;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={busy} data-testid="topup-form">
      {error !== null && <ErrorNotice error={error} />}
      {checkout.error !== null && <ErrorNotice error={checkout.error} />}
      <TextField label={t('prepaid.topup.amount')} hint={t('prepaid.topup.amountHint')} name="amount" inputMode="decimal" autoComplete="off"
        value={text} onChange={(e) => setText(e.target.value)} error={invalid ? t('prepaid.topup.amountInvalid') : undefined} className="max-w-xs" />
      <Button type="submit" disabled={busy} className="self-start" data-testid="topup-pay">
        {busy ? t('prepaid.topup.paying') : t('prepaid.topup.pay')}
      </Button>
    </form>
  );
}
