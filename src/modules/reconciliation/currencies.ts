// Minor units of the currencies a bank statement may carry (ISO 4217). Wider than the currencies a deployment
// bills in: a statement from a foreign correspondent account is still read and balanced.
import { AppError } from '../../platform/errors/app-error.js';

const DECIMALS: Record<string, number> = {
  KWD: 3, BHD: 3, OMR: 3, JOD: 3, IQD: 3, LYD: 3, TND: 3,
  SAR: 2, SYP: 2, AED: 2, QAR: 2, EGP: 2, USD: 2, EUR: 2, GBP: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, TRY: 2, LBP: 2,
  JPY: 0, KRW: 0, ISK: 0,
};

export function statementCurrencyDecimals(code: string): number {
  const decimals = DECIMALS[code];
  if (decimals === undefined) throw new AppError('recon_currency_unknown', { currency: code });
  return decimals;
}

export function formatStatementAmount(minor: bigint, currency: string): string {
  const decimals = statementCurrencyDecimals(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}
