import { defineErrors } from '../../platform/errors/define.js';

export const billersErrors = defineErrors({
  biller_not_found: { status: 404, ar: 'الجهة المفوترة غير معروفة.', en: 'The biller is not known.' },
  payable_not_found: { status: 404, ar: 'المستحق غير موجود.', en: 'The payable was not found.' },
  payable_already_paid: { status: 409, ar: 'هذا المستحق مدفوع بالكامل.', en: 'This payable is already paid in full.' },
  payable_cancelled: { status: 409, ar: 'هذا المستحق ملغى.', en: 'This payable has been cancelled.' },
  payable_not_payable_online: { status: 409, ar: 'لا يمكن دفع هذا المستحق إلكترونياً.', en: 'This payable cannot be paid online.' },
  payable_overpaid: { status: 409, ar: 'المبلغ أكبر من المستحق.', en: 'The amount is more than what is due.' },
  payable_conflict: { status: 409, ar: 'يوجد مستحق بنفس المرجع ببيانات مختلفة.', en: 'A payable with the same reference exists with different details.' },
});
