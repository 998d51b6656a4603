// Error codes of the email adapter. Every failed send carries `details.retryable`: a refusal by the mail server
// (SMTP 5xx) is permanent, sending the same message again would be refused again, so dead-letter it; a temporary
// refusal (4xx), a relay that cannot be reached, times out or refuses our login is retryable.
import { AppError } from '../../../platform/errors/app-error.js';
import { defineErrors } from '../../../platform/errors/define.js';

export const emailErrors = defineErrors({
  email_refused: { status: 502, ar: 'رفض خادم البريد هذه الرسالة.', en: 'The mail server refused this message.' },
  email_deferred: { status: 503, ar: 'أجّل خادم البريد استلام الرسالة مؤقتاً. ستُعاد المحاولة.', en: 'The mail server temporarily deferred this message. It will be retried.' },
  email_relay_unavailable: { status: 503, ar: 'تعذر الاتصال بخادم البريد. ستُعاد المحاولة.', en: 'The mail server could not be reached. It will be retried.' },
  email_relay_auth_failed: { status: 503, ar: 'رفض خادم البريد بيانات الدخول. راجع الإعدادات.', en: 'The mail server refused our credentials. Check the configuration.' },
});

export type EmailErrorCode = 'email_refused' | 'email_deferred' | 'email_relay_unavailable' | 'email_relay_auth_failed';

/** True when the failed send may succeed if tried again later; false when the mail server refused the message. */
export function isRetryableEmailError(error: unknown): boolean {
  return error instanceof AppError && error.details.retryable === true;
}
