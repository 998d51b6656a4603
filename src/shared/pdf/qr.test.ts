import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { qrSvg } from './qr.js';

describe('qrSvg', () => {
  it('draws the QR code of exactly this text as an SVG', async () => {
    const text = 'https://tasdeed.example.kw/pay/bill_01JDX4Q8K2M7T9';
    const svg = await qrSvg(text);
    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size;
    // one module of quiet zone each side
    expect(svg).toContain(`viewBox="0 0 ${modules + 2} ${modules + 2}"`);
  });

  it('refuses to encode nothing', () => {
    expect(() => qrSvg('')).toThrow(RangeError);
  });
});
