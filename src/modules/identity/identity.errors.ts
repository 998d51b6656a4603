import { defineErrors } from '../../platform/errors/define.js';

export const identityErrors = defineErrors({
  person_exists: { status: 409, ar: 'يوجد شخص مسجل بهذا الرقم المدني.', en: 'A person with this civil ID is already registered.' },
  person_not_found: { status: 404, ar: 'لا يوجد شخص مسجل بهذا الرقم المدني.', en: 'No person is registered with this civil ID.' },
  staff_exists: { status: 409, ar: 'اسم المستخدم مستخدم سابقاً.', en: 'That username is already taken.' },
  password_too_weak: { status: 400, ar: 'كلمة المرور ضعيفة: 10 أحرف على الأقل، وليست كلمة شائعة أو متسلسلة أو مكررة أو تحتوي اسم المستخدم أو الرقم المدني.', en: 'The password is too weak: at least 10 characters, and not a common, sequential or repetitive one, nor one containing the username or civil ID.' },
  login_locked: { status: 429, ar: 'محاولات دخول كثيرة من هذا الجهاز. حاول بعد 15 دقيقة، أو ادخل برمز يصلك في رسالة نصية.', en: 'Too many sign-in attempts from here. Try again in 15 minutes, or sign in with a code sent by SMS.' },
  login_slowed: { status: 429, ar: 'محاولات دخول كثيرة على هذا الحساب. انتظر بضع ثوانٍ ثم حاول مرة أخرى.', en: 'Too many sign-in attempts on this account. Wait a few seconds and try again.' },
  sign_in_code_invalid: { status: 401, ar: 'رمز الدخول غير صحيح أو انتهت صلاحيته. اطلب رمزاً جديداً.', en: 'The sign-in code is wrong or has expired. Ask for a new one.' },
  second_factor_required: { status: 401, ar: 'أدخل الرمز من تطبيق المصادقة في هاتفك.', en: 'Enter the code from the authenticator app on your phone.' },
  second_factor_not_enrolled: { status: 403, ar: 'لا يمكن دخول الموظفين دون عامل تحقق ثانٍ. اطلب من مسؤول النظام تفعيله لحسابك.', en: 'Staff cannot sign in without a second factor. Ask the system operator to enrol one for your account.' },
  second_factor_current_required: { status: 403, ar: 'لتغيير تطبيق المصادقة أدخل الرمز الحالي من التطبيق المفعّل الآن.', en: 'To change the authenticator app, enter the current code from the app enrolled now.' },
  second_factor_not_started: { status: 409, ar: 'ابدأ إعداد تطبيق المصادقة أولاً.', en: 'Start setting up the authenticator app first.' },
  second_factor_invalid: { status: 400, ar: 'الرمز غير صحيح. تأكد من ضبط ساعة الهاتف وأدخل الرمز الظاهر الآن.', en: 'The code is wrong. Check the phone\'s clock and enter the code shown now.' },
  staff_not_found: { status: 404, ar: 'لا يوجد موظف بهذا الاسم.', en: 'No staff member has this username.' },
  role_invalid: { status: 400, ar: 'الدور غير معروف.', en: 'The role is not known.' },
  audit_log_immutable: { status: 500, ar: 'سجل التدقيق لا يقبل التعديل.', en: 'The audit log cannot be changed.' },
});
