import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { bracketsInOrder, documentInfo, embeddedFonts, flatText, joinNumbers, inkCoverage, pageCount, pngSize, rasterizePage } from '../../shared/pdf/poppler.js';
import { closeRenderPool } from '../../shared/pdf/render.js';
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

const MODES = [{ name: 'default', raw: false }, { name: '-raw', raw: true }] as const;


describe('renderBillPdf', () => {
  let arabic: Buffer;
  let english: Buffer;
  beforeAll(async () => {
    [arabic, english] = await Promise.all([renderBillPdf(sampleBillDocument(), 'ar'), renderBillPdf(sampleBillDocument(), 'en')]);
  });
  afterAll(closeRenderPool);

  it('produces a one-page PDF in each language, with its language and title', async () => {
    for (const pdf of [arabic, english]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await pageCount(pdf)).toBe(1);
      // Tagged (a structure tree) with the document's language, for screen readers.
      expect(pdf.toString('latin1')).toContain('/StructTreeRoot');
    }
    expect(arabic.toString('latin1')).toMatch(/\/Lang\s*\(ar\)/);
    expect(english.toString('latin1')).toMatch(/\/Lang\s*\(en\)/);
    expect(await documentInfo(arabic)).toEqual({ title: 'فاتورة إلكترونية EB-2026-11-004217', author: 'وزارة الكهرباء والماء والطاقة المتجددة' });
    expect(await documentInfo(english)).toEqual({ title: 'E-bill EB-2026-11-004217', author: 'Ministry of Electricity, Water & Renewable Energy' });
  });

  it('embeds only the project\'s own fonts, whatever the machine has installed', async () => {
    for (const pdf of [arabic, english]) {
      for (const font of await embeddedFonts(pdf)) expect(['Amiri-Regular', 'Amiri-Bold', 'NotoSans-Regular', 'NotoSans-Bold']).toContain(font);
    }
    expect(await embeddedFonts(arabic)).toContain('Amiri-Regular');
  });

  it('renders the same bytes for the same bill', async () => {
    expect((await renderBillPdf(sampleBillDocument(), 'ar')).equals(arabic)).toBe(true);
  });

  it('rasterises page 1 to an A4 image with a real amount of ink on it', async () => {
    const png = await rasterizePage(arabic, { dpi: 60 });
    const { width, height } = pngSize(png);
    expect(Math.abs(width - (595.28 / 72) * 60)).toBeLessThan(1.5);
    expect(Math.abs(height - (841.89 / 72) * 60)).toBeLessThan(1.5);
    const ink = await inkCoverage(arabic);
    expect(ink).toBeGreaterThan(0.04);
    expect(ink).toBeLessThan(0.5);
  });

  for (const mode of MODES) {
    it(`has Arabic text a reader can copy (pdftotext ${mode.name}): words in logical order, numbers the right way round`, async () => {
      const text = joinNumbers(await flatText(arabic, { raw: mode.raw }));
      for (const words of [
        'وزارة الكهرباء والماء والطاقة المتجددة', 'فاتورة إلكترونية', 'رقم الفاتورة', 'فاطمة عبدالله الصباح', 'تاريخ الاستحقاق',
        'المبلغ المستحق', 'استهلاك الكهرباء', 'امسح الرمز للسداد', 'متأخرات من الفواتير السابقة', 'الرصيد السابق غير المسدد',
        '12.500 د.ك', 'EB-2026-11-004217', '2026-12-27', '2026-10-28 – 2026-11-27', 'https://tasdeed.example.kw/pay/',
      ]) {
        expect(text).toContain(joinNumbers(words));
      }
      expect(text).toContain(joinNumbers('18 رجب 1448 هـ')); // the due date's Hijri day, on its own line
      expect(text).not.toMatch(/500\.12|005\.21|27-12-2026|الصباح عبدالله فاطمة/);
      expect(text).toContain('(كيلوواط ساعة)');
      expect(bracketsInOrder(text)).toBe(true);
    });
  }

  it('reads the Arabic page in order with -raw: name before account, labels before their values', async () => {
    const text = await flatText(arabic, { raw: true });
    const order = ['الاسم فاطمة عبدالله الصباح', 'رقم الحساب 1200458731', 'رقم العداد KW-E-3309174', 'الشريحة(كيلوواط ساعة)', 'السعر(د.ك)', 'المبلغ المستحق'];
    const positions = order.map((words) => text.indexOf(words));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  for (const mode of MODES) {
    it(`has the same facts in English (pdftotext ${mode.name})`, async () => {
      const text = await flatText(english, { raw: mode.raw });
      for (const words of ['Ministry of Electricity, Water', 'E-bill', 'Fatima Abdullah Al-Sabah', 'Total due', 'KWD 12.500', '2026-12-27', '18 Rajab 1448 AH', 'Arrears carried forward', 'Previous balance unpaid', 'KWD 0.000', 'Scan to pay']) {
        expect(text).toContain(words);
      }
    });
  }

  it('prints the previous balance beside the bill, and what is owed in all', async () => {
    const text = await flatText(await renderBillPdf(sampleBillDocument({ previousBalance: 4_250n }), 'en'), { raw: true });
    expect(text).toContain('Previous balance unpaid KWD 4.250');
    expect(text).toContain('Owed in all KWD 16.750');
    expect(text).toMatch(/Total due.*KWD 12\.500/);
  });

  it('has no payment QR or pay-online line on a bill settled through the government', async () => {
    const government = sampleBillDocument({ settlement: 'government' });
    const [en, ar] = await Promise.all([renderBillPdf(government, 'en'), renderBillPdf(government, 'ar')]);
    const enText = await flatText(en);
    expect(enText).not.toContain('Scan to pay');
    expect(enText).not.toContain('tasdeed.example.kw/pay');
    expect(enText).not.toContain('Pay online');
    expect(enText).toContain('settled by ministry transfer from the government body concerned');
    const arText = await flatText(ar, { raw: true });
    expect(arText).not.toContain('امسح الرمز للسداد');
    expect(arText).toContain('تسدد هذه الفاتورة بتحويل من الجهة الحكومية المختصة إلى الوزارة ولا تدفع عبر البوابة');
  });

  it('prints the Saudi tax-invoice QR and VAT lines when the biller is registered for VAT', async () => {
    const saudi = sampleBillDocument({
      currency: 'SAR',
      lines: [
        { kind: 'tier', label: { ar: 'استهلاك الكهرباء', en: 'Electricity' }, from: 0, to: null, quantity: 1_000, rate: { amount: 18n, per: 1 }, amount: 18_000n },
        { kind: 'fixed', label: { ar: 'ضريبة القيمة المضافة 15%', en: 'VAT 15%' }, amount: 2_700n },
      ],
      totalDue: 20_700n,
      taxInvoice: { sellerName: 'الشركة السعودية للكهرباء', vatNumber: '300000000000003', issuedAt: new Date('2026-11-28T09:00:00Z'), vatAmount: 2_700n },
    });
    const [ar, plain] = await Promise.all([renderBillPdf(saudi, 'ar'), renderBillPdf({ ...saudi, taxInvoice: undefined }, 'ar')]);
    const text = joinNumbers(await flatText(ar, { raw: true }));
    expect(text).toContain('فاتورة ضريبية مبسطة');
    expect(text).toContain(joinNumbers('الرقم الضريبي 300000000000003'));
    expect(text).toContain(joinNumbers('ضريبة القيمة المضافة 27.00 ر.س'));
    // the QR code's ink, beside the same bill without it
    expect(await inkCoverage(ar)).toBeGreaterThan((await inkCoverage(plain)) + 0.005);
  });

  it('prints tier bands, rates, an estimated reading and a credit', async () => {
    const [ar, en] = await Promise.all([renderBillPdf(tieredBill(), 'ar'), renderBillPdf(tieredBill(), 'en')]);
    const arText = await flatText(ar, { raw: true });
    expect(arText).toContain('تقديرية');
    expect(arText).toContain('أكثر من 2,000');
    expect(arText).toContain('21.750 د.ك');
    expect(arText).toContain('-0.750');
    const enText = await flatText(en);
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
    const text = await flatText(await renderBillPdf(water, 'en'));
    expect(text).toContain('2.000 / 1,000');
    expect(text).toContain('8,000 imp.gallons');
    expect(text).toContain('KWD 16.000');
  });

  it('says a government bill is settled by ministry transfer, with no payment QR or pay-online text', async () => {
    const government = sampleBillDocument({ settlement: 'government' });
    const [en, ar] = await Promise.all([flatText(await renderBillPdf(government, 'en')), flatText(await renderBillPdf(government, 'ar'))]);
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
