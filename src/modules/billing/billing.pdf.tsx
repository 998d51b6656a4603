// The e-bill as a PDF, in Arabic (right to left throughout) or English. The billing module builds a BillDocument
// from its own records and calls renderBillPdf; nothing here reads the database.
import { Document, Page, View } from '@react-pdf/renderer';
import { formatAmount } from '../../shared/money.js';
import { PdfText, Row, DocumentHeader, LabelValueRow, MoneyCell, PageFooter, QrBlock, SectionTitle } from '../../shared/pdf/components.js';
import { BarChart } from '../../shared/pdf/chart.js';
import { formatDayWithHijri, formatQuantity, currencyName, type Bilingual, type DocumentLanguage } from '../../shared/pdf/format.js';
import { formatHijri } from '../../shared/hijri.js';
import { invalidDocument } from '../../shared/pdf/pdf.errors.js';
import { qrPngDataUrl } from '../../shared/pdf/qr.js';
import { renderPdfToBuffer } from '../../shared/pdf/render.js';
import { colors, layoutFor, styles, type Layout } from '../../shared/pdf/theme.js';

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
  /** Where to pay this bill; printed as a QR code and as text (online settlement only). */
  payUrl: string;
  /** What earlier bills still owed at issue (the ledger's figure, stored on the bill); printed, never added. May be zero. */
  previousBalance: bigint;
  /** 'government': settled by a ministry-to-ministry transfer, so no payment QR and no pay-online text. */
  settlement: 'online' | 'government';
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
  previousBalance: { ar: 'الرصيد السابق غير المسدد (غير مشمول في المبلغ المستحق)', en: 'Previous balance unpaid (not included in the total due)' },
  ministryTransfer: {
    ar: 'تُسدد هذه الفاتورة بتحويل من الوزارة المعنية إلى وزارة الكهرباء والماء، ولا تُدفع عبر الإنترنت.',
    en: 'This bill is settled by ministry transfer between government bodies; it is not paid online.',
  },
  governmentFooter: {
    ar: 'تُسدد فواتير الجهات الحكومية بتحويل بين الوزارات. صدرت هذه الفاتورة إلكترونياً ولا تحتاج إلى توقيع.',
    en: 'Government bills are settled by ministry transfer. This bill was issued electronically and needs no signature.',
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
  const qr = view.settlement === 'online' ? await qrPngDataUrl(view.payUrl) : '';
  return renderPdfToBuffer(<BillPdf view={view} layout={layoutFor(language, 10)} qr={qr} />);
}

function BillPdf({ view, layout, qr }: { view: BillDocument; layout: Layout; qr: string }) {
  const l = layout.language;
  const unit = UNITS[view.reading.unit][l];
  return (
    <Document title={`${T.title[l]} ${view.billNumber}`} author={view.biller[l]} language={l} creator="Tasdeed" producer="Tasdeed">
      <Page size="A4" style={[styles.page, { fontFamily: layout.fontFamily }]}>
        <DocumentHeader layout={layout} biller={view.biller} title={`${T.title[l]} · ${view.period}`} reference={`${T.billNumber[l]} ${view.billNumber}`} />

        <Row layout={layout} style={[styles.section, { justifyContent: 'space-between' }]}>
          <View style={{ width: '48.5%' }}>
            <SectionTitle layout={layout}>{T.customer[l]}</SectionTitle>
            <LabelValueRow layout={layout} label={T.name[l]} value={view.customerName[l]} strong />
            <LabelValueRow layout={layout} label={T.account[l]} value={view.accountNumber} />
            <LabelValueRow layout={layout} label={T.meter[l]} value={view.meterNumber} />
            <LabelValueRow layout={layout} label={T.address[l]} value={view.address[l]} />
            <LabelValueRow layout={layout} label={T.category[l]} value={view.category[l]} />
          </View>
          <View style={{ width: '48.5%' }}>
            <SectionTitle layout={layout}>{T.bill[l]}</SectionTitle>
            <LabelValueRow layout={layout} label={T.period[l]} value={`${view.periodFrom} – ${view.periodTo}`} detail={view.period} />
            <LabelValueRow layout={layout} label={T.issueDate[l]} value={view.issueDate} detail={formatHijri(view.issueDate, l)} />
            <LabelValueRow layout={layout} label={T.dueDate[l]} value={view.dueDate} detail={formatHijri(view.dueDate, l)} strong />
          </View>
        </Row>

        <View style={styles.section}>
          <SectionTitle layout={layout}>{T.readings[l]}</SectionTitle>
          <Readings view={view} layout={layout} unit={unit} />
        </View>

        <View style={styles.section}>
          <SectionTitle layout={layout}>{T.charges[l]}</SectionTitle>
          <Charges view={view} layout={layout} unit={unit} />
        </View>

        <Row layout={layout} style={[styles.section, styles.panel, { justifyContent: 'space-between', alignItems: 'center', borderWidth: 1, borderColor: colors.band }]}>
          <View>
            <PdfText layout={layout} style={{ fontSize: 12, fontWeight: 700, color: colors.band }}>{T.totalDue[l]}</PdfText>
            <PdfText layout={layout} style={{ fontSize: 8, color: colors.muted }}>{`${T.payBy[l]} ${formatDayWithHijri(view.dueDate, l)}`}</PdfText>
          </View>
          <MoneyCell layout={layout} amount={view.totalDue} currency={view.currency} strong size={18} style={{ color: colors.band }} />
        </Row>
        {view.previousBalance !== 0n && (
          <Row layout={layout} style={{ justifyContent: 'space-between', marginTop: 4 }}>
            <PdfText layout={layout} style={{ fontSize: 9 }}>{T.previousBalance[l]}</PdfText>
            <MoneyCell layout={layout} amount={view.previousBalance} currency={view.currency} />
          </Row>
        )}

        <Row layout={layout} style={[styles.section, { marginTop: 16, justifyContent: 'space-between', alignItems: 'flex-end' }]}>
          <View style={{ width: '52%' }}>
            <SectionTitle layout={layout}>{T.history[l]}</SectionTitle>
            <BarChart layout={layout} points={view.history.slice(-12)} current={view.period} width={270} height={96} unit={unit} />
          </View>
          <View style={{ width: '44%' }}>
            {view.settlement === 'online'
              ? <QrBlock layout={layout} dataUrl={qr} caption={T.scanToPay[l]} url={view.payUrl} size={100} textWidth={122} />
              : <PdfText layout={layout} style={{ fontSize: 10, fontWeight: 700 }}>{T.ministryTransfer[l]}</PdfText>}
          </View>
        </Row>

        <PageFooter layout={layout} note={view.settlement === 'online' ? T.footer[l] : T.governmentFooter[l]} reference={view.billNumber} />
      </Page>
    </Document>
  );
}

function Readings({ view, layout, unit }: { view: BillDocument; layout: Layout; unit: string }) {
  const l = layout.language;
  const { reading } = view;
  const cells: [string, string, boolean][] = [
    [T.previous[l], formatQuantity(reading.previous), false],
    [T.current[l], formatQuantity(reading.current), false],
    [T.consumption[l], `${formatQuantity(reading.consumption)} ${unit}`, true],
    [T.readingType[l], reading.estimated ? T.estimated[l] : T.actual[l], reading.estimated],
  ];
  return (
    <View>
      <Row layout={layout} style={{ justifyContent: 'space-between' }}>
        {cells.map(([label, value, strong]) => (
          <View key={label} style={[styles.panel, { width: '24%', paddingVertical: 5 }]}>
            <PdfText layout={layout} align="center" style={{ fontSize: 8, color: colors.muted }}>{label}</PdfText>
            <PdfText
              layout={layout}
              align="center"
              style={{ fontSize: 12, fontWeight: strong ? 700 : 400, color: label === T.readingType[l] && reading.estimated ? colors.warning : colors.ink }}
            >
              {value}
            </PdfText>
          </View>
        ))}
      </Row>
      {reading.estimated ? (
        <PdfText layout={layout} style={{ fontSize: 8, color: colors.warning, marginTop: 3 }}>{T.estimatedNote[l]}</PdfText>
      ) : null}
    </View>
  );
}

const COLUMNS = { description: '34%', range: '20%', quantity: '13%', rate: '17%', amount: '16%' } as const;

function Charges({ view, layout, unit }: { view: BillDocument; layout: Layout; unit: string }) {
  const l = layout.language;
  const currency = currencyName(view.currency, l);
  const header: [keyof typeof COLUMNS, string][] = [
    ['description', T.description[l]],
    ['range', `${T.range[l]} (${unit})`],
    ['quantity', T.quantity[l]],
    ['rate', `${T.rate[l]} (${currency})`],
    ['amount', `${T.amount[l]} (${currency})`],
  ];
  return (
    <View>
      <Row layout={layout} style={{ backgroundColor: colors.panel, paddingVertical: 3, paddingHorizontal: 4 }}>
        {header.map(([key, text]) => (
          <View key={key} style={{ width: COLUMNS[key] }}>
            <PdfText layout={layout} align={key === 'description' ? 'start' : 'end'} style={{ fontSize: 8, fontWeight: 700, color: colors.muted }}>{text}</PdfText>
          </View>
        ))}
      </Row>
      {view.lines.map((line, index) => (
        <Row key={index} layout={layout} style={[styles.rule, { paddingVertical: 3, paddingHorizontal: 4 }]}>
          <View style={{ width: COLUMNS.description }}>
            <PdfText layout={layout}>{line.label[l]}</PdfText>
          </View>
          <View style={{ width: COLUMNS.range }}>
            <PdfText layout={layout} align="end">{line.kind === 'tier' ? bandText(line.from, line.to, l) : ''}</PdfText>
          </View>
          <View style={{ width: COLUMNS.quantity }}>
            <PdfText layout={layout} align="end">{line.kind === 'tier' ? formatQuantity(line.quantity) : ''}</PdfText>
          </View>
          <View style={{ width: COLUMNS.rate }}>
            <PdfText layout={layout} align="end">{line.kind === 'tier' ? rateText(line.rate, view.currency) : ''}</PdfText>
          </View>
          <View style={{ width: COLUMNS.amount }}>
            <MoneyCell layout={layout} amount={line.amount} currency={view.currency} bare />
          </View>
        </Row>
      ))}
    </View>
  );
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
