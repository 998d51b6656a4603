// A KNET terminal's credentials and where its payment gateway lives, checked once when the adapter is made so a
// wrong value fails at boot rather than in a customer's checkout.
import { AppError } from '../../../../platform/errors/app-error.js';
import { currencyInfo } from '../../../../shared/money.js';
import { resourceKeyBytes } from './knet.crypto.js';

export interface KnetConfig {
  /** Gateway origin without `/kpg`: `https://www.kpaytest.com.kw` (test), `https://www.kpay.com.kw` (live), or the simulator's URL. */
  baseUrl: string;
  tranportalId: string;
  tranportalPassword: string;
  /** The 16-character terminal resource key: AES key and IV for `trandata`. */
  resourceKey: string;
  /** The one currency the terminal is enabled for. KNET callbacks carry no currency, so it is fixed here. Default KWD. */
  currency?: string;
  /** How long an inquiry may take before it counts as the gateway being unavailable. Default 15 s. */
  inquiryTimeoutMs?: number;
  /** For tests or a proxy; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

export interface ResolvedKnetConfig {
  baseUrl: string;
  tranportalId: string;
  tranportalPassword: string;
  resourceKey: string;
  currency: string;
  currencyCode: string;
  /** True when the gateway is on this machine (the simulator): plain http is then allowed for it and for our URLs. */
  loopback: boolean;
  inquiryTimeoutMs: number;
  fetch: typeof fetch;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

export function resolveKnetConfig(config: KnetConfig): ResolvedKnetConfig {
  const fail = (field: string, reason: string): never => {
    throw new AppError('gateway_config_invalid', { field, reason });
  };
  let base: URL;
  try {
    base = new URL(config.baseUrl);
  } catch {
    return fail('baseUrl', 'not a URL');
  }
  const loopback = isLoopbackUrl(base);
  // KNET talks only https to merchants; plain http is allowed for a simulator on this machine and nothing else.
  if (base.protocol !== 'https:' && !(loopback && base.protocol === 'http:')) fail('baseUrl', 'must be https (http only for localhost)');
  if (!/^[A-Za-z0-9]{1,255}$/.test(config.tranportalId ?? '')) fail('tranportalId', 'letters and digits only');
  if (!config.tranportalPassword || /[<>&\r\n]/.test(config.tranportalPassword) || config.tranportalPassword.length > 255) {
    fail('tranportalPassword', 'required, without < > & or line breaks');
  }
  resourceKeyBytes(config.resourceKey ?? '');
  const currency = config.currency ?? 'KWD';
  const info = currencyInfo(currency);
  const inquiryTimeoutMs = config.inquiryTimeoutMs ?? 15_000;
  if (!Number.isInteger(inquiryTimeoutMs) || inquiryTimeoutMs <= 0) fail('inquiryTimeoutMs', 'must be a positive whole number');
  return {
    baseUrl: base.origin + base.pathname.replace(/\/+$/, ''),
    tranportalId: config.tranportalId,
    tranportalPassword: config.tranportalPassword,
    resourceKey: config.resourceKey,
    currency,
    currencyCode: info.numericCode,
    loopback,
    inquiryTimeoutMs,
    fetch: config.fetch ?? globalThis.fetch,
  };
}
