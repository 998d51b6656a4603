import { defineErrors } from '../../platform/errors/define.js';

export const reportsErrors = defineErrors({
  report_date_invalid: { status: 400, ar: 'التاريخ غير صحيح. اكتبه بالشكل 2026-11-28.', en: 'The date is not valid. Write it as 2026-11-28.' },
  report_range_invalid: {
    status: 400,
    ar: 'الفترة غير صحيحة: يجب أن يسبق تاريخ البداية تاريخ النهاية، وألا تزيد الفترة على 366 يومًا.',
    en: 'The date range is not valid: the start must not be after the end, and the range may cover at most 366 days.',
  },
  report_biller_unknown: { status: 400, ar: 'الجهة المصدرة للفواتير غير معروفة.', en: 'There is no biller with this code.' },
  report_dimension_invalid: {
    status: 400,
    ar: 'التجميع غير صحيح. اختر من: day, channel, biller, office, bank.',
    en: 'The grouping is not valid. Choose from: day, channel, biller, office, bank.',
  },
  demo_not_running: { status: 404, ar: 'هذا الخادم لا يعمل في وضع العرض التجريبي.', en: 'This server is not running the demo.' },
});
