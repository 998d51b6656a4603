// Citizen sign-in by a one-time code sent by SMS to the phone registered to the civil ID: the way in while the
// password is locked by someone else's guesses, or forgotten. Two steps on one form: the civil ID asks for the code
// (the answer says the same whether or not the civil ID has a phone), then the code signs in. A wrong or expired
// code is told at the code box; the civil ID can be changed and a new code asked for.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextField } from '../../components/TextField.js';
import { ApiError } from '../../api/index.js';
import { useLanguage } from '../../i18n/index.js';
import { normaliseNumberInput } from '../../lib/digits.js';
import { requestSignInCode, signInWithCode } from './auth.api.js';
import { useSession } from './session.js';

const SIX_DIGITS = /^\d{6}$/;

export function SignInCodeForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const { language } = useLanguage();
  const [civilId, setCivilId] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ civilId?: string; code?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  /** Errors the server tells about one box are shown at that box; anything else above the form. */
  function show(caught: unknown, step: 'send' | 'verify') {
    if (!(caught instanceof ApiError) || (caught.status !== 400 && caught.status !== 401)) setError(caught);
    else if (caught.code.startsWith('civil_id') || step === 'send') setProblem({ civilId: caught.messageIn(language) });
    else setProblem({ code: caught.messageIn(language) });
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const id = normaliseNumberInput(civilId);
    setError(null);
    setProblem(id ? {} : { civilId: t('signIn.civilIdMissing') });
    if (!id) return;
    setBusy(true);
    try {
      await requestSignInCode(id);
      setSentTo(id);
      setCode('');
    } catch (caught) {
      show(caught, 'send');
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!sentTo) return;
    const typed = normaliseNumberInput(code);
    setError(null);
    const local = !typed ? t('signInCode.codeMissing') : !SIX_DIGITS.test(typed) ? t('signInCode.codeMalformed') : undefined;
    setProblem(local ? { code: local } : {});
    if (local) return;
    setBusy(true);
    try {
      await signInWithCode({ civilId: sentTo, code: typed });
      await refresh();
      onSignedIn();
    } catch (caught) {
      show(caught, 'verify');
      setBusy(false);
    }
  }

  return (
    <form onSubmit={sentTo ? verify : send} noValidate className="flex flex-col gap-5" aria-busy={busy} data-testid="sign-in-code-form">
      <p className="text-slate-700">{t('signInCode.lead')}</p>
      {error !== null && <ErrorNotice error={error} />}
      <TextField
        label={t('signIn.civilId')}
        hint={t('signIn.civilIdHint')}
        name="civilId"
        inputMode="numeric"
        autoComplete="username"
        value={civilId}
        readOnly={sentTo !== null}
        onChange={(e) => setCivilId(e.target.value)}
        error={problem.civilId}
      />
      {sentTo === null ? (
        <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:self-start" data-testid="send-code">
          {busy ? t('signInCode.sending') : t('signInCode.send')}
        </Button>
      ) : (
        <>
          <p role="status" className="rounded-lg bg-brand-50 p-3 text-slate-900" data-testid="code-sent">
            {t('signInCode.sent')}
          </p>
          <TextField
            label={t('signInCode.code')}
            hint={t('signInCode.codeHint')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={problem.code}
          />
          <div className="flex flex-col gap-3 sm:flex-row">
            <Button type="submit" disabled={busy} className="w-full sm:w-auto" data-testid="verify-code">
              {busy ? t('signIn.submitting') : t('signIn.submit')}
            </Button>
            <Button type="button" variant="secondary" disabled={busy} className="w-full sm:w-auto" onClick={() => { setSentTo(null); setProblem({}); setError(null); }}>
              {t('signInCode.changeOrResend')}
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
