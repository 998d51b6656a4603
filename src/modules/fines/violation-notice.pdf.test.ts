import { afterAll, describe, expect, it } from 'vitest';
import { bracketsInOrder, flatText, joinNumbers, pageCount } from '../../shared/pdf/poppler.js';
import { closeRenderPool } from '../../shared/pdf/render.js';
import { renderViolationNoticePdf, type ViolationNoticeDocument } from './violation-notice.pdf.js';

function notice(overrides: Partial<ViolationNoticeDocument> = {}): ViolationNoticeDocument {
  return {
    issuer: { ar: 'وزارة الداخلية - الإدارة العامة للمرور', en: 'Ministry of Interior - General Traffic Department' },
    violationNumber: 'TV-2026-771045',
    type: { ar: 'عدم ربط حزام الأمان', en: 'Seatbelt not fastened' },
    occurredAt: new Date('2026-11-14T18:05:00Z'),
    timeZone: 'Asia/Kuwait',
    place: { ar: 'طريق الملك فهد (الدائري السادس)', en: 'King Fahd Road (6th Ring Road)' },
    plate: '12/34567',
    amount: 30_000n,
    currency: 'KWD',
    payUrl: 'https://tasdeed.example.kw/?plate=12%2F34567',
    payableOnline: true,
    ...overrides,
  };
}

describe('renderViolationNoticePdf', () => {
  afterAll(closeRenderPool);

  for (const raw of [false, true]) {
    it(`reads in Arabic in logical order (pdftotext${raw ? ' -raw' : ''})`, async () => {
      const pdf = await renderViolationNoticePdf(notice(), 'ar');
      expect(await pageCount(pdf)).toBe(1);
      const text = joinNumbers(await flatText(pdf, { raw }));
      for (const words of ['إشعار مخالفة مرورية', 'رقم المخالفة', 'TV-2026-771045', 'عدم ربط حزام الأمان', '2026-11-14 21:05', 'طريق الملك فهد(الدائري السادس)', '12/34567', '30.000 د.ك', 'امسح الرمز للسداد']) {
        expect(text).toContain(joinNumbers(words));
      }
      expect(bracketsInOrder(text)).toBe(true);
    });
  }

  it('prints the reason and no payment QR when the violation cannot be paid online', async () => {
    const held = notice({ payableOnline: false, holdReason: { ar: 'محالة إلى المحكمة', en: 'referred to court' } });
    const [ar, en] = await Promise.all([renderViolationNoticePdf(held, 'ar'), renderViolationNoticePdf(held, 'en')]);
    const enText = await flatText(en, { raw: true });
    expect(enText).toContain('This violation cannot be paid online:referred to court');
    expect(enText).not.toContain('Scan to pay');
    const arText = await flatText(ar, { raw: true });
    expect(arText).toContain('لا يمكن سداد هذه المخالفة عبر البوابة،محالة إلى المحكمة');
    expect(arText).not.toContain('امسح الرمز');
  });

  it('refuses a notice without an amount', async () => {
    await expect(renderViolationNoticePdf(notice({ amount: 0n }), 'en')).rejects.toThrow(/pdf_document_invalid/);
  });
});
