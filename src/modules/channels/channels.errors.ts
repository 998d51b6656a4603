import { defineErrors } from '../../platform/errors/define.js';

// Refusals of the bank and switch API. Each is audited (channels.audit.ts) with the same code.
export const channelsErrors = defineErrors({
  channel_bank_not_allowed: { status: 403, ar: 'هذا البنك غير مخوّل بالتحصيل لهذه الجهة.', en: 'This bank may not collect for this biller.' },
  channel_currency_mismatch: { status: 400, ar: 'عملة الدفعة لا تطابق عملة الفاتورة.', en: 'The payment currency is not the currency of the bill.' },
  channel_notification_conflict: { status: 409, ar: 'رقم عملية البنك مستخدم سابقاً ببيانات مختلفة.', en: 'This bank transaction id was already used with different details.' },
  channel_payment_unknown: { status: 404, ar: 'لا توجد دفعة من هذا البنك بهذا الرقم.', en: 'This bank notified no payment with this transaction id.' },
  channel_reversal_window_closed: { status: 409, ar: 'انتهت مهلة عكس هذه الدفعة.', en: 'The time allowed to reverse this payment has passed.' },
  channel_already_reversed: { status: 409, ar: 'تم عكس هذه الدفعة سابقاً.', en: 'This payment was already reversed.' },
  channel_message_invalid: { status: 400, ar: 'رسالة المحوّل غير صالحة.', en: 'The switch message is not valid.' },
  channel_message_malformed: { status: 400, ar: 'رسالة المحوّل ليست XML سليماً.', en: 'The switch message is not well-formed XML.' },
  channel_message_too_large: { status: 413, ar: 'رسالة المحوّل أكبر من المسموح.', en: 'The switch message is larger than allowed.' },
  channel_xml_doctype_refused: { status: 400, ar: 'رسالة المحوّل تعرّف نوع مستند أو كيانات، وهذا مرفوض.', en: 'The switch message declares a document type or entities, which is refused.' },
  channel_namespace_unknown: { status: 400, ar: 'رسالة المحوّل من نوع أو مساحة أسماء غير معروفة.', en: 'The switch message has an unknown root element or namespace.' },
  channel_message_type_unknown: { status: 400, ar: 'نوع رسالة المحوّل غير معروف.', en: 'The switch message type is not known.' },
});
