// The switch names the other language in that language ("English" on Arabic pages, "العربية" on English ones),
// the way people look for it. Switching keeps the person on the same page: only <html lang dir> and the words change.
// A signed-in citizen's choice is also saved on their record (PUT /api/v1/me/language), so the SMS and emails that
// follow speak the same language as the portal.
import { answer, api } from '../api/index.js';
import { useSession } from '../features/auth/session.js';
import { useLanguage } from '../i18n/index.js';
import { otherLanguage, type Language } from '../i18n/language.js';

const NAMES = { ar: 'العربية', en: 'English' } as const;
const LABELS = { ar: 'التبديل إلى العربية', en: 'Switch to English' } as const;

/** Saves the choice for messages; a failure changes nothing on screen (the portal's own choice is already made). */
export async function saveMessageLanguage(language: Language, client = api): Promise<boolean> {
  try {
    await answer(client.PUT('/api/v1/me/language', { body: { language } }));
    return true;
  } catch {
    return false;
  }
}

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const { session } = useSession();
  const next = otherLanguage(language);
  return (
    <button
      type="button"
      lang={next}
      aria-label={LABELS[next]}
      onClick={() => {
        setLanguage(next);
        if (session.status === 'signed-in' && session.user.kind === 'person') void saveMessageLanguage(next);
      }}
      data-testid="language-switch"
      className="inline-flex min-h-11 items-center rounded-lg border border-white/70 px-4 font-bold text-white hover:bg-white/10"
    >
      {NAMES[next]}
    </button>
  );
}
