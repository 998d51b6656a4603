// A failed call, told to the person in their language with what to do next. Never a raw code or stack: an error
// that is not an ApiError (a bug in the page) is shown as the generic "something went wrong".
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, fallbackError } from '../api/index.js';
import { useLanguage } from '../i18n/index.js';
import { Button } from './Button.js';

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : fallbackError(-1);
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const apiError = toApiError(error);
  const step = apiError.nextStep;
  return (
    <div role="alert" className="rounded-lg border-s-4 border-red-700 bg-red-50 p-4 text-red-950">
      <p className="font-bold">{apiError.messageIn(language)}</p>
      {step === 'sign_in' && (
        <p className="mt-2">
          <Link to="/sign-in" className="font-bold text-brand-800 underline">
            {t('errors.next.signIn')}
          </Link>
        </p>
      )}
      {step === 'wait' && <p className="mt-2">{t('errors.next.wait')}</p>}
      {step === 'retry' && (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <p>{t('errors.next.retry')}</p>
          {onRetry && (
            <Button variant="secondary" onClick={onRetry}>
              {t('errors.retry')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
