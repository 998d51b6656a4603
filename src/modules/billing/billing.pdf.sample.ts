// A realistic e-bill view model for tests and for scripts/render-sample-pdfs.ts (the README's pictures):
// a private-housing electricity account in Kuwait at the 2 fils/kWh tariff, with an arrears line and a fixed charge.
import type { BillDocument } from './billing.pdf.js';

export function sampleBillDocument(overrides: Partial<BillDocument> = {}): BillDocument {
  return {
    biller: { ar: 'وزارة الكهرباء والماء والطاقة المتجددة', en: 'Ministry of Electricity, Water & Renewable Energy' },
    billNumber: 'EB-2026-11-004217',
    accountNumber: '1200458731',
    meterNumber: 'KW-E-3309174',
    customerName: { ar: 'فاطمة عبدالله الصباح', en: 'Fatima Abdullah Al-Sabah' },
    address: { ar: 'السالمية، قطعة 10، شارع 4، منزل 23', en: 'Salmiya, Block 10, Street 4, House 23' },
    category: { ar: 'سكن خاص', en: 'Private housing' },
    period: '2026-11',
    periodFrom: '2026-10-28',
    periodTo: '2026-11-27',
    issueDate: '2026-11-28',
    dueDate: '2026-12-27',
    reading: { previous: 48_210, current: 52_460, consumption: 4_250, unit: 'kWh', estimated: false },
    lines: [
      { kind: 'tier', label: { ar: 'استهلاك الكهرباء', en: 'Electricity' }, from: 0, to: null, quantity: 4_250, rate: { amount: 2n, per: 1 }, amount: 8_500n },
      { kind: 'fixed', label: { ar: 'رسوم العداد الثابتة', en: 'Fixed meter charge' }, amount: 1_000n },
      { kind: 'arrears', label: { ar: 'متأخرات من الفواتير السابقة', en: 'Arrears carried forward' }, amount: 3_000n },
    ],
    totalDue: 12_500n,
    currency: 'KWD',
    history: [
      ['2025-12', 2_900], ['2026-01', 2_650], ['2026-02', 2_480], ['2026-03', 2_760], ['2026-04', 3_410], ['2026-05', 4_980],
      ['2026-06', 6_720], ['2026-07', 7_850], ['2026-08', 8_120], ['2026-09', 6_940], ['2026-10', 5_230], ['2026-11', 4_250],
    ].map(([period, quantity]) => ({ period: period as string, quantity: quantity as number })),
    payUrl: 'https://tasdeed.example.kw/pay/bill_01JDX4Q8K2M7T9',
    previousBalance: 0n,
    settlement: 'online',
    ...overrides,
  };
}
