// A fixed collections report for the appearance tests and for looking at the PDF export by hand: two currencies,
// Arabic biller names, a refund, and the totals per currency. Not read by the service.
import { column, totalsByCurrency, type ReportRow, type ReportTable } from './report-table.js';

const columns = [
  column('day', 'text', 'Day', 'اليوم'),
  column('channel', 'text', 'Channel', 'القناة'),
  column('billerCode', 'text', 'Biller', 'الجهة'),
  column('billerNameEn', 'text', 'Biller name', 'اسم الجهة (إنجليزي)'),
  column('billerNameAr', 'text', 'Biller name (Arabic)', 'اسم الجهة'),
  column('currency', 'text', 'Currency', 'العملة'),
  column('payments', 'count', 'Payments', 'عدد الدفعات'),
  column('amount', 'amount', 'Collected', 'المحصّل'),
  column('refunded', 'amount', 'Refunded since', 'المسترد لاحقًا'),
  column('net', 'amount', 'Net', 'الصافي'),
];

const row = (day: string, channel: string, billerCode: string, nameEn: string, nameAr: string, currency: string, payments: number, amount: string, refunded: string, net: string): ReportRow =>
  ({ day, channel, billerCode, billerNameEn: nameEn, billerNameAr: nameAr, currency, payments, amount, refunded, net });

export function sampleReportTable(): ReportTable {
  const rows = [
    row('2026-11-01', 'counter', 'mew-electricity', 'Electricity (MEW)', 'الكهرباء (وزارة الكهرباء والماء)', 'KWD', 1284, '15230.750', '12.500', '15218.250'),
    row('2026-11-01', 'knet', 'mew-electricity', 'Electricity (MEW)', 'الكهرباء (وزارة الكهرباء والماء)', 'KWD', 5310, '48120.125', '0.000', '48120.125'),
    row('2026-11-01', 'knet', 'mew-water', 'Water (MEW)', 'المياه (وزارة الكهرباء والماء)', 'KWD', 2045, '6410.500', '4.250', '6406.250'),
    row('2026-11-02', 'bank', 'moi-traffic', 'Traffic fines', 'المخالفات المرورية', 'KWD', 96, '1450.000', '0.000', '1450.000'),
    row('2026-11-02', 'knet', 'sec-riyadh', 'Saudi Electricity (Riyadh)', 'الشركة السعودية للكهرباء (الرياض)', 'SAR', 412, '98230.45', '120.00', '98110.45'),
  ];
  return {
    report: 'collections-breakdown',
    titleEn: 'Collections from 2026-11-01 to 2026-11-02',
    titleAr: 'التحصيل من 2026-11-01 إلى 2026-11-02',
    filters: { from: '2026-11-01', to: '2026-11-02', timeZone: 'Asia/Kuwait', billerCode: null },
    generatedAt: '2026-11-03T06:15:00.000Z',
    columns,
    rows,
    totals: totalsByCurrency(columns, rows),
  };
}
