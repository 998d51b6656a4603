// Reading what KNET sends back: the encrypted `trandata` it POSTs to the response URL (or puts on the error URL),
// and the mapping from KNET's result words to the provider-neutral GatewayStatus.
import { AppError } from '../../../../platform/errors/app-error.js';
import { parseAmount } from '../../../../shared/money.js';
import type { GatewayResult, GatewayStatus } from '../gateway.js';
import type { ResolvedKnetConfig } from './knet.config.js';
import { decryptTrandata } from './knet.crypto.js';

// Purchase results (K-064 §3.5.5) and the inquiry's extra words (SUCCESS; FAILURE and SUSPECTED mean it failed).
const RESULT_STATUS: Record<string, GatewayStatus> = {
  CAPTURED: 'captured',
  SUCCESS: 'captured',
  'NOT CAPTURED': 'not_captured',
  FAILURE: 'not_captured',
  SUSPECTED: 'not_captured',
  CANCELED: 'canceled',
  CANCELLED: 'canceled',
  'HOST TIMEOUT': 'host_timeout',
};

// KNET error codes that describe the outcome better than "failed".
const ERROR_STATUS: Record<string, GatewayStatus> = {
  IPAY0100048: 'canceled',
  IPAY0100158: 'host_timeout',
};

/** A result word KNET did not document (or one added later) is `unknown`: the caller asks again by inquiry. */
export function statusFromKnetResult(result: string | undefined, errorCode: string | undefined): GatewayStatus {
  if (result) return RESULT_STATUS[result.trim().toUpperCase()] ?? 'unknown';
  if (errorCode) return ERROR_STATUS[errorCode] ?? 'not_captured';
  return 'unknown';
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,39}=/;
// Decrypted text with control characters is a changed block, not a KNET message.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Parses the decrypted, URL-encoded `name=value&…` message. Anything else is treated as forged. */
export function parseKnetMessage(plaintext: string): Record<string, string> {
  const invalid = (reason: string): never => {
    throw new AppError('gateway_response_invalid', { reason });
  };
  if (plaintext.length === 0 || CONTROL.test(plaintext)) invalid('decrypted data is not a KNET message');
  // No prototype: a field called __proto__ or constructor is just a field.
  const fields = Object.create(null) as Record<string, string>;
  for (const part of plaintext.split('&')) {
    if (!FIELD.test(part)) invalid('decrypted data is not a list of name=value fields');
    const at = part.indexOf('=');
    const name = part.slice(0, at);
    if (Object.hasOwn(fields, name)) invalid(`field ${name} appears twice`);
    try {
      fields[name] = decodeURIComponent(part.slice(at + 1).replace(/\+/g, ' '));
    } catch {
      invalid(`field ${name} is not URL-encoded text`);
    }
  }
  return fields;
}

/** Builds the neutral result from KNET's field names, shared by callbacks (`paymentid`) and inquiries (`payid`). */
export function resultFromKnetFields(fields: Record<string, string>, config: ResolvedKnetConfig): GatewayResult {
  const value = (name: string): string | undefined => {
    const text = fields[name]?.trim();
    return text ? text : undefined;
  };
  let amount: bigint;
  try {
    amount = parseAmount(value('amt') ?? '', config.currency);
  } catch {
    throw new AppError('gateway_response_invalid', { reason: 'amount missing or not an amount in the terminal currency', field: 'amt' });
  }
  const errorCode = value('Error') ?? value('error_code_tag');
  const result: GatewayResult = {
    status: statusFromKnetResult(value('result'), errorCode),
    trackId: value('trackid') ?? '',
    amount,
    currency: config.currency,
    raw: { ...fields },
  };
  const optional: [keyof GatewayResult, string | undefined][] = [
    ['paymentId', value('paymentid') ?? value('payid')],
    ['authCode', value('auth')],
    ['reference', value('ref')],
    ['transactionId', value('tranid')],
    ['postDate', value('postdate')],
    ['errorCode', errorCode],
    ['errorText', value('ErrorText') ?? value('error_text')],
  ];
  // Absent fields stay absent (not `undefined`) so results compare and serialise cleanly.
  for (const [key, text] of optional) if (text !== undefined) Object.assign(result, { [key]: text });
  return result;
}

/**
 * Decrypts and checks the body KNET POSTed to the response URL (or the query it put on the error URL).
 * KNET's kits also send a few fields in clear beside `trandata`; those are never trusted, but when present they
 * must agree with the encrypted ones, or the message has been meddled with.
 */
export function parseKnetCallback(body: Record<string, string>, config: ResolvedKnetConfig): GatewayResult {
  const trandata = body?.trandata;
  if (typeof trandata !== 'string' || trandata.length === 0) {
    throw new AppError('gateway_response_invalid', {
      reason: 'no trandata',
      ...(body?.Error ? { errorCode: String(body.Error) } : {}),
      ...(body?.ErrorText ? { errorText: String(body.ErrorText) } : {}),
    });
  }
  const fields = parseKnetMessage(decryptTrandata(trandata, config.resourceKey));
  const trackId = fields.trackid?.trim() ?? '';
  if (!/^[A-Za-z0-9]{1,40}$/.test(trackId)) throw new AppError('gateway_response_invalid', { reason: 'track id missing or malformed', field: 'trackid' });
  const hasResult = Boolean(fields.result?.trim());
  if (!hasResult && !fields.Error?.trim()) throw new AppError('gateway_response_invalid', { reason: 'neither result nor Error present' });
  if (hasResult && !fields.paymentid?.trim()) throw new AppError('gateway_response_invalid', { reason: 'payment id missing', field: 'paymentid' });
  for (const name of ['paymentid', 'trackid'] as const) {
    const clear = body[name];
    if (clear !== undefined && clear !== '' && clear !== (fields[name] ?? '')) {
      throw new AppError('gateway_response_invalid', { reason: `clear ${name} differs from the encrypted one` });
    }
  }
  const result = resultFromKnetFields(fields, config);
  if (result.amount <= 0n) throw new AppError('gateway_response_invalid', { reason: 'amount must be positive', field: 'amt' });
  return result;
}
