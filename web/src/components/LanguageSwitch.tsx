// The switch names the other language in that language ("English" on Arabic pages, "العربية" on English ones),
// the way people look for it. Switching keeps the person on the same page: only <html lang dir> and the words change.
// It changes the pages only: the language of a citizen's SMS and emails is theirs to set in the message settings
// (someone reading the English pages may still want Arabic texts, or a relative may be switching on their phone).
import { useLanguage } from '../i18n/index.js';
import { otherLanguage } from '../i18n/language.js';

const NAMES = { ar: 'العربية', en: 'English' } as const;
const LABELS = { ar: 'التبديل إلى العربية', en: 'Switch to English' } as const;

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const next = otherLanguage(language);
  return (
    <button
      type="button"
      lang={next}
      aria-label={LABELS[next]}
      onClick={() => setLanguage(next)}
      data-testid="language-switch"
      className="inline-flex min-h-11 items-center rounded-lg border border-white/70 px-4 font-bold text-white hover:bg-white/10"
    >
      {NAMES[next]}
    </button>
  );
}
