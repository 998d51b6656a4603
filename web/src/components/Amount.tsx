import { useLanguage } from '../i18n/index.js';
import { formatAmount } from '../i18n/format.js';

/** An amount from the API ("12.500") in the person's language, isolated so it never reorders the text around it. */
export function Amount({ value, currency, className = '' }: { value: string; currency: string; className?: string }) {
  const { language } = useLanguage();
  return <bdi className={`tabular whitespace-nowrap ${className}`}>{formatAmount(value, currency, language)}</bdi>;
}
