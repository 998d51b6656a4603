// Error codes of the SMS adapter. Every failure of a send carries `details.retryable`: true when the same message
// may succeed later (connection lost, SMS centre busy or throttling, timed out), false when sending it again would
// be refused again (bad number, message refused by the SMS centre). The outbox worker retries or dead-letters on it.
import { AppError } from '../../../platform/errors/app-error.js';
import { defineErrors } from '../../../platform/errors/define.js';

export const smsErrors = defineErrors({
  sms_connection_lost: { status: 503, ar: 'انقطع الاتصال بمركز الرسائل قبل تأكيد الإرسال. ستُعاد المحاولة.', en: 'The connection to the SMS centre was lost before the message was confirmed. It will be retried.' },
  sms_send_timeout: { status: 503, ar: 'لم يؤكد مركز الرسائل استلام الرسالة في الوقت المحدد.', en: 'The SMS centre did not confirm the message in time.' },
  sms_centre_busy: { status: 503, ar: 'مركز الرسائل مشغول مؤقتاً. ستُعاد المحاولة.', en: 'The SMS centre is temporarily busy. It will be retried.' },
  sms_rejected: { status: 502, ar: 'رفض مركز الرسائل هذه الرسالة.', en: 'The SMS centre refused this message.' },
  sms_sender_closed: { status: 503, ar: 'خدمة إرسال الرسائل النصية متوقفة.', en: 'The SMS sender has been shut down.' },
  sms_too_long: { status: 400, ar: 'الرسالة النصية أطول من الحد المسموح.', en: 'The text message is too long.' },
  sms_sender_invalid: { status: 400, ar: 'اسم المرسل غير صالح للرسائل النصية.', en: 'The sender name is not valid for text messages.' },
});

export type SmsErrorCode =
  | 'sms_connection_lost'
  | 'sms_send_timeout'
  | 'sms_centre_busy'
  | 'sms_rejected'
  | 'sms_sender_closed'
  | 'sms_too_long'
  | 'sms_sender_invalid';

export function smsError(code: SmsErrorCode, retryable: boolean, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, { ...details, retryable });
}

/** True when the failed send may succeed if tried again later; false for permanent refusals and bad input. */
export function isRetryableSmsError(error: unknown): boolean {
  return error instanceof AppError && error.details.retryable === true;
}
