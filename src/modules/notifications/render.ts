// Turns a template and an event's values into the words that are sent: an SMS text in the person's language, or an
// email in the person's language with the other language below it, as text and HTML, with an unsubscribe link.
import type { Category, Language } from './topics.js';
import { fillTemplate, placeholdersIn, smsFriendly } from './templates.values.js';
import { emailHtml } from './email.layout.js';

export function renderSms(template: string, values: Record<string, string>): string {
  return smsFriendly(fillTemplate(template, values));
}

/** Fills an email template; a line whose placeholder has no value ("Bill (PDF): " without a link) is left out. */
export function renderEmailSection(template: { subject: string; body: string }, values: Record<string, string>): { subject: string; text: string } {
  const lines = template.body.split('\n').filter((line) => placeholdersIn(line).every((key) => (values[key] ?? '') !== ''));
  const text = fillTemplate(lines.join('\n'), values).replace(/\n{3,}/g, '\n\n').trim();
  return { subject: fillTemplate(template.subject, values).replace(/\s+/g, ' ').trim(), text };
}

export interface EmailSection {
  language: Language;
  subject: string;
  text: string;
}

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

const CATEGORY_LABEL: Record<Category, Record<Language, string>> = {
  bills: { ar: 'الفواتير', en: 'bills' },
  reminders: { ar: 'التذكيرات', en: 'reminders' },
  receipts: { ar: 'إيصالات الدفع', en: 'payment receipts' },
  violations: { ar: 'المخالفات المرورية', en: 'traffic violations' },
};

export function unsubscribeNotice(category: Category, language: Language): string {
  const label = CATEGORY_LABEL[category][language];
  return language === 'ar'
    ? `تصلك هذه الرسالة لأنك مسجّل في خدمة تسديد. لإيقاف رسائل ${label} بالبريد الإلكتروني:`
    : `You receive this because you are registered with Tasdeed. To stop emails about ${label}:`;
}

/** The person's language first, the other below a rule; the subject is in the person's language. */
export function composeEmail(primary: EmailSection, secondary: EmailSection, category: Category, unsubscribeUrl: string): ComposedEmail {
  const footer = (language: Language) => `${unsubscribeNotice(category, language)}\n${unsubscribeUrl}`;
  const text = [
    primary.text, '', footer(primary.language), '', '—'.repeat(20), '', secondary.text, '', footer(secondary.language),
  ].join('\n');
  return { subject: primary.subject, text, html: emailHtml({ subject: primary.subject, sections: [primary, secondary], category, unsubscribeUrl, notice: unsubscribeNotice }) };
}
