// Paying the ticked dues: POST /api/v1/checkout, then the browser goes to the payment page the API names
// (KNET's hosted page, or the local simulator in the demo). The idempotency key is made once per selection by the
// caller, so pressing "Pay" twice, or again after a dropped connection, starts one checkout and not two.
import { api, type ApiClient } from '../../api/index.js';

export interface CheckoutStarted {
  redirectUrl: string;
}

export interface StartCheckoutOptions {
  client?: ApiClient;
  idempotencyKey?: string;
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

export async function startCheckout(selectedIds: readonly string[], options: StartCheckoutOptions = {}): Promise<CheckoutStarted> {
  const client = options.client ?? api;
  const key = options.idempotencyKey ?? newIdempotencyKey();
  const started = await client.post<CheckoutStarted>('/api/v1/checkout', { payableIds: [...selectedIds] }, { 'idempotency-key': key });
  if (!started || typeof started.redirectUrl !== 'string' || !isFollowableRedirect(started.redirectUrl)) {
    throw new Error('checkout answered without a payment page to go to');
  }
  (options.navigate ?? ((url: string) => window.location.assign(url)))(started.redirectUrl);
  return started;
}
