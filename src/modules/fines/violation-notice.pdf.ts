// The violation notice as a PDF, in Arabic or English, typeset by Typst from violation-notice.typ: what the
// owner of a vehicle is sent (or prints from the portal) when a violation is recorded against it.
import { formatDateTimeWithHijri, formatMoney, type Bilingual, type DocumentLanguage } from '../../shared/pdf/format.js';
import { invalidDocument } from '../../shared/pdf/pdf.errors.js';
import { renderPdf } from '../../shared/pdf/render.js';

export interface ViolationNoticeDocument {
  issuer: Bilingual;
  violationNumber: string;
  type: Bilingual;
  occurredAt: Date;
  /** The business time zone (TZ_BUSINESS) the time is read in. */
  timeZone: string;
  place: Bilingual;
  plate: string;
  /** Minor units. */
  amount: bigint;
  currency: string;
  /** Printed as a QR code only when the violation can be paid online. */
  payUrl: string;
  payableOnline: boolean;
  /** Why it cannot be paid online (a court referral, an objection under review). */
  holdReason?: Bilingual;
}

const T = {
  title: { ar: 'إشعار مخالفة مرورية', en: 'Traffic violation notice' },
  number: { ar: 'رقم المخالفة', en: 'Violation no.' },
  details: { ar: 'بيانات المخالفة', en: 'The violation' },
  type: { ar: 'نوع المخالفة', en: 'Violation' },
  occurredAt: { ar: 'التاريخ والوقت', en: 'Date and time' },
  place: { ar: 'المكان', en: 'Place' },
  plate: { ar: 'رقم اللوحة', en: 'Plate' },
  amount: { ar: 'قيمة المخالفة', en: 'Fine' },
  scanToPay: { ar: 'امسح الرمز للسداد', en: 'Scan to pay' },
  notOnline: { ar: 'لا يمكن سداد هذه المخالفة عبر البوابة', en: 'This violation cannot be paid online' },
  objection: {
    ar: 'يحق لمالك المركبة الاعتراض على المخالفة خلال 30 يوما من تاريخ الإشعار عبر البوابة أو لدى الإدارة العامة للمرور.',
    en: 'The vehicle\'s owner may object to this violation within 30 days of this notice, on the portal or at the General Traffic Department.',
  },
  footer: { ar: 'صدر هذا الإشعار إلكترونيا ولا يحتاج إلى توقيع.', en: 'This notice was issued electronically and needs no signature.' },
} satisfies Record<string, Bilingual>;

export async function renderViolationNoticePdf(view: ViolationNoticeDocument, language: DocumentLanguage): Promise<Buffer> {
  if (view.amount <= 0n) throw invalidDocument('violation_notice', 'amount_not_positive');
  return renderPdf({ template: 'modules/fines/violation-notice.typ', data: violationNoticePrint(view, language), qrCodes: view.payableOnline ? { pay: view.payUrl } : {} });
}

export function violationNoticePrint(view: ViolationNoticeDocument, l: DocumentLanguage) {
  const [when, hijri] = formatDateTimeWithHijri(view.occurredAt, l, view.timeZone).split(' · ');
  return {
    lang: l,
    title: `${T.title[l]} ${view.violationNumber}`,
    issuer: view.issuer[l],
    heading: T.title[l],
    reference: `${T.number[l]} ${view.violationNumber}`,
    details: {
      title: T.details[l],
      rows: [
        { label: T.type[l], value: view.type[l], strong: true },
        { label: T.occurredAt[l], value: when, detail: hijri },
        { label: T.place[l], value: view.place[l] },
        { label: T.plate[l], value: view.plate },
      ],
    },
    amount: { label: T.amount[l], value: formatMoney(view.amount, view.currency, l) },
    hold: view.payableOnline ? null : [T.notOnline[l], view.holdReason?.[l]].filter(Boolean).join(l === 'ar' ? '، ' : ': '),
    pay: view.payableOnline ? { qr: 'pay', caption: T.scanToPay[l], url: view.payUrl } : null,
    objection: T.objection[l],
    footer: T.footer[l],
  };
}
