import { defineErrors } from '../../platform/errors/define.js';

export const accountsErrors = defineErrors({
  account_not_found: { status: 404, ar: 'الحساب غير موجود. تأكد من رقم الحساب.', en: 'The account was not found. Check the account number.' },
  account_not_owned: { status: 403, ar: 'هذا الحساب ليس مسجلاً باسمك.', en: 'This account is not registered to you.' },
  account_exists: { status: 409, ar: 'يوجد حساب بنفس الرقم.', en: 'An account with this number already exists.' },
  account_closed: { status: 409, ar: 'هذا الحساب مغلق.', en: 'This account is closed.' },
  account_connection_unchanged: { status: 409, ar: 'حالة توصيل الحساب لا تسمح بهذا الإجراء.', en: 'The account\'s connection status does not allow this.' },
  account_category_invalid: { status: 400, ar: 'فئة الاستهلاك غير معروفة.', en: 'The consumption category is not known.' },
  account_biller_invalid: { status: 400, ar: 'الجهة ليست جهة خدمات (كهرباء أو ماء).', en: 'The biller is not a utility (electricity or water).' },
  meter_not_found: { status: 404, ar: 'العداد غير موجود. تأكد من رقم العداد.', en: 'The meter was not found. Check the meter number.' },
  meter_exists: { status: 409, ar: 'يوجد عداد بنفس الرقم.', en: 'A meter with this number already exists.' },
  meter_closed: { status: 409, ar: 'هذا العداد أو حسابه مغلق ولا يقبل قراءات.', en: 'This meter or its account is closed and takes no readings.' },
  meter_invalid: { status: 400, ar: 'بيانات العداد غير صحيحة.', en: 'The meter details are not valid.' },
});
