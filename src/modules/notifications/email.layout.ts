// The HTML part of every email: one section per language (Arabic right-to-left), links made clickable, every value
// escaped. Inline styles only: mail clients drop <style> blocks and external sheets.
import type { Category, Language } from './topics.js';

export interface LayoutInput {
  subject: string;
  sections: { language: Language; text: string }[];
  category: Category;
  unsubscribeUrl: string;
  notice: (category: Category, language: Language) => string;
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Escapes a line and turns its links into anchors (the link text and address escaped too). */
function lineToHtml(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    html += escapeHtml(line.slice(last, match.index));
    const url = escapeHtml(match[0]);
    html += `<a href="${url}" style="color:#0b5cab" dir="ltr">${url}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

function sectionHtml(section: { language: Language; text: string }): string {
  const dir = section.language === 'ar' ? 'rtl' : 'ltr';
  const font = section.language === 'ar' ? "'Noto Naskh Arabic', Tahoma, Arial, sans-serif" : "'Noto Sans', Arial, sans-serif";
  const paragraphs = section.text.split(/\n{2,}/).map((block) => `<p style="margin:0 0 14px">${block.split('\n').map(lineToHtml).join('<br>')}</p>`);
  return `<div lang="${section.language}" dir="${dir}" style="text-align:${dir === 'rtl' ? 'right' : 'left'};font-family:${font};font-size:15px;line-height:1.6;color:#1d2733">${paragraphs.join('')}</div>`;
}

export function emailHtml(input: LayoutInput): string {
  const [first, ...others] = input.sections;
  const footer = (language: Language) => {
    const dir = language === 'ar' ? 'rtl' : 'ltr';
    return `<p lang="${language}" dir="${dir}" style="text-align:${dir === 'rtl' ? 'right' : 'left'};margin:6px 0">${escapeHtml(input.notice(input.category, language))} <a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#5b6673">${language === 'ar' ? 'إلغاء الاشتراك' : 'Unsubscribe'}</a></p>`;
  };
  const body = [first, ...others].filter((s): s is NonNullable<typeof s> => Boolean(s)).map(sectionHtml)
    .join('<hr style="border:none;border-top:1px solid #d5dbe1;margin:24px 0">');
  return [
    '<!doctype html>',
    `<html lang="${first?.language ?? 'ar'}" dir="${first?.language === 'en' ? 'ltr' : 'rtl'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(input.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f3f5f7">',
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px">',
    '<div style="font-family:Arial,sans-serif;font-size:20px;font-weight:bold;color:#0b5cab;margin-bottom:16px">تسديد · Tasdeed</div>',
    `<div style="background:#ffffff;border-radius:8px;padding:24px">${body}</div>`,
    `<div style="font-family:Arial,sans-serif;font-size:12px;color:#5b6673;padding:16px 4px">${input.sections.map((s) => footer(s.language)).join('')}</div>`,
    '</div></body></html>',
  ].join('\n');
}
