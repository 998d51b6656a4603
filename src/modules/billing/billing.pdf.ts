// The e-bill as a PDF, in Arabic (right to left throughout) or English, typeset by Typst from bill.typ. The
// billing module builds a BillDocument from its own records and calls renderBillPdf; nothing here reads the
// database. This file turns the document into the words and numbers the template prints.
import { formatAmount } from '../../shared/money.js';
import { formatHijri } from '../../shared/hijri.js';
import { formatMoney, formatQuantity, currencyName, type Bilingual, type DocumentLanguage } from '../../shared/pdf/format.js';
import { invalidDocument } from '../../shared/pdf/pdf.errors.js';
import { renderPdf } from '../../shared/pdf/render.js';
import { taxInvoiceQrPayload } from '../../shared/tax-invoice-qr.js';

export type MeterUnit = 'kWh' | 'imperial_gallon';

/** A price per `per` units, in minor units: 5 fils per kWh is { amount: 5n, per: 1 }; 2 KD per 1,000 gallons is { amount: 2000n, per: 1000 }. */
export interface BillRate {
  amount: bigint;
  per: number;
}

/** Amounts are minor units of the bill's currency. A credit carried forward is negative; everything else is not. */
export type BillLine =
  | { kind: 'tier'; label: Bilingual; from: number; to: number | null; quantity: number; rate: BillRate; amount: bigint }
  | { kind: 'fixed'; label: Bilingual; amount: bigint }
  | { kind: 'arrears'; label: Bilingual; amount: bigint }
  | { kind: 'credit'; label: Bilingual; amount: bigint };

export interface BillDocument {
  biller: Bilingual;
  billNumber: string;
  accountNumber: string;
  meterNumber: string;
  customerName: Bilingual;
  /** Address with its area, as the customer would write it. */
  address: Bilingual;
  category: Bilingual;
  /** YYYY-MM */
  period: string;
  /** YYYY-MM-DD, both inclusive. */
  periodFrom: string;
  periodTo: string;
  issueDate: string;
  dueDate: string;
  reading: { previous: number; current: number; consumption: number; unit: MeterUnit; estimated: boolean };
  lines: BillLine[];
  totalDue: bigint;
  currency: string;
  /** Up to the last 12 periods, oldest first; the bill's own period included. */
  history: { period: string; quantity: number }[];
  /** Where to pay this bill; printed as a QR code and as text when the bill can be paid online. */
  payUrl: string;
  /** Unpaid from earlier bills: printed beside this bill, never added into its lines. Default zero. */
  previousBalance?: bigint;
  /** 'government': settled through a ministry's own channel, so no payment QR and no pay-online line. Default 'online'. */
  settlement?: 'online' | 'government';
  /**
   * For a Saudi biller registered for VAT: the tax-invoice QR (shared/tax-invoice-qr.ts) and the VAT lines. The
   * VAT is part of totalDue (one of the lines); the amount here is that part.
   */
  taxInvoice?: { sellerName: string; vatNumber: string; issuedAt: Date; vatAmount: bigint };
}

const UNITS: Record<MeterUnit, Bilingual> = {
  kWh: { ar: 'كيلوواط ساعة', en: 'kWh' },
  imperial_gallon: { ar: 'جالون إمبراطوري', en: 'imp. gallons' },
};

const T = {
  title: { ar: 'فاتورة إلكترونية', en: 'E-bill' },
  billNumber: { ar: 'رقم الفاتورة', en: 'Bill no.' },
  customer: { ar: 'بيانات المشترك', en: 'Customer' },
  name: { ar: 'الاسم', en: 'Name' },
  account: { ar: 'رقم الحساب', en: 'Account no.' },
  meter: { ar: 'رقم العداد', en: 'Meter no.' },
  address: { ar: 'العنوان', en: 'Address' },
  category: { ar: 'فئة الاستهلاك', en: 'Category' },
  bill: { ar: 'بيانات الفاتورة', en: 'Bill' },
  period: { ar: 'فترة الفاتورة', en: 'Billing period' },
  issueDate: { ar: 'تاريخ الإصدار', en: 'Issue date' },
  dueDate: { ar: 'تاريخ الاستحقاق', en: 'Due date' },
  readings: { ar: 'قراءات العداد', en: 'Meter readings' },
  previous: { ar: 'القراءة السابقة', en: 'Previous reading' },
  current: { ar: 'القراءة الحالية', en: 'Current reading' },
  consumption: { ar: 'الاستهلاك', en: 'Consumption' },
  readingType: { ar: 'نوع القراءة', en: 'Reading' },
  actual: { ar: 'فعلية', en: 'Actual' },
  estimated: { ar: 'تقديرية', en: 'Estimated' },
  estimatedNote: {
    ar: 'هذه قراءة تقديرية. يمكنك إدخال قراءة عدادك عبر البوابة لتصحيح الفاتورة القادمة.',
    en: 'This reading is estimated. Enter your own meter reading on the portal to correct the next bill.',
  },
  charges: { ar: 'تفاصيل المبالغ', en: 'Charges' },
  description: { ar: 'البيان', en: 'Description' },
  range: { ar: 'الشريحة', en: 'Band' },
  quantity: { ar: 'الكمية', en: 'Quantity' },
  rate: { ar: 'السعر', en: 'Rate' },
  amount: { ar: 'المبلغ', en: 'Amount' },
  totalDue: { ar: 'المبلغ المستحق', en: 'Total due' },
  payBy: { ar: 'يرجى السداد قبل', en: 'Please pay by' },
  history: { ar: 'الاستهلاك خلال آخر 12 فترة', en: 'Consumption, last 12 periods' },
  scanToPay: { ar: 'امسح الرمز للسداد', en: 'Scan to pay' },
  taxInvoice: { ar: 'فاتورة ضريبية مبسطة', en: 'Simplified tax invoice' },
  vatNumber: { ar: 'الرقم الضريبي', en: 'VAT number' },
  vatAmount: { ar: 'ضريبة القيمة المضافة', en: 'VAT' },
  previousBalance: { ar: 'الرصيد السابق غير المسدد', en: 'Previous balance unpaid' },
  thisBill: { ar: 'مبلغ هذه الفاتورة', en: 'This bill' },
  owedInAll: { ar: 'إجمالي المطلوب', en: 'Owed in all' },
  governmentFooter: {
    ar: 'تسدد هذه الفاتورة بتحويل من الجهة الحكومية المختصة إلى الوزارة ولا تدفع عبر البوابة. صدرت هذه الفاتورة إلكترونياً ولا تحتاج إلى توقيع.',
    en: 'This bill is settled by ministry transfer from the government body concerned, not online. It was issued electronically and needs no signature.',
  },
  footer: {
    ar: 'يمكن سداد هذه الفاتورة عبر البوابة الإلكترونية أو التطبيق أو البنوك المحلية أو أي مكتب من مكاتب الوزارة. صدرت هذه الفاتورة إلكترونياً ولا تحتاج إلى توقيع.',
    en: 'Pay online, in the app, through your bank or at any ministry office. This bill was issued electronically and needs no signature.',
  },
} satisfies Record<string, Bilingual>;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Refuses a bill whose parts contradict each other: printing it would state a wrong amount. */
export function checkBillDocument(view: BillDocument): void {
  if (!PERIOD.test(view.period)) throw invalidDocument('bill', 'period_invalid', { period: view.period });
  const sum = view.lines.reduce((total, line) => total + line.amount, 0n);
  if (sum !== view.totalDue) {
    throw invalidDocument('bill', 'lines_do_not_add_up', { lines: formatAmount(sum, view.currency), total: formatAmount(view.totalDue, view.currency) });
  }
  for (const line of view.lines) {
    if (line.kind === 'credit' ? line.amount > 0n : line.amount < 0n) {
      throw invalidDocument('bill', 'line_sign_invalid', { kind: line.kind, amount: formatAmount(line.amount, view.currency) });
    }
  }
}

export async function renderBillPdf(view: BillDocument, language: DocumentLanguage): Promise<Buffer> {
  checkBillDocument(view);
  return renderPdf({ template: 'modules/billing/bill.typ', data: billPrint(view, language), qrCodes: {
    ...((view.settlement ?? 'online') === 'online' ? { pay: view.payUrl } : {}),
    ...(view.taxInvoice ? { tax: taxInvoiceQrPayload({
      sellerName: view.taxInvoice.sellerName, vatNumber: view.taxInvoice.vatNumber, issuedAt: view.taxInvoice.issuedAt,
      totalWithVat: formatAmount(view.totalDue, view.currency), vatAmount: formatAmount(view.taxInvoice.vatAmount, view.currency),
    }) } : {}),
  } });
}

/** What bill.typ prints, in `language`: every label chosen and every amount, date and quantity formatted. */
export function billPrint(view: BillDocument, l: DocumentLanguage) {
  const unit = UNITS[view.reading.unit][l];
  const currency = currencyName(view.currency, l);
  const money = (amount: bigint) => formatMoney(amount, view.currency, l);
  const online = (view.settlement ?? 'online') === 'online';
  const previousBalance = view.previousBalance ?? 0n;
  const { reading } = view;
  return {
    lang: l,
    title: `${T.title[l]} ${view.billNumber}`,
    biller: view.biller[l],
    heading: `${T.title[l]} · ${view.period}`,
    reference: `${T.billNumber[l]} ${view.billNumber}`,
    customer: {
      title: T.customer[l],
      rows: [
        { label: T.name[l], value: view.customerName[l], strong: true },
        { label: T.account[l], value: view.accountNumber },
        { label: T.meter[l], value: view.meterNumber },
        { label: T.address[l], value: view.address[l] },
        { label: T.category[l], value: view.category[l] },
      ],
    },
    bill: {
      title: T.bill[l],
      rows: [
        { label: T.period[l], value: `${view.periodFrom} – ${view.periodTo}`, detail: view.period },
        { label: T.issueDate[l], value: view.issueDate, detail: formatHijri(view.issueDate, l) },
        { label: T.dueDate[l], value: view.dueDate, detail: formatHijri(view.dueDate, l), strong: true },
      ],
    },
    readings: {
      title: T.readings[l],
      cells: [
        { label: T.previous[l], value: formatQuantity(reading.previous), strong: false, warning: false },
        { label: T.current[l], value: formatQuantity(reading.current), strong: false, warning: false },
        { label: T.consumption[l], value: `${formatQuantity(reading.consumption)} ${unit}`, strong: true, warning: false },
        { label: T.readingType[l], value: reading.estimated ? T.estimated[l] : T.actual[l], strong: reading.estimated, warning: reading.estimated },
      ],
      note: reading.estimated ? T.estimatedNote[l] : null,
    },
    charges: {
      title: T.charges[l],
      header: [T.description[l], `${T.range[l]} (${unit})`, T.quantity[l], `${T.rate[l]} (${currency})`, `${T.amount[l]} (${currency})`],
      rows: view.lines.map((line) => [
        line.label[l],
        line.kind === 'tier' ? bandText(line.from, line.to, l) : '',
        line.kind === 'tier' ? formatQuantity(line.quantity) : '',
        line.kind === 'tier' ? rateText(line.rate, view.currency) : '',
        formatAmount(line.amount, view.currency),
      ]),
    },
    balances: [
      { label: T.thisBill[l], value: money(view.totalDue) },
      { label: T.previousBalance[l], value: money(previousBalance) },
      ...(previousBalance !== 0n ? [{ label: T.owedInAll[l], value: money(view.totalDue + previousBalance) }] : []),
    ],
    total: {
      label: T.totalDue[l],
      amount: money(view.totalDue),
      payBy: `${T.payBy[l]} ${view.dueDate}`,
      payByHijri: formatHijri(view.dueDate, l),
    },
    history: {
      title: T.history[l],
      points: view.history.slice(-12).map((h) => ({ label: `${h.period.slice(5)}/${h.period.slice(2, 4)}`, quantity: h.quantity, current: h.period === view.period })),
    },
    pay: online ? { qr: 'pay', caption: T.scanToPay[l], url: view.payUrl } : null,
    footer: online ? T.footer[l] : T.governmentFooter[l],
    taxInvoice: view.taxInvoice ? {
      qr: 'tax',
      title: T.taxInvoice[l],
      rows: [
        { label: T.vatNumber[l], value: view.taxInvoice.vatNumber },
        { label: T.vatAmount[l], value: money(view.taxInvoice.vatAmount) },
      ],
    } : null,
  };
}

/** "1,001 – 2,000", "over 2,000" for the open top band, "all" for a flat rate. */
function bandText(from: number, to: number | null, language: DocumentLanguage): string {
  if (from === 0 && to === null) return language === 'ar' ? 'كامل الاستهلاك' : 'all';
  if (to === null) return language === 'ar' ? `أكثر من ${formatQuantity(from)}` : `over ${formatQuantity(from)}`;
  return `${formatQuantity(from)} – ${formatQuantity(to)}`;
}

/** "0.005" per unit, or "2.000 / 1,000" when the tariff prices a thousand gallons. */
function rateText(rate: BillRate, currency: string): string {
  const price = formatAmount(rate.amount, currency);
  return rate.per === 1 ? price : `${price} / ${formatQuantity(rate.per)}`;
}
