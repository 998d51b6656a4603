// Money is integer minor units with a currency. JSON carries decimal strings in the currency's own scale.
// No floating point anywhere money flows: parsing works on the characters of the string.
import { AppError } from '../platform/errors/app-error.js';

export interface CurrencyInfo {
  code: string;
  minorUnits: number;
  numericCode: string;
}

// ISO 4217 facts; the `currencies` table mirrors the ones a deployment enables.
const CURRENCIES: Record<string, CurrencyInfo> = {
  KWD: { code: 'KWD', minorUnits: 3, numericCode: '414' },
  SAR: { code: 'SAR', minorUnits: 2, numericCode: '682' },
  SYP: { code: 'SYP', minorUnits: 2, numericCode: '760' },
  BHD: { code: 'BHD', minorUnits: 3, numericCode: '048' },
  OMR: { code: 'OMR', minorUnits: 3, numericCode: '512' },
  JOD: { code: 'JOD', minorUnits: 3, numericCode: '400' },
  USD: { code: 'USD', minorUnits: 2, numericCode: '840' },
};

export interface Money {
  amount: bigint;
  currency: string;
}

export function currencyInfo(code: string): CurrencyInfo {
  const info = CURRENCIES[code];
  if (!info) throw new AppError('currency_unknown', { currency: code });
  return info;
}

export function isKnownCurrency(code: string): boolean {
  return code in CURRENCIES;
}

const DECIMAL = /^(\d{1,15})(?:\.(\d+))?$/;

/** Parses "12.500" into minor units. Refuses signs, exponents, blanks and more decimals than the currency has. */
export function parseAmount(text: string, currency: string): bigint {
  const { minorUnits } = currencyInfo(currency);
  const match = typeof text === 'string' ? DECIMAL.exec(text) : null;
  if (!match) throw new AppError('amount_invalid', { amount: String(text), currency });
  const [, whole, fraction = ''] = match;
  if (fraction.length > minorUnits) {
    throw new AppError('amount_too_precise', { amount: text, currency, decimals: minorUnits });
  }
  return BigInt(whole!) * 10n ** BigInt(minorUnits) + BigInt(fraction.padEnd(minorUnits, '0') || '0');
}

/** Parses a strictly positive amount. */
export function parsePositiveAmount(text: string, currency: string): bigint {
  const value = parseAmount(text, currency);
  if (value <= 0n) throw new AppError('amount_not_positive', { amount: text, currency });
  return value;
}

/** Formats minor units as a decimal string in the currency's scale: 12500n KWD → "12.500". */
export function formatAmount(minor: bigint, currency: string): string {
  const { minorUnits } = currencyInfo(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorUnits + 1, '0');
  const whole = minorUnits === 0 ? digits : digits.slice(0, -minorUnits);
  const fraction = minorUnits === 0 ? '' : `.${digits.slice(-minorUnits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function money(amount: bigint, currency: string): Money {
  currencyInfo(currency);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new AppError('currency_mismatch', { left: a.currency, right: b.currency });
}

/** Multiplies minor units by a rational factor, rounding half away from zero (used by tariffs and proration). */
export function mulDivRound(value: bigint, numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const product = value * numerator;
  const negative = product < 0n !== denominator < 0n;
  const p = product < 0n ? -product : product;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (p * 2n + d) / (2n * d);
  return negative ? -rounded : rounded;
}
