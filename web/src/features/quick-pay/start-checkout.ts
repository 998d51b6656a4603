// Paying the ticked dues: POST /api/v1/checkout (src/modules/payments/payments.routes.ts), then the browser goes to
// the payment page the API names (KNET's hosted page, or the local simulator in the demo). The idempotency key is
// made once per selection by the caller, so pressing "Pay" twice, or again after a dropped connection, starts one
// checkout and not two; a retry of a checkout that has already finished answers no page, and the person is shown
// that payment's result instead.
import { answer, api, type ApiClient, type RequestBody, type Schema } from '../../api/index.js';
import type { CheckoutItem } from './dues-selection.js';

/** The payment started; `redirectUrl` is the gateway's page, null once the payment is no longer pending. */
export type CheckoutStarted = Schema<'CheckoutStarted'>;
export type CheckoutBody = RequestBody<'/api/v1/checkout', 'post'>;

export interface StartCheckoutOptions {
  client?: ApiClient;
  idempotencyKey?: string;
  /** The language the gateway's page and the receipt should speak. */
  language?: 'ar' | 'en';
  /** Where the browser goes; replaced in tests. */
  navigate?: (url: string) => void;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** Only web addresses are followed: a `javascript:` or `data:` URL from a confused server is refused. */
export function isFollowableRedirect(url: string, base = typeof location === 'undefined' ? 'http://localhost' : location.href): boolean {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Ids alone pay each due in full (`payableIds`); an item with an amount pays part of it (`items`). */
export function checkoutBody(selected: readonly (string | CheckoutItem)[], language: 'ar' | 'en'): CheckoutBody {
  const items = selected.map((item) => (typeof item === 'string' ? { payableId: item } : item));
  return items.some((item) => item.amount !== undefined)
    ? { items: items.map((item) => (item.amount === undefined ? { payableId: item.payableId } : { payableId: item.payableId, amount: item.amount })), language }
    : { payableIds: items.map((item) => item.payableId), language };
}

export async function startCheckout(selected: readonly (string | CheckoutItem)[], options: StartCheckoutOptions = {}): Promise<CheckoutStarted> {
  const client = options.client ?? api;
  const key = options.idempotencyKey ?? newIdempotencyKey();
  const started = await answer(client.POST('/api/v1/checkout', { body: checkoutBody(selected, options.language ?? 'ar'), params: { header: { 'idempotency-key': key } } }));
  const next = started?.redirectUrl ?? (started?.paymentId ? `/pay/result/${encodeURIComponent(started.paymentId)}` : null);
  if (!next || !isFollowableRedirect(next)) throw new Error('checkout answered without a payment page to go to');
  (options.navigate ?? ((url: string) => window.location.assign(url)))(next);
  return started;
}
