// Which messages the citizen receives, by topic and channel, which phones get SMS (turning a phone off is the
// same as replying STOP), and the language they are written in: set here only, never by the page's language
// button. Saved together; only what moved is sent.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading } from '../components/Layout.js';
import { PageLoading } from '../components/PageLoading.js';
import { Section } from '../components/Section.js';
import { usePageTitle } from '../components/page-title.js';
import { CATEGORIES, CHANNELS, changesBetween, fetchPreferences, saveMessageLanguage, savePreferences, type Preferences } from '../features/notifications/preferences.api.js';
import { useAsync } from '../lib/use-async.js';

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  usePageTitle('notifications.title');
  const loaded = useAsync((signal) => fetchPreferences(undefined, signal), []);
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setDraft(loaded.data), [loaded.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || !loaded.data) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      const answer = await savePreferences(changesBetween(loaded.data, draft));
      if (draft.language !== answer.language) await saveMessageLanguage(draft.language);
      loaded.setData({ ...answer, language: draft.language });
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  const setSwitch = (category: (typeof CATEGORIES)[number], channel: (typeof CHANNELS)[number], on: boolean) =>
    setDraft((d) => d && { ...d, preferences: { ...d.preferences, [category]: { ...d.preferences[category], [channel]: on } } });

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('notifications.title')} lead={t('notifications.lead')} />
      {loaded.status === 'failed' && <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      {!draft && loaded.status === 'loading' && <PageLoading />}
      {draft && (
        <form onSubmit={submit} className="flex flex-col gap-6" aria-busy={saving}>
          <Section title={t('notifications.topicsTitle')}>
            <table className="w-full text-start">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 text-start">{t('notifications.topic')}</th>
                  {CHANNELS.map((channel) => (
                    <th key={channel} scope="col" className="px-2 py-2 text-center">{t(`notifications.channels.${channel}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CATEGORIES.map((category) => (
                  <tr key={category} className="border-b border-slate-100">
                    <th scope="row" className="py-2 text-start font-normal">
                      <span className="font-bold">{t(`notifications.categories.${category}.name`)}</span>
                      <span className="block text-sm text-slate-600">{t(`notifications.categories.${category}.hint`)}</span>
                    </th>
                    {CHANNELS.map((channel) => (
                      <td key={channel} className="px-2 py-2 text-center">
                        <input
                          type="checkbox"
                          className="size-6 accent-brand-800"
                          aria-label={`${t(`notifications.categories.${category}.name`)} — ${t(`notifications.channels.${channel}`)}`}
                          checked={draft.preferences[category]?.[channel] ?? false}
                          onChange={(e) => setSwitch(category, channel, e.target.checked)}
                          data-testid={`pref-${category}-${channel}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title={t('notifications.phonesTitle')}>
            <p className="text-sm text-slate-700">{t('notifications.phonesHint')}</p>
            {draft.phones.length === 0 ? (
              <p>{t('notifications.noPhones')}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {draft.phones.map((phone) => (
                  <li key={phone.phone}>
                    <label className="flex min-h-11 cursor-pointer items-center gap-3">
                      <input
                        type="checkbox"
                        className="size-6 accent-brand-800"
                        checked={phone.sms}
                        onChange={(e) => setDraft((d) => d && { ...d, phones: d.phones.map((p) => (p.phone === phone.phone ? { ...p, sms: e.target.checked } : p)) })}
                        data-testid="phone-sms"
                      />
                      <bdi className="tabular" dir="ltr">{phone.phone}</bdi>
                      <span className="text-sm text-slate-600">{phone.sms ? t('notifications.smsOn') : t('notifications.smsOff')}</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {draft.emails.length > 0 && (
              <p className="text-sm text-slate-700">
                {t('notifications.emails')}: <bdi dir="ltr">{draft.emails.join(', ')}</bdi>
              </p>
            )}
          </Section>
          <Section title={t('notifications.languageTitle')}>
            <fieldset className="flex flex-col gap-2" aria-describedby="message-language-hint">
              <legend className="sr-only">{t('notifications.languageTitle')}</legend>
              <p id="message-language-hint" className="text-sm text-slate-700">{t('notifications.languageNote')}</p>
              {(['ar', 'en'] as const).map((language) => (
                <label key={language} className="flex min-h-11 cursor-pointer items-center gap-3">
                  <input
                    type="radio"
                    name="messageLanguage"
                    value={language}
                    className="size-6 accent-brand-800"
                    checked={draft.language === language}
                    onChange={() => setDraft((d) => d && { ...d, language })}
                    data-testid={`message-language-${language}`}
                  />
                  <span>{t(`notifications.languages.${language}`)}</span>
                </label>
              ))}
            </fieldset>
          </Section>
          {error !== null && <ErrorNotice error={error} />}
          <div className="flex flex-wrap items-center gap-4">
            <Button type="submit" disabled={saving} data-testid="save-preferences">
              {saving ? t('notifications.saving') : t('notifications.save')}
            </Button>
            {saved && (
              <p role="status" className="font-bold text-emerald-900">
                {t('notifications.saved')}
              </p>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
