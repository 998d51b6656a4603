// The payment receipt as a PDF, in Arabic (right to left throughout) or English. The payments module builds a
// ReceiptDocument from a posted payment and calls renderReceiptPdf; nothing here reads the database.
import { Document, Page, Text, View } from '@react-pdf/renderer';
import { formatAmount } from '../../shared/money.js';
import { PdfText, Row, DocumentHeader, LabelValueRow, MoneyCell, PageFooter, QrBlock, SectionTitle } from '../../shared/pdf/components.js';
import { formatLocalDateTime, formatDateTimeWithHijri, localize, type Bilingual, type DocumentLanguage, type Localized } from '../../shared/pdf/format.js';
import { formatHijri } from '../../shared/hijri.js';
import { ARABIC_FAMILY, LATIN_FAMILY } from '../../shared/pdf/fonts.js';
import { invalidDocument } from '../../shared/pdf/pdf.errors.js';
import { qrPngDataUrl } from '../../shared/pdf/qr.js';
import { renderPdfToBuffer } from '../../shared/pdf/render.js';
import { colors, layoutFor, styles, type Layout } from '../../shared/pdf/theme.js';

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

const A5_WIDTH = 419.53;

const PLATFORM: Bilingual = { ar: 'تسديد', en: 'Tasdeed' };

const CHANNELS: Record<ReceiptChannel, Bilingual> = {
  knet: { ar: 'بطاقة كي نت', en: 'KNET card' },
  bank: { ar: 'بنك', en: 'Bank' },
  counter: { ar: 'مكتب خدمة', en: 'Service counter' },
  kiosk: { ar: 'جهاز خدمة ذاتية', en: 'Self-service kiosk' },
  credit: { ar: 'رصيد دائن', en: 'Account credit' },
};

const STATUS: Record<ReceiptStatus, { label: Bilingual; note?: Bilingual; color: string; stamp?: Bilingual }> = {
  paid: { label: { ar: 'مدفوع', en: 'Paid' }, color: colors.accent },
  partially_refunded: {
    label: { ar: 'مسترد جزئياً', en: 'Partly refunded' },
    note: { ar: 'أُعيد جزء من هذا المبلغ إلى الدافع.', en: 'Part of this payment was given back to the payer.' },
    color: colors.warning,
  },
  refunded: {
    label: { ar: 'مسترد', en: 'Refunded' },
    note: { ar: 'أُعيد هذا المبلغ إلى الدافع، ولم يعد هذا الإيصال إثباتاً للسداد.', en: 'This payment was given back to the payer. This receipt no longer proves payment.' },
    color: colors.warning,
    stamp: { ar: 'مسترد', en: 'REFUNDED' },
  },
  reversed: {
    label: { ar: 'ملغاة', en: 'Reversed' },
    note: { ar: 'أُلغيت هذه العملية، ولم يعد هذا الإيصال إثباتاً للسداد.', en: 'This payment was reversed. This receipt no longer proves payment.' },
    color: colors.danger,
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

export async function renderReceiptPdf(view: ReceiptDocument, language: DocumentLanguage): Promise<Buffer> {
  checkReceiptDocument(view);
  const qr = await qrPngDataUrl(view.verifyUrl);
  return renderPdfToBuffer(<ReceiptPdf view={view} layout={layoutFor(language)} qr={qr} />);
}

function ReceiptPdf({ view, layout, qr }: { view: ReceiptDocument; layout: Layout; qr: string }) {
  const l = layout.language;
  const status = STATUS[view.status];
  const channel = typeof view.channel === 'string' ? CHANNELS[view.channel][l] : view.channel[l];
  const rows: [string, string, string?][] = [
    [T.paidAt[l], formatLocalDateTime(view.paidAt, view.timeZone), formatHijri(view.paidAt, l, { timeZone: view.timeZone })],
    [T.issuingPoint[l], localize(view.issuingPoint, l)],
    ...(view.payer.name ? [[T.payer[l], localize(view.payer.name, l)] as [string, string]] : []),
    ...(view.payer.idNumber ? [[T.idNumber[l], view.payer.idNumber] as [string, string]] : []),
    [T.channel[l], channel],
    ...(view.gateway && view.channel !== 'knet' ? [[T.gateway[l], view.gateway.name] as [string, string]] : []),
    ...gatewayRows(view, l),
  ];
  return (
    <Document title={`${T.title[l]} ${view.receiptNumber}`} language={l} creator="Tasdeed" producer="Tasdeed">
      <Page size="A5" style={[styles.page, { paddingHorizontal: 26, paddingTop: 22, paddingBottom: 20, fontFamily: layout.fontFamily }]}>
        {status.stamp ? <Watermark text={status.stamp[l]} color={status.color} language={l} /> : null}
        <DocumentHeader layout={layout} biller={view.issuer ?? PLATFORM} title={T.title[l]} reference={`${T.receiptNumber[l]} ${view.receiptNumber}`} compact />

        <Row layout={layout} style={[styles.section, { backgroundColor: status.color, borderRadius: 4, padding: 6, justifyContent: 'space-between', alignItems: 'center' }]}>
          <PdfText layout={layout} style={{ color: colors.bandText, fontSize: status.stamp ? 14 : 11, fontWeight: 700 }}>{`${T.status[l]}: ${status.label[l]}`}</PdfText>
          {view.statusChangedAt && view.status !== 'paid' ? (
            <PdfText layout={layout} align="end" style={{ color: colors.bandText, fontSize: 8 }}>{`${T.statusChangedAt[l]} ${formatDateTimeWithHijri(view.statusChangedAt, l, view.timeZone)}`}</PdfText>
          ) : null}
        </Row>
        {status.note ? <PdfText layout={layout} style={{ color: status.color, fontSize: 8, marginTop: 3 }}>{status.note[l]}</PdfText> : null}

        <View style={styles.section}>
          <SectionTitle layout={layout}>{T.details[l]}</SectionTitle>
          {rows.map(([label, value, detail]) => <LabelValueRow key={label} layout={layout} label={label} value={value} detail={detail} />)}
        </View>

        <View style={styles.section}>
          <SectionTitle layout={layout}>{T.paid[l]}</SectionTitle>
          <Items view={view} layout={layout} />
        </View>

        <View wrap={false} style={[styles.section, { alignItems: layout.rtl ? 'flex-end' : 'flex-start' }]}>
          <View style={{ width: '85%' }}>
            <QrBlock layout={layout} dataUrl={qr} caption={T.verify[l]} url={view.verifyUrl} size={66} textWidth={200} />
          </View>
        </View>
        <PageFooter layout={layout} reference={view.receiptNumber} />
      </Page>
    </Document>
  );
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

function Items({ view, layout }: { view: ReceiptDocument; layout: Layout }) {
  const l = layout.language;
  const cell = (width: string) => ({ width });
  return (
    <View>
      <Row layout={layout} style={{ backgroundColor: colors.panel, paddingVertical: 3, paddingHorizontal: 4 }}>
        <View style={cell('45%')}><PdfText layout={layout} style={{ fontSize: 7.5, fontWeight: 700, color: colors.muted }}>{T.biller[l]}</PdfText></View>
        <View style={cell('30%')}><PdfText layout={layout} style={{ fontSize: 7.5, fontWeight: 700, color: colors.muted }}>{T.payable[l]}</PdfText></View>
        <View style={cell('25%')}><PdfText layout={layout} align="end" style={{ fontSize: 7.5, fontWeight: 700, color: colors.muted }}>{T.amount[l]}</PdfText></View>
      </Row>
      {view.items.map((item, index) => (
        <Row key={index} layout={layout} wrap={false} style={[styles.rule, { paddingVertical: 3, paddingHorizontal: 4 }]}>
          <View style={cell('45%')}>
            <PdfText layout={layout}>{item.biller[l]}</PdfText>
            {item.description ? <PdfText layout={layout} style={{ fontSize: 7.5, color: colors.muted }}>{item.description[l]}</PdfText> : null}
          </View>
          <View style={cell('30%')}><PdfText layout={layout}>{item.reference}</PdfText></View>
          <View style={cell('25%')}><MoneyCell layout={layout} amount={item.amount} currency={view.currency} /></View>
        </Row>
      ))}
      {view.credit ? <TotalRow layout={layout} label={T.credit[l]} amount={view.credit} currency={view.currency} /> : null}
      <TotalRow layout={layout} label={T.total[l]} amount={view.total} currency={view.currency} strong />
      {view.refunded ? <TotalRow layout={layout} label={T.refunded[l]} amount={view.refunded} currency={view.currency} /> : null}
    </View>
  );
}

function TotalRow(props: { layout: Layout; label: string; amount: bigint; currency: string; strong?: boolean }) {
  const { layout } = props;
  return (
    <Row layout={layout} style={{ justifyContent: 'space-between', paddingVertical: 3, paddingHorizontal: 4, backgroundColor: props.strong ? colors.panel : undefined }}>
      <PdfText layout={layout} style={{ fontWeight: props.strong ? 700 : 400 }}>{props.label}</PdfText>
      <MoneyCell layout={layout} amount={props.amount} currency={props.currency} strong={props.strong} size={props.strong ? 12 : 9} />
    </Row>
  );
}

/**
 * A large, faint, slanted word across every page, so a refunded or reversed receipt cannot pass for a paid one.
 * The text box has an explicit width: react-pdf misplaces a right-to-left line that is left to size itself.
 */
function Watermark({ text, color, language }: { text: string; color: string; language: DocumentLanguage }) {
  const width = A5_WIDTH;
  return (
    <View fixed style={{ position: 'absolute', top: 200, left: 0, width, height: 140, justifyContent: 'center', alignItems: 'center', transform: 'rotate(-28deg)' }}>
      <Text style={{ width, textAlign: 'center', fontFamily: language === 'ar' ? ARABIC_FAMILY : LATIN_FAMILY, direction: language === 'ar' ? 'rtl' : 'ltr', fontSize: 64, fontWeight: 700, color, opacity: 0.14 }}>
        {text}
      </Text>
    </View>
  );
}
