// The page behind the unsubscribe link: server-rendered, Arabic then English, no script (the CSP allows none
// inline), one form to subscribe again.
import { escapeHtml } from './email.layout.js';
import type { Category } from './topics.js';

const LABEL: Record<Category, { ar: string; en: string }> = {
  bills: { ar: 'الفواتير', en: 'bills' },
  reminders: { ar: 'التذكيرات', en: 'reminders' },
  receipts: { ar: 'إيصالات الدفع', en: 'payment receipts' },
  violations: { ar: 'المخالفات المرورية', en: 'traffic violations' },
};

type PageState = { kind: 'confirm' | 'unsubscribed' | 'resubscribed'; category: Category; token: string } | { kind: 'invalid' };

export function unsubscribePage(state: PageState): string {
  const content = state.kind === 'confirm'
    ? section('ar', 'إلغاء الاشتراك؟', `هل تريد إيقاف رسائل ${LABEL[state.category].ar} بالبريد الإلكتروني؟`)
      + section('en', 'Unsubscribe?', `Stop emails about ${LABEL[state.category].en}?`)
      + `<form method="post" action="/u/${encodeURIComponent(state.token)}" style="margin-top:24px"><button type="submit" style="padding:10px 18px;font-size:15px">إلغاء الاشتراك · Unsubscribe</button></form>`
    : state.kind === 'invalid'
    ? section('ar', 'الرابط غير صالح', 'تعذر التحقق من رابط إلغاء الاشتراك. يمكنك تعديل تفضيلات الرسائل بعد تسجيل الدخول إلى تسديد.')
      + section('en', 'This link is not valid', 'The unsubscribe link could not be verified. You can change your message preferences after signing in to Tasdeed.')
    : state.kind === 'unsubscribed'
      ? section('ar', 'تم إلغاء الاشتراك', `لن تصلك رسائل ${LABEL[state.category].ar} بالبريد الإلكتروني بعد الآن. الرسائل النصية وبقية المواضيع لم تتغير.`)
        + section('en', 'You are unsubscribed', `You will no longer receive emails about ${LABEL[state.category].en}. Text messages and other topics are unchanged.`)
        + `<form method="post" action="/u/${encodeURIComponent(state.token)}/resubscribe" style="margin-top:24px"><button type="submit" style="padding:10px 18px;font-size:15px">إعادة الاشتراك · Subscribe again</button></form>`
      : section('ar', 'تمت إعادة الاشتراك', `ستصلك رسائل ${LABEL[state.category].ar} بالبريد الإلكتروني مرة أخرى.`)
        + section('en', 'You are subscribed again', `You will receive emails about ${LABEL[state.category].en} again.`);
  return [
    '<!doctype html>',
    '<html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex"><title>تسديد · Tasdeed</title></head>',
    '<body style="margin:0;background:#f3f5f7;font-family:\'Noto Naskh Arabic\',Tahoma,Arial,sans-serif;color:#1d2733">',
    '<main style="max-width:560px;margin:40px auto;background:#fff;border-radius:8px;padding:28px">',
    '<div style="font-size:20px;font-weight:bold;color:#0b5cab;margin-bottom:16px">تسديد · Tasdeed</div>',
    content,
    '</main></body></html>',
  ].join('\n');
}

function section(language: 'ar' | 'en', title: string, text: string): string {
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  return `<section lang="${language}" dir="${dir}" style="text-align:${dir === 'rtl' ? 'right' : 'left'};margin-bottom:18px"><h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(title)}</h1><p style="margin:0;line-height:1.6">${escapeHtml(text)}</p></section>`;
}
