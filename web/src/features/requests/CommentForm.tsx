// Adding a comment to a request: the citizen to staff, or staff to the citizen. Both see it in the timeline.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextAreaField } from '../../components/FormFields.js';
import { commentOnRequest } from './requests.api.js';

const MAX = 2000;

export function CommentForm({ requestId, onAdded }: { requestId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = body.trim();
    const found = text === '' ? t('requests.comment.missing') : text.length > MAX ? t('requests.comment.tooLong', { max: MAX }) : null;
    setProblem(found);
    if (found) return;
    setBusy(true);
    setError(null);
    try {
      await commentOnRequest(requestId, text);
      setBody('');
      onAdded();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-busy={busy}>
      {error !== null && <ErrorNotice error={error} />}
      <TextAreaField label={t('requests.comment.label')} name="comment" value={body} maxLength={MAX} onChange={(e) => setBody(e.target.value)} error={problem ?? undefined} />
      <Button type="submit" variant="secondary" disabled={busy} className="self-start" data-testid="add-comment">
        {busy ? t('requests.comment.sending') : t('requests.comment.send')}
      </Button>
    </form>
  );
}
