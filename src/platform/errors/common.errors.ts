// The codes every module may raise: bad input in general, authentication, access, conflicts, availability.
import { defineErrors } from './define.js';

export const commonErrors = defineErrors({
  validation_failed: { status: 400, ar: 'البيانات المرسلة غير صحيحة.', en: 'The request is not valid.' },
  unknown_field: { status: 400, ar: 'الطلب يحتوي على حقل غير معروف.', en: 'The request has a field that is not recognised.' },
  civil_id_invalid: { status: 400, ar: 'الرقم المدني غير صحيح. تأكد من الأرقام الاثني عشر.', en: 'The civil ID is not valid. Check its 12 digits.' },
  national_id_invalid: { status: 400, ar: 'رقم الهوية الوطنية غير صحيح.', en: 'The national ID is not valid.' },
  amount_invalid: { status: 400, ar: 'المبلغ غير صحيح. اكتبه بالأرقام مثل 12.500.', en: 'The amount is not valid. Write it as digits, for example 12.500.' },
  amount_too_precise: { status: 400, ar: 'المبلغ يحتوي على خانات عشرية أكثر مما تسمح به العملة.', en: 'The amount has more decimal places than the currency allows.' },
  amount_not_positive: { status: 400, ar: 'يجب أن يكون المبلغ أكبر من صفر.', en: 'The amount must be greater than zero.' },
  currency_unknown: { status: 400, ar: 'العملة غير معروفة.', en: 'The currency is not known.' },
  currency_mismatch: { status: 400, ar: 'لا يمكن الجمع بين عملتين مختلفتين.', en: 'Two different currencies cannot be combined.' },
  phone_invalid: { status: 400, ar: 'رقم الهاتف غير صحيح.', en: 'The phone number is not valid.' },
  email_invalid: { status: 400, ar: 'البريد الإلكتروني غير صحيح.', en: 'The email address is not valid.' },
  not_found: { status: 404, ar: 'لم يتم العثور على المطلوب.', en: 'Not found.' },
  unauthenticated: { status: 401, ar: 'يجب تسجيل الدخول أولاً.', en: 'You need to sign in first.' },
  login_failed: { status: 401, ar: 'الرقم المدني أو كلمة المرور غير صحيحة.', en: 'The ID or password is not correct.' },
  signature_invalid: { status: 401, ar: 'توقيع الطلب غير صحيح.', en: 'The request signature is not valid.' },
  csrf_refused: { status: 403, ar: 'رُفض الطلب لأنه لم يأتِ من صفحات الموقع نفسه. حدّث الصفحة ثم حاول مرة أخرى.', en: 'The request was refused because it did not come from this site\'s own pages. Reload the page and try again.' },
  unsupported_media_type: { status: 415, ar: 'نوع محتوى الطلب غير مقبول: أرسل JSON.', en: 'The request body type is not accepted: send JSON.' },
  request_too_large: { status: 431, ar: 'عنوان الطلب أو ترويساته طويلة جداً.', en: 'The request address or headers are too long.' },
  forbidden: { status: 403, ar: 'ليست لديك صلاحية لهذا الإجراء.', en: 'You do not have permission to do this.' },
  conflict: { status: 409, ar: 'تعارض الطلب مع حالة السجل الحالية.', en: 'The request conflicts with the current state of the record.' },
  idempotency_conflict: { status: 409, ar: 'مفتاح الطلب مستخدم سابقاً لطلب مختلف.', en: 'The idempotency key was already used for a different request.' },
  rate_limited: { status: 429, ar: 'طلبات كثيرة. انتظر قليلاً ثم حاول مرة أخرى.', en: 'Too many requests. Wait a moment and try again.' },
  database_unavailable: { status: 503, ar: 'الخدمة غير متاحة مؤقتاً.', en: 'The service is temporarily unavailable.' },
  internal_error: { status: 500, ar: 'حدث خطأ غير متوقع. حاول مرة أخرى لاحقاً.', en: 'Something went wrong. Try again later.' },
});
