// Building a KNET purchase (action 1) for the RAW integration: validate what KNET would refuse (so the customer
// never lands on a KNET error page), write the plaintext message, encrypt it, and make the hosted page's address.
import { AppError } from '../../../../platform/errors/app-error.js';
import { formatAmount } from '../../../../shared/money.js';
import type { StartPaymentInput } from '../gateway.js';
import type { ResolvedKnetConfig } from './knet.config.js';
import { encryptTrandata } from './knet.crypto.js';

export const KNET_ACTION_PURCHASE = '1';
export const KNET_ACTION_REFUND = '2';
export const KNET_ACTION_INQUIRY = '8';

// KNET's `langid`: the manual's kits send USA for English.
const LANGUAGE_IDS = { ar: 'AR', en: 'USA' } as const;

const TRACK_ID = /^[A-Za-z0-9]{1,40}$/;
// KNET rejects `@` and `/` in UDFs (K-064 §9.1.1); line breaks would split the message, and since KNET reads the
// plaintext without URL-decoding it, `&` would start a new field.
const UDF_FORBIDDEN = /[@/&\r\n]/;
const MAX_UDFS = 5;
const MAX_UDF_LENGTH = 255;
const MAX_URL_LENGTH = 255;
// KNET's amount field is a string of at most 10 characters including the point: 999999.999 KD at most.
const MAX_AMOUNT_LENGTH = 10;

export function assertValidTrackId(trackId: string): void {
  if (typeof trackId !== 'string' || !TRACK_ID.test(trackId)) throw new AppError('gateway_track_id_invalid', { trackId: String(trackId) });
}

export function validateUdfs(udf: string[] = []): string[] {
  if (udf.length > MAX_UDFS) throw new AppError('gateway_udf_invalid', { reason: `at most ${MAX_UDFS} fields`, count: udf.length });
  udf.forEach((value, index) => {
    if (typeof value !== 'string' || UDF_FORBIDDEN.test(value) || value.length > MAX_UDF_LENGTH) {
      throw new AppError('gateway_udf_invalid', { field: `udf${index + 1}` });
    }
  });
  return Array.from({ length: MAX_UDFS }, (_, index) => udf[index] ?? '');
}

/** Formats the amount KNET's way: the currency's own scale with its point (`12.500`), positive, ≤ 10 characters. */
export function knetAmount(amount: bigint, currency: string, config: ResolvedKnetConfig): string {
  if (currency !== config.currency) throw new AppError('gateway_currency_unsupported', { currency, accepted: config.currency });
  if (typeof amount !== 'bigint' || amount <= 0n) throw new AppError('gateway_amount_invalid', { reason: 'must be greater than zero' });
  const text = formatAmount(amount, currency);
  if (text.length > MAX_AMOUNT_LENGTH) throw new AppError('gateway_amount_invalid', { reason: 'too large for KNET', amount: text });
  return text;
}

function validateReturnUrl(field: 'responseUrl' | 'errorUrl', value: string, config: ResolvedKnetConfig): string {
  const fail = (reason: string): never => {
    throw new AppError('gateway_url_invalid', { field, reason });
  };
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) fail(`at most ${MAX_URL_LENGTH} characters`);
  // The plaintext is read without URL-decoding: `&` would split the field and spaces or line breaks would corrupt it.
  if (/[&\s]/.test(value)) fail('must not contain &, spaces or line breaks');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('not an absolute URL');
  }
  // Real KNET calls merchants over https only; a simulator on this machine may call a plain-http development server.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && config.loopback)) fail('KNET calls merchants over https only');
  return value;
}

export interface KnetPaymentRequest {
  plaintext: string;
  trandata: string;
  redirectUrl: string;
}

/** Writes the purchase message and the hosted page's address. Field order follows the manual's RAW kits. */
export function buildPaymentRequest(input: StartPaymentInput, config: ResolvedKnetConfig): KnetPaymentRequest {
  assertValidTrackId(input.trackId);
  const amount = knetAmount(input.amount, input.currency, config);
  const udfs = validateUdfs(input.udf);
  const responseUrl = validateReturnUrl('responseUrl', input.responseUrl, config);
  const errorUrl = validateReturnUrl('errorUrl', input.errorUrl, config);
  const langid = LANGUAGE_IDS[input.language];
  if (!langid) throw new AppError('validation_failed', { field: 'language', accepted: Object.keys(LANGUAGE_IDS) });

  const fields: [string, string][] = [
    ['id', config.tranportalId],
    ['password', config.tranportalPassword],
    ['action', KNET_ACTION_PURCHASE],
    ['langid', langid],
    ['currencycode', config.currencyCode],
    ['amt', amount],
    ['responseURL', responseUrl],
    ['errorURL', errorUrl],
    ['trackid', input.trackId],
    ...udfs.map((value, index): [string, string] => [`udf${index + 1}`, value]),
  ];
  // KNET's RAW kits concatenate values as they are (no URL-encoding); validation above keeps them safe to do so.
  const plaintext = fields.map(([name, value]) => `${name}=${value}`).join('&');
  const trandata = encryptTrandata(plaintext, config.resourceKey);
  const query = new URLSearchParams({
    param: 'paymentInit',
    trandata,
    tranportalId: config.tranportalId,
    responseURL: responseUrl,
    errorURL: errorUrl,
  });
  return { plaintext, trandata, redirectUrl: `${config.baseUrl}/kpg/PaymentHTTP.htm?${query.toString()}` };
}
