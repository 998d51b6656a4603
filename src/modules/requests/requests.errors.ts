import { defineErrors } from '../../platform/errors/define.js';

// Every refusal of the requests module. A refusal changes nothing (the caller's transaction rolls back).
export const requestsErrors = defineErrors({
  request_type_unknown: { status: 404, ar: 'نوع الطلب غير موجود.', en: 'The request type does not exist.' },
  request_field_missing: { status: 400, ar: 'حقل مطلوب في نموذج الطلب لم يُعبأ.', en: 'A required field of the request form is missing.' },
  request_field_invalid: { status: 400, ar: 'قيمة حقل في نموذج الطلب غير صحيحة.', en: 'A field of the request form is not valid.' },
  request_attachment_missing: { status: 400, ar: 'مرفق مطلوب لهذا الطلب لم يُرفق.', en: 'An attachment this request requires is missing.' },
  request_attachment_too_large: { status: 413, ar: 'حجم المرفق أكبر من المسموح.', en: 'The attachment is larger than allowed.' },
  request_attachment_type_forbidden: { status: 415, ar: 'نوع ملف المرفق غير مسموح.', en: 'This type of file is not allowed as an attachment.' },
  request_not_found: { status: 404, ar: 'الطلب غير موجود.', en: 'The request was not found.' },
  request_step_not_allowed: { status: 409, ar: 'لا يمكن نقل الطلب إلى هذه المرحلة من حالته الحالية.', en: 'The request cannot move to this step from its current status.' },
  request_fee_unpaid: { status: 409, ar: 'يجب دفع رسوم الطلب قبل بدء العمل.', en: 'The request fee must be paid before work starts.' },
  request_reason_required: { status: 400, ar: 'اذكر سبب رفض الطلب.', en: 'Give the reason for rejecting the request.' },
  request_disputed_bill_not_found: { status: 404, ar: 'لا توجد فاتورة مستحقة بهذا الرقم على هذا الحساب.', en: 'No open bill with this number on this account.' },
  request_adjustment_too_large: { status: 400, ar: 'مبلغ التسوية أكبر من مبلغ الفاتورة.', en: 'The adjustment is larger than the bill.' },
  disconnection_government: { status: 409, ar: 'لا تُفصل الخدمة عن حسابات الجهات الحكومية؛ تُسدد بالإجراءات الحكومية.', en: 'Government accounts are never disconnected: they are settled through government procedures.' },
  disconnection_dispute_open: { status: 409, ar: 'على الحساب اعتراض على فاتورة لم يُبت فيه؛ لا تُفصل الخدمة حتى يُبت فيه.', en: 'A bill dispute on this account is still open: the supply is not cut until it is decided.' },
  disconnection_debt_paid: { status: 409, ar: 'سُددت المبالغ المتأخرة على الحساب؛ لا يُنفذ أمر الفصل.', en: 'The overdue debt on the account was paid: the disconnection order is not carried out.' },
  disconnection_order_not_found: { status: 404, ar: 'أمر العمل غير موجود.', en: 'The work order was not found.' },
  disconnection_order_closed: { status: 409, ar: 'أمر العمل منفذ أو ملغى.', en: 'The work order is already done or cancelled.' },
});
