import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../platform/errors/app-error.js';
import type { StartPaymentInput } from '../gateway.js';
import { resolveKnetConfig } from './knet.config.js';
import { decryptTrandata } from './knet.crypto.js';
import { createKnetGateway, formatRedirectReply } from './knet.gateway.js';
import { buildPaymentRequest } from './knet.request.js';

const TERMINAL = { tranportalId: '700100', tranportalPassword: 'demo700100', resourceKey: 'TasdeedDemoKey16' };
const LIVE = resolveKnetConfig({ baseUrl: 'https://www.kpaytest.com.kw', ...TERMINAL });
const LOCAL = resolveKnetConfig({ baseUrl: 'http://127.0.0.1:4010/', ...TERMINAL });

const INPUT: StartPaymentInput = {
  trackId: 'PAY01JD3K7Q',
  amount: 12500n,
  currency: 'KWD',
  language: 'en',
  responseUrl: 'https://tasdeed.example.kw/payments/knet/response',
  errorUrl: 'https://tasdeed.example.kw/payments/knet/error?attempt=PAY01JD3K7Q',
  udf: ['bill_42', 'عبدالله'],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-app-error';
  }
  return undefined;
}

describe('KNET purchase request', () => {
  it('writes the plaintext message in the manual RAW layout, with the amount in the currency scale', () => {
    const { plaintext } = buildPaymentRequest(INPUT, LIVE);
    expect(plaintext).toBe(
      'id=700100&password=demo700100&action=1&langid=USA&currencycode=414&amt=12.500' +
        '&responseURL=https://tasdeed.example.kw/payments/knet/response' +
        '&errorURL=https://tasdeed.example.kw/payments/knet/error?attempt=PAY01JD3K7Q' +
        '&trackid=PAY01JD3K7Q&udf1=bill_42&udf2=عبدالله&udf3=&udf4=&udf5=',
    );
    expect(buildPaymentRequest({ ...INPUT, language: 'ar', amount: 5n }, LIVE).plaintext).toContain('&langid=AR&currencycode=414&amt=0.005&');
  });

  it('sends the browser to PaymentHTTP.htm with trandata that decrypts to that message', () => {
    const { redirectUrl } = createKnetGateway({ baseUrl: 'https://www.kpaytest.com.kw/', ...TERMINAL }).startPayment(INPUT);
    const url = new URL(redirectUrl);
    expect(url.origin + url.pathname).toBe('https://www.kpaytest.com.kw/kpg/PaymentHTTP.htm');
    expect(url.searchParams.get('param')).toBe('paymentInit');
    expect(url.searchParams.get('tranportalId')).toBe('700100');
    expect(url.searchParams.get('responseURL')).toBe(INPUT.responseUrl);
    expect(url.searchParams.get('errorURL')).toBe(INPUT.errorUrl);
    const trandata = url.searchParams.get('trandata')!;
    expect(trandata).toMatch(/^[0-9A-F]+$/);
    expect(decryptTrandata(trandata, TERMINAL.resourceKey)).toBe(buildPaymentRequest(INPUT, LIVE).plaintext);
    // The password travels only inside the encrypted message.
    expect(redirectUrl).not.toContain('demo700100');
  });

  it('refuses track ids KNET would refuse', () => {
    for (const trackId of ['', 'PAY-1', 'PAY.1', 'PAY 1', 'pay/1', 'a'.repeat(41), 'رقم1']) {
      expect(codeOf(() => buildPaymentRequest({ ...INPUT, trackId }, LIVE)), trackId).toBe('gateway_track_id_invalid');
    }
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, trackId: 'A'.repeat(40) }, LIVE))).toBeUndefined();
  });

  it('refuses UDFs with @, /, &, line breaks, more than 255 characters, or more than five of them', () => {
    for (const bad of ['ali@example.com', 'bills/42', 'a&b', 'line\nbreak', 'carriage\rreturn', 'x'.repeat(256)]) {
      expect(codeOf(() => buildPaymentRequest({ ...INPUT, udf: ['ok', bad] }, LIVE)), bad).toBe('gateway_udf_invalid');
    }
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, udf: ['1', '2', '3', '4', '5', '6'] }, LIVE))).toBe('gateway_udf_invalid');
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, udf: ['1', '2', '3', '4', 'x'.repeat(255)] }, LIVE))).toBeUndefined();
  });

  it('refuses amounts that are not positive, too long for KNET, or in another currency', () => {
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, amount: 0n }, LIVE))).toBe('gateway_amount_invalid');
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, amount: -1n }, LIVE))).toBe('gateway_amount_invalid');
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, amount: 999_999_999n }, LIVE))).toBeUndefined(); // 999999.999
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, amount: 1_000_000_000n }, LIVE))).toBe('gateway_amount_invalid');
    expect(codeOf(() => buildPaymentRequest({ ...INPUT, currency: 'SAR' }, LIVE))).toBe('gateway_currency_unsupported');
  });

  it('requires https return URLs for the real gateway and allows plain http only with a local simulator', () => {
    const http = { ...INPUT, responseUrl: 'http://localhost:3000/payments/knet/response' };
    expect(codeOf(() => buildPaymentRequest(http, LIVE))).toBe('gateway_url_invalid');
    expect(codeOf(() => buildPaymentRequest(http, LOCAL))).toBeUndefined();
    for (const bad of ['/relative', 'https://x.kw/a?b=1&c=2', 'https://x.kw/a b', `https://x.kw/${'a'.repeat(250)}`, 'ftp://x.kw/']) {
      expect(codeOf(() => buildPaymentRequest({ ...INPUT, errorUrl: bad }, LOCAL)), bad).toBe('gateway_url_invalid');
    }
  });

  it('refuses a configuration KNET could never accept', () => {
    expect(codeOf(() => resolveKnetConfig({ ...TERMINAL, baseUrl: 'http://www.kpay.com.kw' }))).toBe('gateway_config_invalid');
    expect(codeOf(() => resolveKnetConfig({ ...TERMINAL, baseUrl: 'not a url' }))).toBe('gateway_config_invalid');
    expect(codeOf(() => resolveKnetConfig({ ...TERMINAL, baseUrl: 'https://www.kpay.com.kw', resourceKey: '15-characters!!' }))).toBe('gateway_config_invalid');
    expect(codeOf(() => resolveKnetConfig({ ...TERMINAL, baseUrl: 'https://www.kpay.com.kw', tranportalPassword: 'a&b' }))).toBe('gateway_config_invalid');
    expect(codeOf(() => resolveKnetConfig({ ...TERMINAL, baseUrl: 'https://www.kpay.com.kw', tranportalId: '' }))).toBe('gateway_config_invalid');
  });
});

describe('formatRedirectReply', () => {
  it('is the one line KNET reads', () => {
    expect(formatRedirectReply('https://tasdeed.example.kw/receipts/PAY01?lang=ar')).toBe('REDIRECT=https://tasdeed.example.kw/receipts/PAY01?lang=ar');
  });

  it('refuses URLs that would break the line or are not absolute', () => {
    for (const bad of ['/receipts/1', 'https://x.kw/a\nREDIRECT=https://evil.example', 'javascript:alert(1)', 'https://x.kw/a b']) {
      expect(codeOf(() => formatRedirectReply(bad)), bad).toBe('gateway_url_invalid');
    }
  });
});
