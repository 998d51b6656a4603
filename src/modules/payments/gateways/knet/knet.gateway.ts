// KNET, Kuwait's card network, through its hosted payment page (merchant manual K-064, RAW integration):
//   1. startPayment: encrypt the purchase message, send the customer's browser to KNET's page.
//   2. KNET POSTs the encrypted result to our response URL; parseCallback reads it; we answer one line,
//      `REDIRECT=<receipt URL>` (formatRedirectReply), and KNET sends the browser there. If that answer fails,
//      KNET reverses the payment.
//   3. inquire: ask KNET server-to-server what really happened, before crediting and whenever a result is missing.
//   4. refund: action 2, server-to-server, to give back (part of) a captured payment.
import { AppError } from '../../../../platform/errors/app-error.js';
import type { PaymentGateway } from '../gateway.js';
import { resolveKnetConfig, type KnetConfig } from './knet.config.js';
import { inquireKnet } from './knet.inquiry.js';
import { refundKnet } from './knet.refund.js';
import { buildPaymentRequest } from './knet.request.js';
import { parseKnetCallback } from './knet.response.js';

export type { KnetConfig } from './knet.config.js';

export function createKnetGateway(config: KnetConfig): PaymentGateway {
  const resolved = resolveKnetConfig(config);
  return {
    name: 'knet',
    startPayment: (input) => ({ redirectUrl: buildPaymentRequest(input, resolved).redirectUrl }),
    parseCallback: (body) => parseKnetCallback(body, resolved),
    inquire: (input) => inquireKnet(input, resolved),
    refund: (input) => refundKnet(input, resolved),
  };
}

/**
 * The whole body of the merchant's answer to KNET's POST: one plain line `REDIRECT=<url>`, no HTML, no redirect
 * status (K-064 §9.2.1). Send it with status 200 and `content-type: text/plain`. The receipt URL must be absolute
 * http(s) and on one line, since KNET reads the first line and sends the browser to whatever follows `=`.
 */
export function formatRedirectReply(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || /[\s]/.test(url)) {
    throw new AppError('gateway_url_invalid', { field: 'receiptUrl', reason: 'must be an absolute http(s) URL on one line' });
  }
  return `REDIRECT=${url}`;
}
