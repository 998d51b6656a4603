// What the portal shows when a call fails. The API's error body is `{code, message: {ar, en}}`; the person sees
// the message in their language and a next step, never the code or a stack. When there is no such body (the
// network is down, a proxy answered) the portal uses its own words, chosen by what went wrong.
import type { ApiErrorBody, LocalisedText } from './types.js';

/** What the person can do about it; the portal turns this into a sentence, a sign-in link or a retry button. */
export type NextStep = 'correct_input' | 'sign_in' | 'wait' | 'retry' | 'none';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localised: LocalisedText;
  readonly nextStep: NextStep;
  readonly details: Record<string, unknown>;

  constructor(input: { status: number; code: string; message: LocalisedText; details?: Record<string, unknown> }) {
    super(`${input.code} (${input.status}): ${input.message.en}`);
    this.name = 'ApiError';
    this.status = input.status;
    this.code = input.code;
    this.localised = input.message;
    this.details = input.details ?? {};
    this.nextStep = nextStepFor(input.status);
  }

  messageIn(language: 'ar' | 'en'): string {
    return this.localised[language] || this.localised.ar || this.localised.en;
  }
}

export function nextStepFor(status: number): NextStep {
  if (status === 0) return 'retry';
  if (status === 401) return 'sign_in';
  if (status === 429) return 'wait';
  if (status >= 500) return 'retry';
  if (status === 400 || status === 404 || status === 409 || status === 422) return 'correct_input';
  return 'none';
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'object' || message === null) return false;
  const { ar, en } = message as { ar?: unknown; en?: unknown };
  return typeof ar === 'string' && typeof en === 'string';
}

// The portal's own words for failures that come without the API's body.
const FALLBACK: Record<string, LocalisedText> = {
  network_unavailable: {
    ar: 'تعذر الاتصال بخدمة تسديد. تحقق من اتصالك بالإنترنت ثم حاول مرة أخرى.',
    en: 'Tasdeed could not be reached. Check your internet connection and try again.',
  },
  unauthenticated: { ar: 'يجب تسجيل الدخول أولاً.', en: 'You need to sign in first.' },
  forbidden: { ar: 'ليست لديك صلاحية لهذا الإجراء.', en: 'You do not have permission to do this.' },
  not_found: { ar: 'لم يتم العثور على المطلوب.', en: 'Not found.' },
  rate_limited: { ar: 'طلبات كثيرة. انتظر قليلاً ثم حاول مرة أخرى.', en: 'Too many requests. Wait a moment and try again.' },
  service_unavailable: {
    ar: 'الخدمة غير متاحة مؤقتاً. حاول مرة أخرى بعد قليل.',
    en: 'The service is temporarily unavailable. Try again in a few minutes.',
  },
  unexpected_response: { ar: 'حدث خطأ غير متوقع. حاول مرة أخرى لاحقاً.', en: 'Something went wrong. Try again later.' },
};

export function fallbackError(status: number): ApiError {
  const code =
    status === 0
      ? 'network_unavailable'
      : status === 401
        ? 'unauthenticated'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not_found'
            : status === 429
              ? 'rate_limited'
              : status >= 500
                ? 'service_unavailable'
                : 'unexpected_response';
  return new ApiError({ status, code, message: FALLBACK[code]! });
}

/** A failed answer as the person sees it: the API's own words when it sent its error body, the portal's otherwise. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) return new ApiError({ status, code: body.code, message: body.message, details: body.details });
  return fallbackError(status);
}

/** The network or the server did not answer (no response, or a gateway's 502/503/504): the page may work offline. */
export function isUnreachable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}
