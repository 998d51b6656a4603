// Notification dead letters: messages that stopped being retried, with the reason; an admin sends one again
// once the cause is fixed (a wrong address corrected, the SMS centre back).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { DateText } from '../../components/DateText.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Badge } from '../../components/Section.js';
import { usePageTitle } from '../../components/page-title.js';
import { deadLetters, resendDeadLetter, type DeadLetter } from '../../features/staff/staff.api.js';
import { useAsync } from '../../lib/use-async.js';

function DeadLetterRow({ letter }: { letter: DeadLetter }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; resent: DeadLetter | null; error: unknown }>({ busy: false, resent: null, error: null });
  async function resend() {
    setState({ busy: true, resent: null, error: null });
    try {
      setState({ busy: false, resent: await resendDeadLetter(letter.id), error: null });
    } catch (error) {
      setState({ busy: false, resent: null, error });
    }
  }
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="dead-letter">
      <div className="flex flex-wrap items-center gap-2">
        <Badge>{t(`notifications.channels.${letter.channel}`)}</Badge>
        <span className="font-bold">{t(`deadLetters.topics.${letter.topic.replace('.', '_')}`, { defaultValue: letter.topic })}</span>
        <bdi dir="ltr" className="tabular text-sm">{letter.address}</bdi>
      </div>
      <p className="text-sm text-slate-700">
        {t('deadLetters.attempts', { count: letter.attempts })} · <DateText value={letter.updatedAt} withTime />
      </p>
      {(letter.lastError || letter.lastErrorCode) && (
        <p className="text-sm">
          {t('deadLetters.reason')}: <bdi dir="ltr">{letter.lastError ?? letter.lastErrorCode}</bdi>
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-sm font-bold text-brand-800">{t('deadLetters.showMessage')}</summary>
        <p lang={letter.language} dir={letter.language === 'ar' ? 'rtl' : 'ltr'} className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-3 text-sm">
          {letter.subject && <strong className="block">{letter.subject}</strong>}
          {letter.body}
        </p>
      </details>
      {state.error !== null && <ErrorNotice error={state.error} />}
      {state.resent ? (
        <p role="status" className="font-bold text-emerald-900">{t('deadLetters.resent')}</p>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => void resend()} disabled={state.busy} data-testid="resend">
            {state.busy ? t('deadLetters.resending') : t('deadLetters.resend')}
          </Button>
        </div>
      )}
    </li>
  );
}

export default function DeadLettersPage() {
  const { t } = useTranslation();
  usePageTitle('deadLetters.title');
  const list = useAsync((signal) => deadLetters(undefined, signal), []);
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('deadLetters.title')} lead={t('deadLetters.lead')} />
      <div>
        <Button variant="secondary" onClick={list.reload}>{t('deadLetters.refresh')}</Button>
      </div>
      {list.status === 'failed' && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.data && list.status === 'loading' && <PageLoading />}
      {list.data && list.data.length === 0 && <p className="rounded-lg border border-slate-200 bg-white p-5">{t('deadLetters.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="flex flex-col gap-3">
          {list.data.map((letter) => <DeadLetterRow key={letter.id} letter={letter} />)}
        </ul>
      )}
    </div>
  );
}
