import { defineErrors } from '../../platform/errors/define.js';

export const notificationsErrors = defineErrors({
  template_too_long: { status: 422, ar: 'نص الرسالة النصية طويل جداً: يتجاوز عدد الأجزاء المسموح به مع أطول القيم المتوقعة.', en: 'The SMS text is too long: with the longest expected values it needs more segments than allowed.' },
  template_placeholder_unknown: { status: 422, ar: 'يحتوي النص على متغير غير معروف لهذا النوع من الرسائل.', en: 'The text uses a placeholder this message type does not have.' },
  template_subject_required: { status: 400, ar: 'يجب كتابة عنوان لرسالة البريد الإلكتروني.', en: 'An email template needs a subject.' },
  template_unknown: { status: 404, ar: 'لا يوجد قالب لهذا النوع من الرسائل.', en: 'There is no template for this kind of message.' },
  notification_not_found: { status: 404, ar: 'لم يتم العثور على الإشعار.', en: 'The notification was not found.' },
  notification_not_dead: { status: 409, ar: 'يمكن إعادة إرسال الإشعارات المتوقفة فقط.', en: 'Only dead-lettered notifications can be resent.' },
  unsubscribe_link_invalid: { status: 400, ar: 'رابط إلغاء الاشتراك غير صالح.', en: 'The unsubscribe link is not valid.' },
  phone_not_registered: { status: 400, ar: 'رقم الهاتف غير مسجل لك.', en: 'That phone number is not registered to you.' },
  sms_not_configured: { status: 503, ar: 'لم يتم إعداد مركز الرسائل النصية.', en: 'No SMS centre is configured.' },
  attachment_failed: { status: 503, ar: 'تعذر تجهيز مرفق الرسالة. ستُعاد المحاولة.', en: 'The attachment could not be prepared. It will be retried.' },
  email_not_configured: { status: 503, ar: 'لم يتم إعداد خادم البريد.', en: 'No mail server is configured.' },
});
