// Numbers, amounts and dates in the person's language. Amounts arrive from the API as decimal strings ("12.500")
// and are handed to Intl.NumberFormat as strings, which formats them exactly: they never pass through a float.
//
// Digits: the Arabic pages use Western digits (0-9), like the civil IDs, account and meter numbers people type and
// read on their bills, so one page never mixes two digit sets. Change ARABIC_NUMBERING to 'arab' for ٠١٢٣.
import type { Language } from './language.js';

const ARABIC_NUMBERING = 'latn';
export const PORTAL_TIME_ZONE = 'Asia/Kuwait';

// English as written in the Gulf: day before month ("31 January 2025"), as British English does; plain `en`
// would give the American "January 31, 2025".
const LOCALES: Record<Language, string> = {
  ar: `ar-KW-u-nu-${ARABIC_NUMBERING}`,
  en: 'en-GB',
};

export function formatLocale(language: Language): string {
  return LOCALES[language];
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** "12.500" KWD → "12.500 د.ك" in Arabic, "KWD 12.500" in English. A malformed amount is shown as it came. */
export function formatAmount(amount: string, currency: string, language: Language): string {
  if (!DECIMAL.test(amount)) return `${amount} ${currency}`;
  const fractionDigits = amount.includes('.') ? amount.length - amount.indexOf('.') - 1 : 0;
  const formatter = new Intl.NumberFormat(formatLocale(language), { style: 'currency', currency });
  const { minimumFractionDigits = 0 } = formatter.resolvedOptions();
  // Never round: show at least the currency's decimals, and more if the API sent more.
  const exact = new Intl.NumberFormat(formatLocale(language), {
    style: 'currency',
    currency,
    minimumFractionDigits,
    maximumFractionDigits: Math.max(minimumFractionDigits, fractionDigits),
  });
  // CLDR writes the dinar "د.ك.", with a full stop that doubles up at the end of a sentence ("د.ك..") and that the
  // PDFs and SMS do not have: one spelling everywhere, "د.ك".
  return exact.format(amount as `${number}`).replace(/د\.ك\.(?!\p{L})/u, 'د.ك');
}

export function formatNumber(value: number | bigint | string, language: Language): string {
  if (typeof value === 'string' && !DECIMAL.test(value)) return value;
  return new Intl.NumberFormat(formatLocale(language), { maximumFractionDigits: 20 }).format(value as number | bigint | `${number}`);
}

/** A date-only value ("2025-01-31") is a calendar day, not an instant: read and shown in UTC so it never shifts. */
function toDate(value: string | Date): { date: Date; dateOnly: boolean } | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { date: value, dateOnly: false };
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : { date, dateOnly };
}

export function formatDate(value: string | Date, language: Language, options: { withTime?: boolean } = {}): string {
  const parsed = toDate(value);
  if (!parsed) return String(value);
  return new Intl.DateTimeFormat(withCalendar(formatLocale(language), 'gregory'), {
    dateStyle: 'long',
    ...(options.withTime && !parsed.dateOnly ? { timeStyle: 'short' } : {}),
    timeZone: parsed.dateOnly ? 'UTC' : PORTAL_TIME_ZONE,
  }).format(parsed.date);
}

/** The same day in the Umm al-Qura calendar, as printed beside the Gregorian date on official papers. */
export function formatHijriDate(value: string | Date, language: Language): string {
  const parsed = toDate(value);
  if (!parsed) return String(value);
  return new Intl.DateTimeFormat(withCalendar(formatLocale(language), 'islamic-umalqura'), {
    dateStyle: 'long',
    timeZone: parsed.dateOnly ? 'UTC' : PORTAL_TIME_ZONE,
  }).format(parsed.date);
}

/** Adds a calendar to a BCP 47 tag that may already carry a `-u-` extension. */
export function withCalendar(locale: string, calendar: string): string {
  return locale.includes('-u-') ? `${locale}-ca-${calendar}` : `${locale}-u-ca-${calendar}`;
}

/** A billing period ("2026-10") as people say it: "أكتوبر 2026", "October 2026". */
export function formatPeriod(period: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 15));
  return new Intl.DateTimeFormat(withCalendar(formatLocale(language), 'gregory'), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
