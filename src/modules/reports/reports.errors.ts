import { defineErrors } from '../../platform/errors/define.js';

export const reportsErrors = defineErrors({
  report_date_invalid: { status: 400, ar: 'التاريخ غير صحيح. اكتبه بالشكل 2026-11-28.', en: 'The date is not valid. Write it as 2026-11-28.' },
  demo_not_running: { status: 404, ar: 'هذا الخادم لا يعمل في وضع العرض التجريبي.', en: 'This server is not running the demo.' },
});
