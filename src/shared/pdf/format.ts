// Small formatting helpers shared by the documents. Digits are Latin (0-9) in both languages, as on the amounts
// the rest of the platform shows; Arabic documents isolate them (bidi.ts) so they read left to right.
import { formatAmount } from '../money.js';
import { formatHijri } from '../hijri.js';

export type DocumentLanguage = 'ar' | 'en';

/** Text in both languages, as every name and label a biller gives us. */
export interface Bilingual {
  ar: string;
  en: string;
}

const CURRENCY_NAMES: Record<string, Bilingual> = {
  KWD: { ar: 'د.ك', en: 'KWD' },
  SAR: { ar: 'ر.س', en: 'SAR' },
  SYP: { ar: 'ل.س', en: 'SYP' },
  BHD: { ar: 'د.ب', en: 'BHD' },
  OMR: { ar: 'ر.ع', en: 'OMR' },
  JOD: { ar: 'د.أ', en: 'JOD' },
  USD: { ar: 'دولار', en: 'USD' },
};

export function currencyName(currency: string, language: DocumentLanguage): string {
  return CURRENCY_NAMES[currency]?.[language] ?? currency;
}

/** "12.500 د.ك" / "KWD 12.500": the amount from money.ts's formatAmount, the currency as a reader expects it. */
export function formatMoney(minor: bigint, currency: string, language: DocumentLanguage): string {
  const amount = formatAmount(minor, currency);
  return language === 'ar' ? `${amount} ${currencyName(currency, 'ar')}` : `${currencyName(currency, 'en')} ${amount}`;
}

const QUANTITY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** Meter quantities with thousands separators: 12,345. */
export function formatQuantity(value: number | bigint): string {
  return QUANTITY.format(value);
}

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-11-28 · 18 جمادى الآخرة 1448 هـ": a calendar day, then its Hijri date. */
export function formatDayWithHijri(day: string, language: DocumentLanguage): string {
  if (!CALENDAR_DAY.test(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  return `${day} · ${formatHijri(day, language)}`;
}


/** "2026-11-21 14:05" in the business time zone (Kuwait). */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** An instant with its Hijri day (of the same business day). */
export function formatDateTimeWithHijri(at: Date, language: DocumentLanguage, timeZone: string): string {
  return `${formatLocalDateTime(at, timeZone)} · ${formatHijri(at, language, { timeZone })}`;
}

/** A value given either once for both languages (an id, a place code) or in both languages. */
export type Localized = string | Bilingual;

export function localize(value: Localized, language: DocumentLanguage): string {
  return typeof value === 'string' ? value : value[language];
}
