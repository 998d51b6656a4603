import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { bracketsInOrder, flatText, inkCoverage, joinNumbers, pageCount, pngSize, rasterizePage } from '../../shared/pdf/poppler.js';
import { closeRenderPool } from '../../shared/pdf/render.js';
import { renderReceiptPdf } from './receipts.pdf.js';
import { sampleReceiptDocument } from './receipts.pdf.sample.js';

const MODES = [{ name: 'default', raw: false }, { name: '-raw', raw: true }] as const;
const MM = 72 / 25.4;

describe('renderReceiptPdf', () => {
  let arabic: Buffer;
  let english: Buffer;
  beforeAll(async () => {
    [arabic, english] = await Promise.all([renderReceiptPdf(sampleReceiptDocument(), 'ar'), renderReceiptPdf(sampleReceiptDocument(), 'en')]);
  });
  afterAll(closeRenderPool);

  it('produces a one-page A4 PDF in each language, rasterised to a real image', async () => {
    for (const pdf of [arabic, english]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await pageCount(pdf)).toBe(1);
      const { width, height } = pngSize(await rasterizePage(pdf, { dpi: 72 }));
      expect(Math.abs(width - 595.28)).toBeLessThan(1.5);
      expect(Math.abs(height - 841.89)).toBeLessThan(1.5);
      expect(await inkCoverage(pdf)).toBeGreaterThan(0.02);
    }
    expect(arabic.toString('latin1')).toMatch(/\/Lang\s*\(ar\)/);
  });

  it('prints on an 80 mm thermal roll, as long as the receipt is', async () => {
    for (const language of ['ar', 'en'] as const) {
      const pdf = await renderReceiptPdf(sampleReceiptDocument(), language, 'thermal');
      expect(await pageCount(pdf)).toBe(1);
      const { width, height } = pngSize(await rasterizePage(pdf, { dpi: 72 }));
      expect(Math.abs(width - 80 * MM)).toBeLessThan(1.5);
      expect(height).toBeGreaterThan(120 * MM);
      const text = joinNumbers(await flatText(pdf, { raw: true }));
      for (const words of language === 'ar' ? ['إيصال سداد', 'فاطمة ع.الصباح', '42.500 د.ك', 'TV-2026-771045'] : ['Payment receipt', 'KWD 42.500', 'TV-2026-771045']) {
        expect(text).toContain(joinNumbers(words));
      }
    }
  });

  for (const mode of MODES) {
    it(`has Arabic text a reader can copy (pdftotext ${mode.name}): words in logical order, numbers the right way round`, async () => {
      const text = joinNumbers(await flatText(arabic, { raw: mode.raw }));
      for (const words of [
        'الحالة:مدفوع', 'إيصال سداد', 'رقم الإيصال', 'البوابة الإلكترونية', 'بطاقة كي نت', 'المبالغ المسددة', 'وزارة الكهرباء والماء',
        'الإدارة العامة للمرور', 'مخالفة عدم ربط حزام الأمان', 'الإجمالي', 'امسح الرمز للتحقق من صحة الإيصال', 'فاطمة ع.الصباح',
        'WEB-2026-0004381', '12.500 د.ك', '30.000 د.ك', '42.500 د.ك', '2850••••••17', '2026-11-21 14:05', '100202633012345678', 'EB-2026-11-004217',
        '11 جمادى الآخرة 1448 هـ',
      ]) {
        expect(text).toContain(joinNumbers(words));
      }
      expect(text).not.toMatch(/الصباح ع\.فاطمة|500\.12|005\.24/);
      expect(bracketsInOrder(text)).toBe(true);
    });
  }

  it('reads the Arabic receipt in order with -raw: each label before its value', async () => {
    const text = await flatText(arabic, { raw: true });
    const order = ['تاريخ ووقت السداد 2026-11-21 14:05', 'جهة الإصدار البوابة الإلكترونية', 'الدافع فاطمة ع.الصباح', 'الرقم المدني 2850••••••17', 'رقم عملية الدفع 100202633012345678', 'رقم التفويض 482913', 'رقم التتبع TSD01JDX4Q8K2M7T9', 'الإجمالي 42.500 د.ك'];
    const positions = order.map((words) => text.indexOf(words));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('has the same facts in English, with the payment time in Kuwait and the biller apart from the reference', async () => {
    const text = await flatText(english, { raw: true });
    for (const words of ['Payment receipt', 'Status:Paid', 'Paid on 2026-11-21 14:05', '11 Jumada II 1448 AH', 'KNET card', 'Payment ID', 'Authorisation code', 'Total paid KWD 42.500', 'Seatbelt violation']) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/Ministry of Interior - Traffic Seatbelt violation TV-2026-771045 KWD 30\.000/);
    // KNET's payment id and our track id, each after its label (bank manual K-064 §8).
    expect(text).toContain('Payment ID 100202633012345678');
    expect(text).toContain('Track ID TSD01JDX4Q8K2M7T9');
  });

  it('says loudly when a payment was reversed or refunded', async () => {
    const reversed = sampleReceiptDocument({ status: 'reversed', statusChangedAt: new Date('2026-11-23T08:00:00Z') });
    const refunded = sampleReceiptDocument({ status: 'refunded', refunded: 42_500n, statusChangedAt: new Date('2026-11-24T08:00:00Z') });
    const [reversedAr, reversedEn, refundedEn] = await Promise.all([
      renderReceiptPdf(reversed, 'ar'), renderReceiptPdf(reversed, 'en'), renderReceiptPdf(refunded, 'en'),
    ]);
    const ar = await flatText(reversedAr, { raw: true });
    expect(ar).toContain('الحالة:ملغاة');
    expect(ar).toContain('ألغيت هذه العملية،ولم يعد هذا الإيصال إثبات');
    expect(ar.startsWith('ملغاة')).toBe(true); // the stamp, drawn first (under the text), reads as written
    expect(ar).not.toContain('ةاغلم');
    const en = await flatText(reversedEn, { raw: true });
    expect(en).toContain('Status:Reversed');
    expect(en).toContain('REVERSED'); // the stamp
    expect(en).toContain('2026-11-23 11:00');
    const refundedText = await flatText(refundedEn, { raw: true });
    expect(refundedText).toContain('REFUNDED');
    expect(refundedText).toContain('Refunded KWD 42.500');
    expect(await inkCoverage(reversedEn)).toBeGreaterThan(await inkCoverage(english));
  });

  it('shows a gateway row for a non-KNET channel and an overpayment kept as credit', async () => {
    const view = sampleReceiptDocument({
      channel: { ar: 'تطبيق البنك', en: 'Bank app' },
      gateway: { name: 'MyFatoorah', paymentId: 'MF-7781' },
      credit: 1_500n,
      total: 44_000n,
    });
    const text = await flatText(await renderReceiptPdf(view, 'en'), { raw: true });
    for (const words of ['Paid by Bank app', 'Payment gateway MyFatoorah', 'Added to your credit KWD 1.500', 'Total paid KWD 44.000']) {
      expect(text).toContain(words);
    }
  });

  it('refuses a receipt whose items and credit do not make the total', async () => {
    await expect(renderReceiptPdf(sampleReceiptDocument({ total: 40_000n }), 'ar'))
      .rejects.toSatisfy((error) => error instanceof AppError && error.code === 'pdf_document_invalid');
    await expect(renderReceiptPdf(sampleReceiptDocument({ refunded: 50_000n }), 'en')).rejects.toThrow(/pdf_document_invalid/);
  });
});
