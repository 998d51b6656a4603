import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { inkCoverage, pageCount, pngSize, rasterizePage, readableText } from '../../shared/pdf/poppler.js';
import { renderBillPdf, type BillDocument } from './billing.pdf.js';
import { sampleBillDocument } from './billing.pdf.sample.js';

/** A tiered, estimated bill with a credit carried forward: every kind of line at once. */
function tieredBill(): BillDocument {
  return sampleBillDocument({
    category: { ar: 'استثماري', en: 'Investment' },
    reading: { previous: 10_000, current: 12_500, consumption: 2_500, unit: 'kWh', estimated: true },
    lines: [
      { kind: 'tier', label: { ar: 'الشريحة الأولى', en: 'First band' }, from: 0, to: 1_000, quantity: 1_000, rate: { amount: 5n, per: 1 }, amount: 5_000n },
      { kind: 'tier', label: { ar: 'الشريحة الثانية', en: 'Second band' }, from: 1_000, to: 2_000, quantity: 1_000, rate: { amount: 10n, per: 1 }, amount: 10_000n },
      { kind: 'tier', label: { ar: 'الشريحة الثالثة', en: 'Third band' }, from: 2_000, to: null, quantity: 500, rate: { amount: 15n, per: 1 }, amount: 7_500n },
      { kind: 'credit', label: { ar: 'رصيد دائن مرحّل', en: 'Credit carried forward' }, amount: -750n },
    ],
    totalDue: 21_750n,
  });
}

describe('renderBillPdf', () => {
  let arabic: Buffer;
  let english: Buffer;
  beforeAll(async () => {
    arabic = await renderBillPdf(sampleBillDocument(), 'ar');
    english = await renderBillPdf(sampleBillDocument(), 'en');
  });

  it('produces a one-page PDF in each language', async () => {
    for (const pdf of [arabic, english]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await pageCount(pdf)).toBe(1);
    }
  });

  it('rasterises page 1 to an A4 image with a real amount of ink on it', async () => {
    const png = await rasterizePage(arabic, { dpi: 60 });
    const { width, height } = pngSize(png);
    expect(Math.abs(width - (595.28 / 72) * 60)).toBeLessThan(1.5);
    expect(Math.abs(height - (841.89 / 72) * 60)).toBeLessThan(1.5);
    expect(png.length).toBeGreaterThan(20_000);
    const ink = await inkCoverage(arabic);
    expect(ink).toBeGreaterThan(0.04);
    expect(ink).toBeLessThan(0.5);
  });

  it('has Arabic text a reader can copy: the words as written, 12.500 and the dates the right way round', async () => {
    const text = await readableText(arabic);
    for (const words of ['وزارة الكهرباء والماء', 'فاتورة إلكترونية', 'رقم الفاتورة', 'فاطمة عبدالله الصباح', 'تاريخ الاستحقاق', 'المبلغ المستحق', 'استهلاك الكهرباء', 'امسح الرمز للسداد']) {
      expect(text).toContain(words);
    }
    expect(text).toContain('12.500');
    expect(text).not.toMatch(/500\.12|005\.21/);
    expect(text).toContain('2026-12-27');
    expect(text).not.toContain('27-12-2026');
    expect(text).toMatch(/18\s*رجب\s*1448/); // the due date's Hijri day
    expect(text).toContain('EB-2026-11-004217');
    expect(text).toContain('https://tasdeed.example.kw/pay/');
  });

  it('has the same facts in English', async () => {
    const text = await readableText(english);
    for (const words of ['Ministry of Electricity, Water', 'E-bill', 'Fatima Abdullah Al-Sabah', 'Total due', 'KWD 12.500', '2026-12-27', '18 Rajab 1448 AH', 'Arrears carried forward']) {
      expect(text).toContain(words);
    }
  });

  it('prints tier bands, rates, an estimated reading and a credit', async () => {
    const [ar, en] = await Promise.all([renderBillPdf(tieredBill(), 'ar'), renderBillPdf(tieredBill(), 'en')]);
    const arText = await readableText(ar);
    expect(arText).toContain('تقديرية');
    expect(arText).toMatch(/أكثر من\s*2,000/);
    expect(arText).toContain('21.750');
    expect(arText).toContain('-0.750');
    const enText = await readableText(en);
    for (const words of ['Estimated', 'This reading is estimated', 'over 2,000', '1,000 – 2,000', '0.015', 'Credit carried forward', '-0.750', 'KWD 21.750']) {
      expect(enText).toContain(words);
    }
  });

  it('prices water per thousand imperial gallons', async () => {
    const water = sampleBillDocument({
      reading: { previous: 120_000, current: 128_000, consumption: 8_000, unit: 'imperial_gallon', estimated: false },
      lines: [{ kind: 'tier', label: { ar: 'استهلاك المياه', en: 'Water' }, from: 0, to: null, quantity: 8_000, rate: { amount: 2_000n, per: 1_000 }, amount: 16_000n }],
      totalDue: 16_000n,
    });
    const text = await readableText(await renderBillPdf(water, 'en'));
    expect(text).toContain('2.000 / 1,000');
    expect(text).toContain('8,000 imp. gallons');
    expect(text).toContain('KWD 16.000');
  });

  it('prints the previous balance beside the total, never in it', async () => {
    const text = await readableText(english);
    expect(text).toContain('Previous balance unpaid');
    expect(text).toContain('18.182');
    const none = await readableText(await renderBillPdf(sampleBillDocument({ previousBalance: 0n }), 'en'));
    expect(none).not.toContain('Previous balance');
  });

  it('says a government bill is settled by ministry transfer, with no payment QR or pay-online text', async () => {
    const government = sampleBillDocument({ settlement: 'government' });
    const [en, ar] = await Promise.all([readableText(await renderBillPdf(government, 'en')), readableText(await renderBillPdf(government, 'ar'))]);
    expect(en).toContain('settled by ministry transfer');
    expect(en).not.toContain('Scan to pay');
    expect(en).not.toContain('Pay online');
    expect(en).not.toContain('https://tasdeed.example.kw/pay/');
    expect(ar).toContain('بتحويل');
    expect(ar).not.toContain('امسح الرمز للسداد');
  });

  it('refuses a bill whose lines do not add up to the total', async () => {
    const wrong = sampleBillDocument({ totalDue: 12_501n });
    await expect(renderBillPdf(wrong, 'ar')).rejects.toSatisfy((error) => error instanceof AppError && error.code === 'pdf_document_invalid');
  });

  it('refuses a credit line with a positive amount', async () => {
    const bill = sampleBillDocument();
    bill.lines = [...bill.lines, { kind: 'credit', label: { ar: 'رصيد', en: 'Credit' }, amount: 500n }];
    bill.totalDue += 500n;
    await expect(renderBillPdf(bill, 'en')).rejects.toThrow(/pdf_document_invalid/);
  });
});
