// Server-rendered pages that must work without the portal's JavaScript: the receipt verification page behind
// the QR code (anyone, no sign-in) and the page the card gateway sends the payer back to. Arabic first, English
// beside it; no scripts, inline styles only (the CSP allows them), nothing personal beyond masked initials.
import type { ReceiptVerification, ReceiptView } from './receipts.service.js';
import type { PaymentRow } from './payments.store.js';
import { formatAmount } from '../../shared/money.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font-family:"Noto Naskh Arabic","Noto Sans",system-ui,sans-serif;margin:0;background:#f5f7f6;color:#1b2b26}
main{max-width:46rem;margin:2rem auto;padding:0 1rem}section{background:#fff;border-radius:12px;padding:1.25rem 1.5rem;margin-bottom:1rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:.2rem 0}.ok{color:#0b6b43}.bad{color:#a4262c}.warn{color:#8a5a00}table{width:100%;border-collapse:collapse}
td,th{padding:.35rem .25rem;border-bottom:1px solid #e3e8e6;text-align:start}.num{font-variant-numeric:tabular-nums;direction:ltr;unicode-bidi:isolate}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.pair>div[lang=ar]{direction:rtl}.pair>div[lang=en]{direction:ltr}a{color:#0b6b43}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function both(ar: string, en: string): string {
  return `<div class="pair"><div lang="ar">${ar}</div><div lang="en">${en}</div></div>`;
}

const STATUS_TEXT: Record<ReceiptView['status'], { ar: string; en: string; cls: string }> = {
  paid: { ar: 'مدفوع', en: 'Paid', cls: 'ok' },
  partially_refunded: { ar: 'مسترد جزئياً', en: 'Partly refunded', cls: 'warn' },
  refunded: { ar: 'مسترد — لم يعد إثباتاً للسداد', en: 'Refunded — no longer proof of payment', cls: 'warn' },
  reversed: { ar: 'ملغاة — لم يعد إثباتاً للسداد', en: 'Reversed — no longer proof of payment', cls: 'bad' },
};

function receiptTable(r: ReceiptView): string {
  const rows = r.items.map((item) => `<tr><td>${escapeHtml(item.biller.nameAr)}<br><small lang="en">${escapeHtml(item.biller.nameEn)}</small></td>`
    + `<td class="num">${escapeHtml(item.reference)}</td><td class="num">${escapeHtml(item.amount)} ${escapeHtml(r.currency)}</td></tr>`).join('');
  const credit = r.credit !== formatAmount(0n, r.currency) ? `<tr><td>أضيف إلى الرصيد · Added to credit</td><td></td><td class="num">${escapeHtml(r.credit)} ${escapeHtml(r.currency)}</td></tr>` : '';
  return `<table><thead><tr><th>الجهة · Biller</th><th>المرجع · Reference</th><th>المبلغ · Amount</th></tr></thead><tbody>${rows}${credit}`
    + `<tr><th>الإجمالي · Total</th><td></td><th class="num">${escapeHtml(r.total)} ${escapeHtml(r.currency)}</th></tr></tbody></table>`;
}

function receiptFacts(r: ReceiptView): string {
  const status = STATUS_TEXT[r.status];
  const refunded = r.refunded !== formatAmount(0n, r.currency) ? `<p class="${status.cls}">المبلغ المسترد · Refunded: <span class="num">${escapeHtml(r.refunded)} ${escapeHtml(r.currency)}</span></p>` : '';
  return `<p>رقم الإيصال · Receipt number: <strong class="num">${escapeHtml(r.receiptNumber)}</strong></p>`
    + `<p>الحالة · Status: <strong class="${status.cls}">${escapeHtml(status.ar)} · ${escapeHtml(status.en)}</strong></p>${refunded}`
    + `<p>تاريخ الدفع · Paid at: <span class="num">${escapeHtml(r.paidAt.replace('T', ' ').slice(0, 19))} UTC</span></p>`
    + `<p>جهة الإصدار · Issued at: ${escapeHtml(r.issuingPoint.ar)} · ${escapeHtml(r.issuingPoint.en)}</p>`
    + (r.payer.name ? `<p>الدافع · Payer: ${escapeHtml(r.payer.name.ar)} · <span lang="en">${escapeHtml(r.payer.name.en)}</span></p>` : '');
}

/** GET /r/<number>?sig=…: genuine or not, and the receipt's state (refunded, reversed) when genuine. */
export function verificationPage(receiptNumber: string, result: ReceiptVerification): string {
  if (!result.genuine || !result.receipt) {
    return page('إيصال غير صحيح · Receipt not genuine', `<section><h1 class="bad">✗ إيصال غير صحيح · Not a genuine receipt</h1>${both(
      `لم نجد إيصالاً بالرقم <span class="num">${escapeHtml(receiptNumber)}</span> بهذا التوقيع. لا تقبل هذا الإيصال كإثبات للسداد.`,
      `No receipt numbered <span class="num">${escapeHtml(receiptNumber)}</span> matches this signature. Do not accept it as proof of payment.`,
    )}</section>`);
  }
  const r = result.receipt;
  const valid = r.status === 'paid' || r.status === 'partially_refunded';
  const heading = valid
    ? `<h1 class="ok">✓ إيصال صحيح · Genuine receipt</h1>`
    : `<h1 class="${STATUS_TEXT[r.status].cls}">⚠ إيصال صحيح، لكنه ${escapeHtml(STATUS_TEXT[r.status].ar)} · Genuine, but ${escapeHtml(STATUS_TEXT[r.status].en)}</h1>`;
  return page(`إيصال ${r.receiptNumber} · Receipt ${r.receiptNumber}`, `<section>${heading}${receiptFacts(r)}</section><section>${receiptTable(r)}</section>`);
}

/** Where the gateway sends the payer back: paid (with the receipt), not paid, or still being confirmed. */
export function paymentResultPage(payment: PaymentRow | undefined, receipt: ReceiptView | undefined, links: { verifyUrl?: string; pdfUrl?: (lang: 'ar' | 'en') => string }): string {
  if (!payment) {
    return page('الدفع · Payment', `<section><h1 class="bad">لم نتعرف على هذه الدفعة · This payment is not known</h1></section>`);
  }
  if (receipt) {
    const pdf = links.pdfUrl ? `<p><a href="${escapeHtml(links.pdfUrl('ar'))}">تنزيل الإيصال (PDF)</a> · <a href="${escapeHtml(links.pdfUrl('en'))}" lang="en">Download receipt (PDF)</a></p>` : '';
    const verify = links.verifyUrl ? `<p><a href="${escapeHtml(links.verifyUrl)}">صفحة التحقق · Verification page</a></p>` : '';
    return page('تم الدفع · Paid', `<section><h1 class="ok">✓ تم الدفع بنجاح · Payment received</h1>${receiptFacts(receipt)}${pdf}${verify}</section><section>${receiptTable(receipt)}</section>`);
  }
  const amount = `<span class="num">${escapeHtml(formatAmount(payment.amount, payment.currency))} ${escapeHtml(payment.currency)}</span>`;
  if (payment.status === 'pending') {
    return page('جارٍ التأكيد · Confirming', `<section><h1 class="warn">جارٍ تأكيد الدفع · Confirming your payment</h1>${both(
      `لم يصلنا تأكيد الدفع بمبلغ ${amount} بعد. لا تدفع مرة أخرى: سنتحقق من البنك تلقائياً ويصلك الإيصال.`,
      `We have not had confirmation of the ${amount} payment yet. Do not pay again: we check with the bank automatically and send the receipt.`,
    )}</section>`);
  }
  const reasons: Record<string, { ar: string; en: string }> = {
    gateway_canceled: { ar: 'ألغيت عملية الدفع.', en: 'The payment was cancelled.' },
    gateway_not_captured: { ar: 'رفض البنك العملية.', en: 'The bank declined the payment.' },
    gateway_host_timeout: { ar: 'لم يرد البنك في الوقت المحدد.', en: 'The bank did not answer in time.' },
  };
  const reason = reasons[payment.failureCode ?? ''] ?? { ar: 'لم تتم عملية الدفع.', en: 'The payment did not go through.' };
  return page('لم يتم الدفع · Not paid', `<section><h1 class="bad">✗ لم يتم الدفع · Payment not completed</h1>${both(
    `${escapeHtml(reason.ar)} لم يُخصم أي مبلغ ${amount}. يمكنك المحاولة مرة أخرى.`,
    `${escapeHtml(reason.en)} Nothing was charged (${amount}). You can try again.`,
  )}</section>`);
}
