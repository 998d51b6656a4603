// The signature in a receipt's QR code: anyone holding the printed receipt can check it is genuine at
// /r/<number>?sig=…, without signing in. It covers the receipt number and the amount, so a number copied onto a
// receipt with another amount (or a made-up number) does not verify.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';

function expected(secret: string, receiptNumber: string, amount: string, currency: string): Buffer {
  return createHmac('sha256', secret).update(`tasdeed:receipt:${receiptNumber}:${amount}:${currency}`).digest().subarray(0, 16);
}

/** 128 bits, base64url: short enough for a small QR code, long enough that guessing is hopeless. */
export function signReceipt(secret: string, receiptNumber: string, amount: string, currency: string): string {
  return expected(secret, receiptNumber, amount, currency).toString('base64url');
}

export function receiptSignatureMatches(secret: string, receiptNumber: string, amount: string, currency: string, given: string | undefined): boolean {
  if (!given || !/^[A-Za-z0-9_-]{22}$/.test(given)) return false;
  const a = Buffer.from(given, 'base64url');
  const b = expected(secret, receiptNumber, amount, currency);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function receiptVerifyUrl(config: Pick<Config, 'publicUrl' | 'secret'>, receiptNumber: string, amount: string, currency: string): string {
  return `${config.publicUrl}/r/${encodeURIComponent(receiptNumber)}?sig=${signReceipt(config.secret, receiptNumber, amount, currency)}`;
}
