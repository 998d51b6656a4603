// The "Pay" button's state. One idempotency key per set of ticked dues: pressing Pay again for the same set (after
// a timeout, say) asks for the same checkout; changing the set asks for a new one.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLanguage } from '../../i18n/index.js';
import type { CheckoutItem } from './dues-selection.js';
import { newIdempotencyKey, startCheckout } from './start-checkout.js';

export function useCheckout() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const keys = useRef(new Map<string, string>());
  const { language } = useLanguage();

  // Coming back from the gateway with the Back button restores this page from memory, button still disabled:
  // re-enable it, and forget the keys, because paying again after leaving for the gateway is a new attempt (the
  // old key would only replay the attempt the person walked away from).
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      setPending(false);
      keys.current.clear();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  const start = useCallback(async (items: readonly CheckoutItem[]) => {
    const selectionKey = items.map((item) => `${item.payableId}=${item.amount ?? 'all'}`).sort().join(',');
    let idempotencyKey = keys.current.get(selectionKey);
    if (!idempotencyKey) {
      idempotencyKey = newIdempotencyKey();
      keys.current.set(selectionKey, idempotencyKey);
    }
    setPending(true);
    setError(null);
    try {
      await startCheckout(items, { idempotencyKey, language });
      // The browser is leaving for the payment page; keep the button disabled until it has gone.
    } catch (caught) {
      setError(caught);
      setPending(false);
    }
  }, [language]);

  const reset = useCallback(() => {
    setError(null);
    setPending(false);
  }, []);

  return { start, pending, error, reset };
}
