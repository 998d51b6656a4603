import { useLanguage } from '../i18n/index.js';
import { formatDate, formatHijriDate } from '../i18n/format.js';

/** A Gregorian date, with the Umm al-Qura (Hijri) date beside it when asked. */
export function DateText({ value, withHijri = false, withTime = false }: { value: string; withHijri?: boolean; withTime?: boolean }) {
  const { language } = useLanguage();
  return (
    <span>
      <time dateTime={value}>{formatDate(value, language, { withTime })}</time>
      {withHijri && <span className="text-slate-600"> ({formatHijriDate(value, language)})</span>}
    </span>
  );
}
