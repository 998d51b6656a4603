// A realistic receipt view model for tests and for scripts/render-sample-pdfs.ts (the README's pictures):
// one KNET card payment settling an electricity bill and a traffic fine.
import type { ReceiptDocument } from './receipts.pdf.js';

export function sampleReceiptDocument(overrides: Partial<ReceiptDocument> = {}): ReceiptDocument {
  return {
    receiptNumber: 'WEB-2026-0004381',
    issuingPoint: { ar: 'البوابة الإلكترونية', en: 'Web portal' },
    paidAt: new Date('2026-11-21T11:05:00Z'),
    timeZone: 'Asia/Kuwait',
    payer: { name: { ar: 'فاطمة ع. الصباح', en: 'Fatima A. Al-Sabah' }, idNumber: '2850••••••17' },
    channel: 'knet',
    gateway: { name: 'KNET', paymentId: '100202633012345678', authCode: '482913', reference: '633012000458', trackId: 'TSD01JDX4Q8K2M7T9' },
    items: [
      { biller: { ar: 'وزارة الكهرباء والماء', en: 'Ministry of Electricity & Water' }, reference: 'EB-2026-11-004217', description: { ar: 'فاتورة كهرباء 2026-11', en: 'Electricity bill 2026-11' }, amount: 12_500n },
      { biller: { ar: 'وزارة الداخلية - الإدارة العامة للمرور', en: 'Ministry of Interior - Traffic' }, reference: 'TV-2026-771045', description: { ar: 'مخالفة عدم ربط حزام الأمان', en: 'Seatbelt violation' }, amount: 30_000n },
    ],
    total: 42_500n,
    currency: 'KWD',
    status: 'paid',
    verifyUrl: 'https://tasdeed.example.kw/r/WEB-2026-0004381?sig=q2v8WZt1cJk3Rb7YxN0aLg',
    ...overrides,
  };
}
