import { defineErrors } from '../../platform/errors/define.js';

export const billingErrors = defineErrors({
  bill_run_period_invalid: { status: 400, ar: 'الفترة غير صحيحة. اكتبها مثل 2026-11.', en: 'The period is not valid. Write it like 2026-11.' },
  bill_run_future_period: { status: 422, ar: 'لا يمكن إصدار فواتير لفترة لم تنته بعد.', en: 'Bills cannot be run for a period that has not ended yet.' },
  bill_run_biller_invalid: { status: 400, ar: 'هذه الجهة لا تصدر فواتير استهلاك.', en: 'This biller does not issue consumption bills.' },
  bill_run_in_progress: { status: 409, ar: 'عملية إصدار الفواتير لهذه الفترة قيد التشغيل حالياً.', en: 'The bill run for this period is already running.' },
  bill_run_not_found: { status: 404, ar: 'عملية إصدار الفواتير غير موجودة.', en: 'The bill run was not found.' },
  bill_run_lease_lost: { status: 409, ar: 'تولت عملية أخرى إصدار فواتير هذه الفترة.', en: 'Another process took over this bill run.' },
  bill_not_found: { status: 404, ar: 'الفاتورة غير موجودة.', en: 'The bill was not found.' },
  bill_pdf_unavailable: { status: 503, ar: 'نسخة PDF من الفاتورة غير متاحة حالياً.', en: 'The PDF of the bill is not available at the moment.' },
  // Per-account bill run failures (recorded on the run, not answered over HTTP).
  bill_currency_mismatch: { status: 422, ar: 'عملة التعرفة تختلف عن عملة الجهة المصدرة للفاتورة.', en: "The tariff's currency is not the biller's currency." },
  bill_meter_missing: { status: 422, ar: 'الحساب ليس له عداد فعال.', en: 'The account has no active meter.' },
});
