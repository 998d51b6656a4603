import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { inkCoverage, pageCount, pngSize, rasterizePage, readableText } from '../../shared/pdf/poppler.js';
import { renderReceiptPdf } from './receipts.pdf.js';
import { sampleReceiptDocument } from './receipts.pdf.sample.js';

describe('renderReceiptPdf', () => {
  let arabic: Buffer;
  let english: Buffer;
  beforeAll(async () => {
    arabic = await renderReceiptPdf(sampleReceiptDocument(), 'ar');
    english = await renderReceiptPdf(sampleReceiptDocument(), 'en');
  });

  it('produces a one-page A5 PDF in each language, rasterised to a real image', async () => {
    for (const pdf of [arabic, english]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await pageCount(pdf)).toBe(1);
      const { width, height } = pngSize(await rasterizePage(pdf, { dpi: 72 }));
      expect(Math.abs(width - 419.53)).toBeLessThan(1.5);
      expect(Math.abs(height - 595.28)).toBeLessThan(1.5);
      expect(await inkCoverage(pdf)).toBeGreaterThan(0.04);
    }
  });

  it('has Arabic text a reader can copy, with amounts, references and the masked ID the right way round', async () => {
    const text = await readableText(arabic);
    expect(text).toMatch(/الحالة\s*:\s*مدفوع/); // pdftotext moves the space around the colon
    for (const words of ['إيصال سداد', 'رقم الإيصال', 'البوابة الإلكترونية', 'بطاقة كي نت', 'المبالغ المسددة', 'وزارة الكهرباء والماء', 'الإجمالي', 'امسح الرمز للتحقق من صحة الإيصال']) {
      expect(text).toContain(words);
    }
    for (const value of ['WEB-2026-0004381', '12.500', '30.000', '42.500', '2850••••••17', '2026-11-21 14:05', '100202633012345678', '482913', 'EB-2026-11-004217']) {
      expect(text).toContain(value);
    }
    expect(text).toMatch(/11\s*جمادى الآخرة\s*1448/);
  });

  it('has the same facts in English, with the payment time in Kuwait', async () => {
    const text = await readableText(english);
    for (const words of ['Payment receipt', 'Status: Paid', 'Paid on', '2026-11-21 14:05', '11 Jumada II 1448 AH', 'KNET card', 'Payment ID', 'Authorisation code', 'KWD 42.500', 'Seatbelt violation']) {
      expect(text).toContain(words);
    }
  });

  it('says loudly when a payment was reversed or refunded', async () => {
    const reversed = sampleReceiptDocument({ status: 'reversed', statusChangedAt: new Date('2026-11-23T08:00:00Z') });
    const refunded = sampleReceiptDocument({ status: 'refunded', refunded: 42_500n, statusChangedAt: new Date('2026-11-24T08:00:00Z') });
    const [reversedAr, reversedEn, refundedEn] = await Promise.all([
      renderReceiptPdf(reversed, 'ar'), renderReceiptPdf(reversed, 'en'), renderReceiptPdf(refunded, 'en'),
    ]);
    const ar = await readableText(reversedAr);
    expect(ar).toMatch(/الحالة\s*:\s*ملغاة/);
    expect(ar).toContain('لم يعد هذا الإيصال إثباتاً للسداد');
    const en = await readableText(reversedEn);
    expect(en).toContain('Status: Reversed');
    expect(await readableText(reversedEn, { raw: true })).toContain('REVERSED'); // the slanted watermark
    expect(en).toContain('2026-11-23 11:00');
    const refundedText = await readableText(refundedEn);
    expect(await readableText(refundedEn, { raw: true })).toContain('REFUNDED');
    expect(refundedText).toMatch(/Refunded\s+KWD 42\.500/);
    expect(await inkCoverage(reversedEn)).toBeGreaterThan(await inkCoverage(english));
  });

  it('shows a gateway row for a non-KNET channel and an overpayment kept as credit', async () => {
    const view = sampleReceiptDocument({
      channel: { ar: 'تطبيق البنك', en: 'Bank app' },
      gateway: { name: 'MyFatoorah', paymentId: 'MF-7781' },
      credit: 1_500n,
      total: 44_000n,
    });
    const text = await readableText(await renderReceiptPdf(view, 'en'));
    for (const words of ['Bank app', 'Payment gateway', 'MyFatoorah', 'Added to your credit', 'KWD 1.500', 'KWD 44.000']) {
      expect(text).toContain(words);
    }
  });

  it('refuses a receipt whose items and credit do not make the total', async () => {
    await expect(renderReceiptPdf(sampleReceiptDocument({ total: 40_000n }), 'ar'))
      .rejects.toSatisfy((error) => error instanceof AppError && error.code === 'pdf_document_invalid');
    await expect(renderReceiptPdf(sampleReceiptDocument({ refunded: 50_000n }), 'en')).rejects.toThrow(/pdf_document_invalid/);
  });
});
