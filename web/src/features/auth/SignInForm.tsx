// Sign-in for citizens (civil ID) and, with `as=staff`, for staff (username). Same form, same errors.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextField } from '../../components/TextField.js';
import { ApiError } from '../../api/index.js';
import { useLanguage } from '../../i18n/index.js';
import { normaliseNumberInput } from '../../lib/digits.js';
import { useSession } from './session.js';

export type SignInMode = 'citizen' | 'staff';

export function SignInForm({ mode, onSignedIn }: { mode: SignInMode; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const { language } = useLanguage();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  // Staff with an authenticator: the server answers `second_factor_required` to the password, then the form asks
  // for the app's code and sends the three together.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<{ identifier?: boolean; password?: boolean; code?: boolean }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = mode === 'citizen' ? 'civilId' : 'username';

  // Wrong credentials (401) are told at the password, a malformed civil ID (400) at its box; neither needs the
  // generic "sign in, then try again" link, which would only send the person to this same form.
  // A wrong code answers like a wrong password (login_failed): it is told at the code once the code is asked for.
  const errorAtField = error instanceof ApiError
    ? (error.status === 401 ? (askCode ? 'code' : 'password') : error.status === 400 ? 'identifier' : null)
    : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = mode === 'citizen' ? normaliseNumberInput(identifier) : identifier.trim();
    const typedCode = normaliseNumberInput(code);
    const problems = { identifier: !id, password: !password, code: askCode && !typedCode };
    setMissing(problems);
    if (problems.identifier || problems.password || problems.code) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(mode === 'citizen' ? { civilId: id, password } : { username: id, password, ...(askCode ? { code: typedCode } : {}) });
      onSignedIn();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'second_factor_required') {
        setAskCode(true);
        setError(null);
        setBusy(false);
        return;
      }
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-busy={busy}>
      {error !== null && !errorAtField && <ErrorNotice error={error} />}
      <TextField
        label={t(`signIn.${field}`)}
        hint={t(`signIn.${field}Hint`)}
        name={field}
        inputMode={mode === 'citizen' ? 'numeric' : 'text'}
        autoComplete="username"
        autoCapitalize="none"
        value={identifier}
        onChange={(e) => setIdentifier(e.target.value)}
        error={missing.identifier ? t(`signIn.${field}Missing`) : errorAtField === 'identifier' ? (error as ApiError).messageIn(language) : undefined}
      />
      <TextField
        label={t('signIn.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={missing.password ? t('signIn.passwordMissing') : errorAtField === 'password' ? (error as ApiError).messageIn(language) : undefined}
      />
      {askCode && (
        <TextField
          label={t('signIn.code')}
          hint={t('signIn.codeHint')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={missing.code ? t('signIn.codeMissing') : errorAtField === 'code' ? (error as ApiError).messageIn(language) : undefined}
        />
      )}
      <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:self-start">
        {busy ? t('signIn.submitting') : t('signIn.submit')}
      </Button>
    </form>
  );
}
