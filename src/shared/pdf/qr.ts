// QR codes as PNG data URLs, for react-pdf's Image.
import QRCode from 'qrcode';

/**
 * Encodes `text` (a pay or verify URL) with error correction M: it survives a crease or a smudge on a printed
 * bill and stays small enough to scan from a phone screen at 2 cm.
 */
export function qrPngDataUrl(text: string): Promise<string> {
  if (text.length === 0) throw new RangeError('nothing to encode in the QR code');
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, scale: 6, color: { dark: '#000000', light: '#ffffff' } });
}
