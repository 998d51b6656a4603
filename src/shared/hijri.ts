// Hijri (Umm al-Qura) dates beside Gregorian ones on bills and receipts, from Node's ICU: no tables of our own.
//
// A calendar day ("2026-11-21", as bills carry due dates) is formatted as that day. An instant (a Date, as a
// receipt's time of payment) is first placed in the business time zone (Asia/Kuwait unless TZ_BUSINESS says
// otherwise), so a payment at 01:00 in Kuwait is dated by Kuwait's day, not by UTC's.

export type HijriLanguage = 'ar' | 'en';

export interface HijriOptions {
  /** Digits for Arabic output: 'latn' (0-9, as the rest of our documents) or 'arab' (٠-٩). Default 'latn'. */
  numerals?: 'latn' | 'arab';
  /** Time zone for instants. Default: TZ_BUSINESS or Asia/Kuwait. */
  timeZone?: string;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "11 جمادى الآخرة 1448 هـ" / "11 Jumada II 1448 AH" for 2026-11-21. */
export function formatHijri(date: Date | string, language: HijriLanguage, options: HijriOptions = {}): string {
  const { instant, timeZone } = resolve(date, options);
  const locale = language === 'ar'
    ? `ar-SA-u-ca-islamic-umalqura-nu-${options.numerals ?? 'latn'}`
    : 'en-GB-u-ca-islamic-umalqura-nu-latn';
  return hijriFormatter(locale, timeZone).format(instant);
}

// Building an ICU formatter costs far more than using one; a bill prints three Hijri dates and a bill day prints
// a million bills. Keyed by locale and zone: a handful of entries.
const formatters = new Map<string, Intl.DateTimeFormat>();

function hijriFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The Hijri day, month and year as numbers, for tests and for callers that lay the date out themselves. */
export function hijriParts(date: Date | string, options: Pick<HijriOptions, 'timeZone'> = {}): { year: number; month: number; day: number } {
  const { instant, timeZone } = resolve(date, options);
  const parts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone })
    .formatToParts(instant);
  const pick = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: pick('year'), month: pick('month'), day: pick('day') };
}

function resolve(date: Date | string, options: Pick<HijriOptions, 'timeZone'>): { instant: Date; timeZone: string } {
  if (typeof date === 'string') {
    const match = CALENDAR_DAY.exec(date);
    if (!match) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${date}`);
    const [, year, month, day] = match;
    const instant = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
    if (instant.getUTCDate() !== Number(day) || instant.getUTCMonth() !== Number(month) - 1) {
      throw new RangeError(`not a real day: ${date}`);
    }
    // Noon UTC of that day, read in UTC: the same civil day whatever the server's zone.
    return { instant, timeZone: 'UTC' };
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  // An instant is a day only in a zone: the caller says which (the business zone, TZ_BUSINESS, from its ctx).
  if (!options.timeZone) throw new RangeError('an instant needs its time zone to be a day');
  return { instant: date, timeZone: options.timeZone };
}
