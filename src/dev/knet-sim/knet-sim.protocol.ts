// The gateway side of KNET's merchant protocol (manual K-064), as the simulator speaks it: reading a merchant's
// encrypted purchase message, and writing the messages KNET sends back. It checks what KNET checks and answers
// with KNET's own IPAY error codes, so a merchant that works here fails in the same places against KNET.
import { decryptTrandata, encryptTrandata } from '../../modules/payments/index.js';

/** The KNET error codes the simulator can answer with, and their texts from the manual's table (§10). */
export const IPAY_ERRORS = {
  IPAY0100001: 'Missing error URL',
  IPAY0100002: 'Invalid error URL',
  IPAY0100003: 'Missing response URL',
  IPAY0100004: 'Invalid response URL',
  IPAY0100005: 'Missing tranportal ID',
  IPAY0100006: 'Invalid tranportal ID',
  IPAY0100007: 'Missing transaction data',
  IPAY0100014: 'Terminal Authentication requested with invalid tranportal ID data',
  IPAY0100015: 'Invalid tranportal password',
  IPAY0100020: 'Invalid action type',
  IPAY0100021: 'Missing currency',
  IPAY0100022: 'Invalid currency',
  IPAY0100023: 'Missing amount',
  IPAY0100024: 'Invalid amount',
  IPAY0100026: 'Invalid language ID',
  IPAY0100027: 'Invalid track id',
  IPAY0100028: 'Invalid user defined field1',
  IPAY0100029: 'Invalid user defined field2',
  IPAY0100030: 'Invalid user defined field3',
  IPAY0100031: 'Invalid user defined field4',
  IPAY0100032: 'Invalid user defined field5',
  IPAY0100054: 'Payment details not available',
  IPAY0100114: 'Duplicate Record',
  IPAY0100158: 'Host timeout',
  IPAY0100176: 'Decrypting transaction data failed',
  IPAY0100249: 'Merchant response URL is down',
  IPAY0100263: 'Transaction details not available',
  IPAY0100272: 'Problem occurred while validating xml message format',
} as const;

export type IpayCode = keyof typeof IPAY_ERRORS;

/** A refusal in KNET's words. `status` is what the simulator's own HTTP answer uses. */
export class KnetSimError extends Error {
  constructor(
    readonly code: IpayCode | 'sim_not_found' | 'sim_already_completed' | 'sim_bad_request',
    readonly text: string = code in IPAY_ERRORS ? IPAY_ERRORS[code as IpayCode] : code,
    readonly status = 400,
  ) {
    super(`${code}: ${text}`);
    this.name = 'KnetSimError';
  }
}

export interface KnetSimTerminal {
  tranportalId: string;
  tranportalPassword: string;
  resourceKey: string;
}

export interface PurchaseRequest {
  trackId: string;
  /** As the merchant wrote it, in the currency's scale: "12.500". */
  amount: string;
  currencyCode: string;
  language: 'AR' | 'USA';
  responseUrl: string;
  errorUrl: string;
  udf: [string, string, string, string, string];
}

// The terminal is enabled for Kuwaiti dinars only, like KNET's: 414, three decimals, at most 10 characters.
const CURRENCY_CODE = '414';
const AMOUNT = /^\d{1,6}\.\d{3}$/;
const TRACK_ID = /^[A-Za-z0-9]{1,40}$/;
const LANGUAGES: Record<string, 'AR' | 'USA'> = { AR: 'AR', ARA: 'AR', USA: 'USA', EN: 'USA', ENG: 'USA' };
const UDF_CODES = ['IPAY0100028', 'IPAY0100029', 'IPAY0100030', 'IPAY0100031', 'IPAY0100032'] as const;

/**
 * Reads `name=value&…` the way KNET's RAW interface does: split on `&`, then on the first `=`, no URL-decoding.
 * Later duplicates do not overwrite earlier fields.
 */
export function readRawFields(plaintext: string): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>;
  for (const part of plaintext.split('&')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at);
    if (!Object.hasOwn(fields, name)) fields[name] = part.slice(at + 1);
  }
  return fields;
}

function checkReturnUrl(value: string | undefined, missing: IpayCode, invalid: IpayCode): string {
  if (!value) throw new KnetSimError(missing);
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new KnetSimError(invalid);
  }
  return value;
}

/** Decrypts and validates a `paymentInit` request for this terminal. */
export function readPurchaseRequest(query: { trandata?: string; tranportalId?: string }, terminal: KnetSimTerminal): PurchaseRequest {
  if (!query.tranportalId) throw new KnetSimError('IPAY0100005');
  if (query.tranportalId !== terminal.tranportalId) throw new KnetSimError('IPAY0100006');
  if (!query.trandata) throw new KnetSimError('IPAY0100007');
  let plaintext: string;
  try {
    plaintext = decryptTrandata(query.trandata, terminal.resourceKey);
  } catch {
    throw new KnetSimError('IPAY0100176');
  }
  const f = readRawFields(plaintext);
  if (f.id !== terminal.tranportalId) throw new KnetSimError('IPAY0100014');
  if (f.password !== terminal.tranportalPassword) throw new KnetSimError('IPAY0100015');
  if (f.action !== '1') throw new KnetSimError('IPAY0100020');
  if (!f.currencycode) throw new KnetSimError('IPAY0100021');
  if (f.currencycode !== CURRENCY_CODE) throw new KnetSimError('IPAY0100022');
  if (!f.amt) throw new KnetSimError('IPAY0100023');
  if (!AMOUNT.test(f.amt) || /^0+\.000$/.test(f.amt)) throw new KnetSimError('IPAY0100024');
  const language = LANGUAGES[(f.langid ?? '').toUpperCase()];
  if (!language) throw new KnetSimError('IPAY0100026');
  const responseUrl = checkReturnUrl(f.responseURL, 'IPAY0100003', 'IPAY0100004');
  const errorUrl = checkReturnUrl(f.errorURL, 'IPAY0100001', 'IPAY0100002');
  if (!f.trackid || !TRACK_ID.test(f.trackid)) throw new KnetSimError('IPAY0100027');
  const udf = UDF_CODES.map((code, index) => {
    const value = f[`udf${index + 1}`] ?? '';
    if (/[@/\r\n]/.test(value) || value.length > 255) throw new KnetSimError(code);
    return value;
  }) as PurchaseRequest['udf'];
  return { trackId: f.trackid, amount: f.amt, currencyCode: f.currencycode, language, responseUrl, errorUrl, udf };
}

/** KNET's responses are URL-encoded (`result=NOT+CAPTURED`) and then encrypted with the terminal key. */
export function encryptResponse(fields: [string, string][], terminal: KnetSimTerminal): string {
  return encryptTrandata(new URLSearchParams(fields).toString(), terminal.resourceKey);
}
