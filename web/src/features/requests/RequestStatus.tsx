// A request's status in words on a tint (never colour alone), and its type's name in the reader's language.
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Section.js';
import { useLanguage } from '../../i18n/index.js';
import type { RequestType } from './requests.api.js';

const TONES = { submitted: 'neutral', accepted: 'neutral', scheduled: 'warn', in_progress: 'warn', done: 'good', rejected: 'bad' } as const;

export function RequestStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = TONES[status as keyof typeof TONES] ?? 'neutral';
  return (
    <span data-testid="request-status" data-status={status}>
      <Badge tone={tone}>{t(`requests.status.${status}`, { defaultValue: status })}</Badge>
    </span>
  );
}

/** The type's name from the types list, or its code while the list has not arrived. */
export function useTypeName(types: readonly RequestType[] | null | undefined): (code: string) => string {
  const { language } = useLanguage();
  return (code) => {
    const type = types?.find((x) => x.code === code);
    return type ? (language === 'ar' ? type.nameAr : type.nameEn) : code;
  };
}
