// The simulator's few HTML pages: KNET's hosted card page (Arabic or English, as the merchant asked), the page
// after a host timeout, an error page, and a list of attempts. Plain HTML and a little CSS, no scripts.
import type { SimTransaction } from './knet-sim.store.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const TEXT = {
  AR: {
    dir: 'rtl',
    lang: 'ar',
    title: 'بوابة الدفع KNET — محاكي',
    notice: 'هذه صفحة محاكاة للتطوير والاختبار. لا تُطلب بيانات بطاقة ولا يُخصم أي مبلغ.',
    amount: 'المبلغ',
    currency: 'د.ك',
    trackId: 'رقم التتبع لدى التاجر',
    paymentId: 'رقم الدفعة',
    choose: 'اختر نتيجة العملية:',
    approve: 'موافقة على الدفع',
    decline: 'رفض البنك للعملية',
    cancel: 'إلغاء والعودة',
    timeout: 'انتهاء مهلة البنك',
    timeoutTitle: 'لم يرد البنك في الوقت المحدد',
    timeoutBody: 'لم تكتمل العملية ولم يتم إبلاغ التاجر. سيعرف التاجر النتيجة عبر الاستعلام عن العملية.',
    back: 'العودة إلى موقع التاجر',
  },
  USA: {
    dir: 'ltr',
    lang: 'en',
    title: 'KNET payment gateway — simulator',
    notice: 'This is a simulated page for development and testing. No card details are asked for and no money moves.',
    amount: 'Amount',
    currency: 'KWD',
    trackId: 'Merchant track ID',
    paymentId: 'Payment ID',
    choose: 'Choose the outcome:',
    approve: 'Approve payment',
    decline: 'Decline (bank refuses)',
    cancel: 'Cancel and go back',
    timeout: 'Bank timeout',
    timeoutTitle: 'The bank did not answer in time',
    timeoutBody: 'The payment did not complete and the merchant was not notified. The merchant will learn the outcome by inquiry.',
    back: 'Return to the merchant',
  },
} as const;

function layout(lang: string, dir: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, "Noto Naskh Arabic", "Noto Sans", sans-serif; background: #f3f5f8; color: #1c2430; margin: 0; }
  main { max-width: 34rem; margin: 2rem auto; background: #fff; border-radius: .75rem; padding: 1.5rem 2rem; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.3rem; margin-top: 0; }
  .notice { background: #fff7e0; border: 1px solid #f0d48a; padding: .6rem .8rem; border-radius: .5rem; font-size: .9rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
  dt { color: #5a6676; } dd { margin: 0; font-weight: 600; direction: ltr; text-align: start; }
  .buttons { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; margin-top: 1rem; }
  button { font: inherit; padding: .75rem; border-radius: .5rem; border: 1px solid #aab4c0; background: #fff; cursor: pointer; }
  button.approve { background: #0b6e3d; color: #fff; border-color: #0b6e3d; }
  button.decline { background: #a3261d; color: #fff; border-color: #a3261d; }
  button:focus-visible { outline: 3px solid #2f6fde; outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { border-bottom: 1px solid #dde3ea; padding: .4rem; text-align: start; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** KNET's hosted page, with one labelled button per outcome posting to the same endpoint tests use. */
export function cardPage(transaction: SimTransaction): string {
  const t = TEXT[transaction.language];
  const button = (action: 'approve' | 'decline' | 'cancel' | 'timeout') =>
    `<button type="submit" name="action" value="${action}" class="${action}">${t[action]}</button>`;
  return layout(
    t.lang,
    t.dir,
    t.title,
    `<h1>${t.title}</h1>
<p class="notice">${t.notice}</p>
<dl>
  <dt>${t.amount}</dt><dd>${escapeHtml(transaction.amount)} ${t.currency}</dd>
  <dt>${t.trackId}</dt><dd>${escapeHtml(transaction.trackId)}</dd>
  <dt>${t.paymentId}</dt><dd>${escapeHtml(transaction.paymentId)}</dd>
</dl>
<form method="post" action="/sim/pay/${encodeURIComponent(transaction.paymentId)}">
  <p>${t.choose}</p>
  <div class="buttons">${button('approve')}${button('decline')}${button('cancel')}${button('timeout')}</div>
</form>`,
  );
}

export function timeoutPage(transaction: SimTransaction): string {
  const t = TEXT[transaction.language];
  return layout(
    t.lang,
    t.dir,
    t.timeoutTitle,
    `<h1>${t.timeoutTitle}</h1>
<p>${t.timeoutBody}</p>
<dl><dt>${t.paymentId}</dt><dd>${escapeHtml(transaction.paymentId)}</dd><dt>${t.trackId}</dt><dd>${escapeHtml(transaction.trackId)}</dd></dl>
<p><a href="${escapeHtml(transaction.errorUrl)}">${t.back}</a></p>`,
  );
}

/** Errors are shown in both languages: a request that failed to decrypt has no language to go by. */
export function errorPage(code: string, text: string): string {
  return layout(
    'en',
    'ltr',
    'KNET simulator — error',
    `<h1>KNET simulator — error / خطأ</h1>
<p><strong>${escapeHtml(code)}</strong>: ${escapeHtml(text)}</p>
<p dir="rtl" lang="ar">تعذر إتمام الطلب لدى بوابة الدفع. راجع رمز الخطأ أعلاه.</p>`,
  );
}

export function listPage(transactions: SimTransaction[], terminalId: string): string {
  const rows = transactions
    .map(
      (t) => `<tr><td>${escapeHtml(t.createdAt)}</td><td>${escapeHtml(t.paymentId)}</td><td>${escapeHtml(t.trackId)}</td><td>${escapeHtml(t.amount)}</td><td>${escapeHtml(t.state)}</td><td>${escapeHtml(
        t.notification ? (t.notification.delivered ? 'REDIRECT received' : (t.notification.error ?? 'failed')) : '—',
      )}</td><td>${escapeHtml(t.refunds.map((r) => `${r.amount} (${r.trackId})`).join(', ') || '—')}</td></tr>`,
    )
    .join('\n');
  return layout(
    'en',
    'ltr',
    'KNET simulator',
    `<h1>KNET simulator</h1>
<p>Terminal <strong>${escapeHtml(terminalId)}</strong>. JSON: <a href="/sim/transactions">/sim/transactions</a>.</p>
<table><thead><tr><th>Created</th><th>Payment ID</th><th>Track ID</th><th>Amount (KWD)</th><th>State</th><th>Merchant notification</th><th>Refunds (action 2)</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No payments yet.</td></tr>'}</tbody></table>`,
  );
}
