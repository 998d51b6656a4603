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
  // Counters (cashiers at an office): each refusal is audited with its code (counter.audit.ts), nothing written.
  counter_office_unknown: { status: 404, ar: 'المكتب غير موجود.', en: 'The office was not found.' },
  counter_office_exists: { status: 409, ar: 'يوجد مكتب بهذا الرمز.', en: 'An office with this code already exists.' },
  counter_unknown: { status: 404, ar: 'الكاونتر غير موجود في هذا المكتب.', en: 'The counter was not found at this office.' },
  counter_exists: { status: 409, ar: 'يوجد كاونتر بهذا الرمز في المكتب.', en: 'A counter with this code already exists at the office.' },
  counter_not_bound: { status: 403, ar: 'حسابك غير مرتبط بهذا المكتب.', en: 'Your account is not bound to this office.' },
  counter_busy: { status: 409, ar: 'يوجد درج نقدية مفتوح على هذا الكاونتر.', en: 'A cash drawer is already open at this counter.' },
  counter_drawer_already_open: { status: 409, ar: 'لديك درج نقدية مفتوح.', en: 'You already have an open cash drawer.' },
  counter_no_open_drawer: { status: 409, ar: 'افتح درج النقدية أولاً.', en: 'Open your cash drawer first.' },
  counter_drawer_unknown: { status: 404, ar: 'درج النقدية غير موجود.', en: 'The cash drawer was not found.' },
  counter_drawer_already_closed: { status: 409, ar: 'تم إغلاق درج النقدية هذا من قبل.', en: 'This cash drawer was already closed.' },
  counter_drawer_closed: { status: 409, ar: 'درج النقدية لهذه الدفعة مغلق.', en: "This payment's cash drawer is already closed." },
  counter_tender_mismatch: { status: 422, ar: 'مجموع وسائل الدفع لا يساوي المبلغ المطلوب.', en: 'The tenders do not add up to the amount.' },
  counter_tender_currency: { status: 400, ar: 'عملة الدفعة لا تطابق عملة درج النقدية.', en: 'The payment currency is not the currency of the cash drawer.' },
  counter_replay_conflict: { status: 409, ar: 'رقم الدفعة مستخدم سابقاً ببيانات مختلفة.', en: 'This counter payment id was already used with different details.' },
  counter_payment_unknown: { status: 404, ar: 'دفعة الكاونتر غير موجودة.', en: 'The counter payment was not found.' },
  counter_payment_already_voided: { status: 409, ar: 'تم إلغاء هذه الدفعة من قبل.', en: 'This counter payment was already voided.' },
  counter_void_not_same_day: { status: 409, ar: 'يمكن إلغاء دفعات اليوم نفسه فقط.', en: 'Only a payment taken today can be voided.' },
  counter_day_closed: { status: 409, ar: 'تم إقفال يوم هذا المكتب.', en: "This office's day is already closed." },
  counter_drawers_open: { status: 409, ar: 'لا يمكن إقفال اليوم وأدراج النقدية مفتوحة.', en: 'The day cannot be closed while cash drawers are open.' },
});
