// QR codes as SVG for the Typst templates (a vector: sharp at any print resolution).
import QRCode from 'qrcode';

/**
 * Encodes `text` (a pay or verify URL, a tax-invoice TLV) with error correction M: it survives a crease or a
 * smudge on a printed bill and stays small enough to scan from a phone screen at 2 cm.
 */
export function qrSvg(text: string): Promise<string> {
  if (text.length === 0) throw new RangeError('nothing to encode in the QR code');
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
}
