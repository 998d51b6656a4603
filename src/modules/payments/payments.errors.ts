import { defineErrors } from '../../platform/errors/define.js';

// Payment codes. What the payer asked wrongly is 4xx; a gateway that cannot confirm is 502/503 (gateway.errors.ts).
export const paymentsErrors = defineErrors({
  government_transfer_invalid: { status: 422, ar: 'لا يمكن تسجيل التحويل: يجب أن تكون كل الفواتير فواتير جهات حكومية مفتوحة بعملة واحدة.', en: 'The transfer cannot be recorded: every bill must be an open government account bill, in one currency.' },
  government_transfer_duplicate: { status: 409, ar: 'تم تسجيل هذا التحويل من قبل.', en: 'This transfer has already been recorded.' },
  payment_not_found: { status: 404, ar: 'الدفعة غير موجودة.', en: 'The payment was not found.' },
  payment_items_required: { status: 400, ar: 'اختر مستحقاً واحداً على الأقل أو مبلغاً للتوزيع.', en: 'Choose at least one payable, or an amount to allocate.' },
  payment_items_duplicate: { status: 400, ar: 'المستحق مكرر في الطلب.', en: 'A payable appears twice in the request.' },
  payment_currency_mixed: { status: 400, ar: 'لا يمكن دفع مستحقات بعملات مختلفة في دفعة واحدة.', en: 'Payables in different currencies cannot be paid in one payment.' },
  payment_below_minimum: { status: 409, ar: 'المبلغ أقل من الحد الأدنى للدفع الجزئي.', en: 'The amount is below the minimum partial payment.' },
  payment_partial_not_allowed: { status: 409, ar: 'هذه الجهة لا تقبل الدفع الجزئي لهذا المستحق.', en: 'This biller does not accept partial payment of this payable.' },
  payment_channel_unsupported: { status: 400, ar: 'قناة الدفع غير مدعومة.', en: 'The payment channel is not supported.' },
  payment_gateway_not_configured: { status: 503, ar: 'الدفع الإلكتروني غير متاح حالياً.', en: 'Card payment is not available at the moment.' },
  payment_not_refundable: { status: 409, ar: 'لا يمكن استرداد هذه الدفعة.', en: 'This payment cannot be refunded.' },
  payment_already_refunded: { status: 409, ar: 'تم استرداد هذه الدفعة سابقاً.', en: 'This payment was already refunded.' },
  payment_callback_unknown: { status: 404, ar: 'رد بوابة الدفع لا يخص أي دفعة معروفة.', en: 'The gateway response is about no known payment.' },
  nothing_due: { status: 409, ar: 'لا توجد مستحقات مفتوحة لهذا البحث.', en: 'Nothing is due for this look-up.' },
  lookup_required: { status: 400, ar: 'أدخل الرقم المدني أو رقم الحساب أو رقم العداد أو رقم اللوحة.', en: 'Enter a civil ID, an account number, a meter number or a plate number.' },
  receipt_not_found: { status: 404, ar: 'الإيصال غير موجود.', en: 'The receipt was not found.' },
  refund_reason_required: { status: 400, ar: 'اكتب سبب الاسترداد.', en: 'Give a reason for the refund.' },
  refund_not_found: { status: 404, ar: 'عملية الاسترداد غير موجودة.', en: 'The refund was not found.' },
  refund_in_progress: { status: 409, ar: 'هناك استرداد لهذه الدفعة بانتظار رد بوابة الدفع. أكّده أولاً.', en: 'A refund of this payment is waiting for the payment gateway\'s answer. Confirm it first.' },
  payment_counter_needs_drawer: { status: 409, ar: 'النقد في الكاونتر يُسجَّل عبر درج نقدية مفتوح (صفحة الكاونتر).', en: 'Cash at a counter is taken through an open cash drawer (the counter page).' },
  refund_nothing_to_refund: { status: 409, ar: 'لا توجد دفعات مسجلة لهذا المستحق يمكن استردادها.', en: 'There is no posted payment on this payable to refund.' },
});
