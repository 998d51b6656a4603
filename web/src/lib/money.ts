// Adding up amounts in the browser without floating point: decimal strings → integer minor units (bigint) → back.
// The number of decimals comes from the currency itself (ISO 4217 via Intl: KWD 3, SAR 2), not from a table here.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export function currencyScale(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** "12.500" KWD → 12500n. Refuses text that is not a plain decimal or has more decimals than the currency has. */
export function toMinorUnits(amount: string, currency: string): bigint {
  const scale = currencyScale(currency);
  const match = DECIMAL.exec(amount);
  if (!match) throw new RangeError(`not a decimal amount: ${amount}`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) throw new RangeError(`${amount} has more than ${scale} decimals for ${currency}`);
  const minor = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  return sign === '-' ? -minor : minor;
}

/** 12500n KWD → "12.500". */
export function fromMinorUnits(minor: bigint, currency: string): string {
  const scale = currencyScale(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

export interface AmountInCurrency {
  amount: string;
  currency: string;
}

/** Sums amounts per currency, in the order the currencies first appear. */
export function sumByCurrency(items: readonly AmountInCurrency[]): AmountInCurrency[] {
  const totals = new Map<string, bigint>();
  for (const { amount, currency } of items) {
    totals.set(currency, (totals.get(currency) ?? 0n) + toMinorUnits(amount, currency));
  }
  return [...totals].map(([currency, minor]) => ({ amount: fromMinorUnits(minor, currency), currency }));
}
