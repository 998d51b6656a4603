// The payment receipt as a PDF, in Arabic (right to left throughout) or English, on A4 or an 80 mm thermal roll,
// typeset by Typst from receipt.typ. The payments module builds a ReceiptDocument from a posted payment and calls
// renderReceiptPdf; nothing here reads the database. This file turns the document into what the template prints.
import { formatAmount } from '../../shared/money.js';
import { formatLocalDateTime, formatDateTimeWithHijri, formatMoney, localize, type Bilingual, type DocumentLanguage, type Localized } from '../../shared/pdf/format.js';
import { formatHijri } from '../../shared/hijri.js';
import { invalidDocument } from '../../shared/pdf/pdf.errors.js';
import { renderPdf } from '../../shared/pdf/render.js';

export type ReceiptStatus = 'paid' | 'partially_refunded' | 'refunded' | 'reversed';
export type ReceiptChannel = 'knet' | 'bank' | 'counter' | 'kiosk' | 'credit';

export interface ReceiptItem {
  biller: Bilingual;
  /** The payable's own number: bill number, violation number, top-up reference. */
  reference: string;
  description?: Bilingual;
  /** Minor units of the receipt's currency. */
  amount: bigint;
}

export interface ReceiptDocument {
  /** Who issues the receipt, in the letterhead. Default: the platform, Tasdeed. */
  issuer?: Bilingual;
  receiptNumber: string;
  /** Where the receipt was issued: a counter, a kiosk, the web portal, a bank. */
  issuingPoint: Localized;
  paidAt: Date;
  /** The business time zone (TZ_BUSINESS) the receipt's times are read in. */
  timeZone: string;
  /** Printed as given: the caller decides whether the name and civil ID are masked. */
  payer: { name?: Localized; idNumber?: string };
  channel: ReceiptChannel | Bilingual;
  /** The card gateway's references, when the payment went through one (KNET payment id, auth code, reference). */
  gateway?: { name: string; paymentId?: string; authCode?: string; reference?: string; transactionId?: string; trackId?: string };
  items: ReceiptItem[];
  /** What the payer paid: the items, plus any part kept as credit. */
  total: bigint;
  currency: string;
  /** Part of `total` credited to the payer's account (an overpayment). */
  credit?: bigint;
  status: ReceiptStatus;
  /** How much was given back (refunds), and when the status last changed. */
  refunded?: bigint;
  statusChangedAt?: Date;
  /** Where anyone can check the receipt is genuine; printed as a QR code. */
  verifyUrl: string;
}

/** A4 for print and email; 'thermal' for an 80 mm receipt printer at a counter or kiosk. */
export type ReceiptFormat = 'a4' | 'thermal';

type StatusColor = 'accent' | 'warning' | 'danger';

const PLATFORM: Bilingual = { ar: 'تسديد', en: 'Tasdeed' };

const CHANNELS: Record<ReceiptChannel, Bilingual> = {
  knet: { ar: 'بطاقة كي نت', en: 'KNET card' },
  bank: { ar: 'بنك', en: 'Bank' },
  counter: { ar: 'مكتب خدمة', en: 'Service counter' },
  kiosk: { ar: 'جهاز خدمة ذاتية', en: 'Self-service kiosk' },
  credit: { ar: 'رصيد دائن', en: 'Account credit' },
};

const STATUS: Record<ReceiptStatus, { label: Bilingual; note?: Bilingual; color: StatusColor; stamp?: Bilingual }> = {
  paid: { label: { ar: 'مدفوع', en: 'Paid' }, color: 'accent' },
  partially_refunded: {
    label: { ar: 'مسترد جزئياً', en: 'Partly refunded' },
    note: { ar: 'أعيد جزء من هذا المبلغ إلى الدافع.', en: 'Part of this payment was given back to the payer.' },
    color: 'warning',
  },
  refunded: {
    label: { ar: 'مسترد', en: 'Refunded' },
    note: { ar: 'أعيد هذا المبلغ إلى الدافع، ولم يعد هذا الإيصال إثباتاً للسداد.', en: 'This payment was given back to the payer. This receipt no longer proves payment.' },
    color: 'warning',
    stamp: { ar: 'مسترد', en: 'REFUNDED' },
  },
  reversed: {
    label: { ar: 'ملغاة', en: 'Reversed' },
    note: { ar: 'ألغيت هذه العملية، ولم يعد هذا الإيصال إثباتاً للسداد.', en: 'This payment was reversed. This receipt no longer proves payment.' },
    color: 'danger',
    stamp: { ar: 'ملغاة', en: 'REVERSED' },
  },
};

const T = {
  title: { ar: 'إيصال سداد', en: 'Payment receipt' },
  receiptNumber: { ar: 'رقم الإيصال', en: 'Receipt no.' },
  details: { ar: 'بيانات العملية', en: 'Payment' },
  status: { ar: 'الحالة', en: 'Status' },
  paidAt: { ar: 'تاريخ ووقت السداد', en: 'Paid on' },
  issuingPoint: { ar: 'جهة الإصدار', en: 'Issued at' },
  payer: { ar: 'الدافع', en: 'Payer' },
  idNumber: { ar: 'الرقم المدني', en: 'Civil ID' },
  channel: { ar: 'طريقة السداد', en: 'Paid by' },
  gateway: { ar: 'بوابة الدفع', en: 'Payment gateway' },
  paymentId: { ar: 'رقم عملية الدفع', en: 'Payment ID' },
  authCode: { ar: 'رقم التفويض', en: 'Authorisation code' },
  reference: { ar: 'الرقم المرجعي', en: 'Reference' },
  transactionId: { ar: 'رقم المعاملة', en: 'Transaction ID' },
  trackId: { ar: 'رقم التتبع', en: 'Track ID' },
  paid: { ar: 'المبالغ المسددة', en: 'What was paid' },
  biller: { ar: 'الجهة', en: 'Biller' },
  payable: { ar: 'رقم المطالبة', en: 'Reference' },
  amount: { ar: 'المبلغ', en: 'Amount' },
  credit: { ar: 'أضيف إلى رصيدك', en: 'Added to your credit' },
  total: { ar: 'الإجمالي', en: 'Total paid' },
  refunded: { ar: 'المبلغ المسترد', en: 'Refunded' },
  statusChangedAt: { ar: 'تاريخ التغيير', en: 'Changed on' },
  footer: { ar: 'صدر هذا الإيصال إلكترونياً ولا يحتاج إلى توقيع.', en: 'This receipt was issued electronically and needs no signature.' },
  verify: { ar: 'امسح الرمز للتحقق من صحة الإيصال', en: 'Scan to check this receipt is genuine' },
} satisfies Record<string, Bilingual>;

/** Refuses a receipt whose amounts contradict each other. */
export function checkReceiptDocument(view: ReceiptDocument): void {
  const items = view.items.reduce((sum, item) => sum + item.amount, 0n);
  const credit = view.credit ?? 0n;
  if (credit < 0n || items + credit !== view.total) {
    throw invalidDocument('receipt', 'amounts_do_not_add_up', {
      items: formatAmount(items, view.currency), credit: formatAmount(credit, view.currency), total: formatAmount(view.total, view.currency),
    });
  }
  const refunded = view.refunded ?? 0n;
  if (refunded < 0n || refunded > view.total) throw invalidDocument('receipt', 'refund_invalid', { refunded: formatAmount(refunded, view.currency) });
}

export async function renderReceiptPdf(view: ReceiptDocument, language: DocumentLanguage, format: ReceiptFormat = 'a4'): Promise<Buffer> {
  checkReceiptDocument(view);
  return renderPdf({ template: 'modules/payments/receipt.typ', data: receiptPrint(view, language, format), qrCodes: { verify: view.verifyUrl } });
}

/** What receipt.typ prints, in `language`: every label chosen and every amount and time formatted. */
export function receiptPrint(view: ReceiptDocument, l: DocumentLanguage, format: ReceiptFormat) {
  const status = STATUS[view.status];
  const channel = typeof view.channel === 'string' ? CHANNELS[view.channel][l] : view.channel[l];
  const money = (amount: bigint) => formatMoney(amount, view.currency, l);
  const rows: { label: string; value: string; detail?: string }[] = [
    { label: T.paidAt[l], value: formatLocalDateTime(view.paidAt, view.timeZone), detail: formatHijri(view.paidAt, l, { timeZone: view.timeZone }) },
    { label: T.issuingPoint[l], value: localize(view.issuingPoint, l) },
    ...(view.payer.name ? [{ label: T.payer[l], value: localize(view.payer.name, l) }] : []),
    ...(view.payer.idNumber ? [{ label: T.idNumber[l], value: view.payer.idNumber }] : []),
    { label: T.channel[l], value: channel },
    ...(view.gateway && view.channel !== 'knet' ? [{ label: T.gateway[l], value: view.gateway.name }] : []),
    ...gatewayRows(view, l).map(([label, value]) => ({ label, value })),
  ];
  const issuer = (view.issuer ?? PLATFORM)[l];
  return {
    lang: l,
    format,
    title: `${T.title[l]} ${view.receiptNumber}`,
    issuer,
    heading: T.title[l],
    reference: `${T.receiptNumber[l]} ${view.receiptNumber}`,
    status: {
      label: `${T.status[l]}: ${status.label[l]}`,
      color: status.color,
      note: status.note?.[l] ?? null,
      stamp: status.stamp?.[l] ?? null,
      changedAt: view.statusChangedAt && view.status !== 'paid'
        ? `${T.statusChangedAt[l]} ${formatDateTimeWithHijri(view.statusChangedAt, l, view.timeZone)}` : null,
    },
    details: { title: T.details[l], rows },
    items: {
      title: T.paid[l],
      header: [T.biller[l], T.payable[l], T.amount[l]],
      rows: view.items.map((item) => ({
        biller: item.biller[l], description: item.description?.[l] ?? null, reference: item.reference, amount: money(item.amount),
      })),
    },
    totals: [
      ...(view.credit ? [{ label: T.credit[l], value: money(view.credit), strong: false }] : []),
      { label: T.total[l], value: money(view.total), strong: true },
      ...(view.refunded ? [{ label: T.refunded[l], value: money(view.refunded), strong: false }] : []),
    ],
    verify: { qr: 'verify', caption: T.verify[l], url: view.verifyUrl },
    footer: T.footer[l],
  };
}

function gatewayRows(view: ReceiptDocument, l: DocumentLanguage): [string, string][] {
  const g = view.gateway;
  if (!g) return [];
  const rows: [string, string | undefined][] = [
    [T.paymentId[l], g.paymentId],
    [T.authCode[l], g.authCode],
    [T.reference[l], g.reference],
    [T.transactionId[l], g.transactionId],
    [T.trackId[l], g.trackId],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}
