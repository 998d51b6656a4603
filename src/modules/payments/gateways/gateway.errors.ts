import { defineErrors } from '../../../platform/errors/define.js';

// Codes shared by every card gateway adapter. Statuses: what the customer or caller did wrong is 4xx; what the
// gateway did wrong (unreachable, refused us, answered about something else) is 502/503; our own set-up is 500.
export const gatewayErrors = defineErrors({
  gateway_config_invalid: { status: 500, ar: 'إعدادات بوابة الدفع غير صحيحة.', en: 'The payment gateway is not configured correctly.' },
  gateway_track_id_invalid: {
    status: 400,
    ar: 'رقم تتبع الدفعة غير صحيح: حتى 40 حرفاً أو رقماً لاتينياً فقط.',
    en: 'The payment track id is not valid: up to 40 Latin letters or digits only.',
  },
  gateway_udf_invalid: {
    status: 400,
    ar: 'حقل إضافي للدفعة غير صحيح: لا يقبل @ أو / أو & أو أسطر جديدة، وحتى 255 حرفاً.',
    en: 'An extra payment field is not valid: no @, /, & or line breaks, and at most 255 characters.',
  },
  gateway_amount_invalid: { status: 400, ar: 'مبلغ الدفعة غير مقبول لدى بوابة الدفع.', en: 'The payment amount is not accepted by the payment gateway.' },
  gateway_currency_unsupported: { status: 400, ar: 'بوابة الدفع لا تقبل هذه العملة.', en: 'The payment gateway does not accept this currency.' },
  gateway_url_invalid: { status: 500, ar: 'عنوان العودة من بوابة الدفع غير صحيح.', en: 'The payment gateway return address is not valid.' },
  gateway_response_invalid: {
    status: 400,
    ar: 'رد بوابة الدفع غير صالح أو تم العبث به.',
    en: 'The payment gateway response is not valid or has been tampered with.',
  },
  gateway_response_mismatch: {
    status: 502,
    ar: 'رد بوابة الدفع لا يطابق الدفعة المطلوبة.',
    en: 'The payment gateway answered about a different payment or amount.',
  },
  gateway_inquiry_rejected: { status: 502, ar: 'رفضت بوابة الدفع طلب الاستعلام.', en: 'The payment gateway refused the inquiry.' },
  gateway_unavailable: {
    status: 503,
    ar: 'تعذر الاتصال ببوابة الدفع. حاول مرة أخرى بعد قليل.',
    en: 'The payment gateway could not be reached. Try again shortly.',
  },
});
