import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { pngSize } from './poppler.js';
import { qrPngDataUrl } from './qr.js';

describe('qrPngDataUrl', () => {
  it('draws the QR code of exactly this text as a PNG data URL', async () => {
    const text = 'https://tasdeed.example.kw/pay/bill_01JDX4Q8K2M7T9';
    const url = await qrPngDataUrl(text);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size;
    // one module of quiet zone each side, six pixels a module
    expect(pngSize(png)).toEqual({ width: (modules + 2) * 6, height: (modules + 2) * 6 });
  });

  it('refuses to encode nothing', () => {
    expect(() => qrPngDataUrl('')).toThrow(RangeError);
  });
});
