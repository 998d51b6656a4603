// The server-rendered page that must work without the portal's JavaScript: the receipt verification page behind
// the QR code (anyone, no sign-in). The page the card gateway sends the payer back to is the portal's own
// (/pay/result/<id>, in the person's language). Arabic first, English beside it; no scripts, inline styles only (the CSP allows them), nothing personal beyond masked initials.
import type { ReceiptVerification, ReceiptView } from './receipts.service.js';
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

/** "2026-12-05 09:41" in the business time zone, as the PDF, email and portal show it (never UTC). */
function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function receiptFacts(r: ReceiptView, timeZone: string): string {
  const status = STATUS_TEXT[r.status];
  const refunded = r.refunded !== formatAmount(0n, r.currency) ? `<p class="${status.cls}">المبلغ المسترد · Refunded: <span class="num">${escapeHtml(r.refunded)} ${escapeHtml(r.currency)}</span></p>` : '';
  return `<p>رقم الإيصال · Receipt number: <strong class="num">${escapeHtml(r.receiptNumber)}</strong></p>`
    + `<p>الحالة · Status: <strong class="${status.cls}">${escapeHtml(status.ar)} · ${escapeHtml(status.en)}</strong></p>${refunded}`
    + `<p>تاريخ الدفع · Paid at: <span class="num">${escapeHtml(localDateTime(r.paidAt, timeZone))} (${escapeHtml(timeZone)})</span></p>`
    + `<p>جهة الإصدار · Issued at: ${escapeHtml(r.issuingPoint.ar)} · ${escapeHtml(r.issuingPoint.en)}</p>`
    + (r.payer.name ? `<p>الدافع · Payer: ${escapeHtml(r.payer.name.ar)} · <span lang="en">${escapeHtml(r.payer.name.en)}</span></p>` : '');
}

/** GET /r/<number>?sig=…: genuine or not, and the receipt's state (refunded, reversed) when genuine. */
export function verificationPage(receiptNumber: string, result: ReceiptVerification, timeZone: string): string {
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
  return page(`إيصال ${r.receiptNumber} · Receipt ${r.receiptNumber}`, `<section>${heading}${receiptFacts(r, timeZone)}</section><section>${receiptTable(r)}</section>`);
}
