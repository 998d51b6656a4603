// The kiosk's calls: the same dues look-up as quick pay (masked for anyone not signed in, which a kiosk never is)
// and the same KNET checkout, as channel `kiosk` so the payment comes back to /kiosk/result/<id> with a KSK receipt.
import { answer, api, type ApiClient } from '../../api/index.js';
import { isFollowableRedirect, type CheckoutStarted } from '../quick-pay/start-checkout.js';

export { lookupDues, normaliseLookupValue, type Dues, type Payable } from '../quick-pay/dues.api.js';

export const KIOSK_LOOKUP_KINDS = ['civilId', 'accountNumber'] as const;
export type KioskLookupKind = (typeof KIOSK_LOOKUP_KINDS)[number];

/** Starts the KNET payment of the chosen dues, each in full, and sends the browser to KNET's page. */
export async function startKioskCheckout(
  payableIds: readonly string[],
  options: { idempotencyKey: string; language: 'ar' | 'en'; client?: ApiClient; navigate?: (url: string) => void },
): Promise<CheckoutStarted> {
  const started = await answer((options.client ?? api).POST('/api/v1/checkout', {
    body: { payableIds: [...payableIds], channel: 'kiosk', language: options.language },
    params: { header: { 'idempotency-key': options.idempotencyKey } },
  }));
  const next = started?.redirectUrl ?? (started?.paymentId ? `/kiosk/result/${encodeURIComponent(started.paymentId)}` : null);
  if (!next || !isFollowableRedirect(next)) throw new Error('checkout answered without a payment page to go to');
  (options.navigate ?? ((url: string) => window.location.assign(url)))(next);
  return started;
}
