// The QR payload Saudi e-invoicing (ZATCA, phase 1) requires on a simplified tax invoice: five TLV fields (tag byte,
// length byte, UTF-8 value), concatenated and base64 encoded.
//   1 seller's name · 2 VAT registration number · 3 time stamp (ISO 8601) · 4 total with VAT · 5 VAT amount

export interface TaxInvoiceFields {
  sellerName: string;
  /** 15 digits, starting and ending with 3. */
  vatNumber: string;
  /** When the invoice was issued. */
  issuedAt: Date;
  /** Decimal strings, as amounts travel: "115.00". */
  totalWithVat: string;
  vatAmount: string;
}

const VAT_NUMBER = /^3\d{13}3$/;
const AMOUNT = /^\d+(\.\d+)?$/;

function field(tag: number, value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length === 0 || bytes.length > 255) throw new RangeError(`tax invoice QR field ${tag} must be 1-255 bytes`);
  return Buffer.concat([Buffer.from([tag, bytes.length]), bytes]);
}

export function taxInvoiceQrPayload(fields: TaxInvoiceFields): string {
  if (!VAT_NUMBER.test(fields.vatNumber)) throw new RangeError('a Saudi VAT number is 15 digits, starting and ending with 3');
  if (!AMOUNT.test(fields.totalWithVat) || !AMOUNT.test(fields.vatAmount)) throw new RangeError('amounts are decimal strings');
  if (Number.isNaN(fields.issuedAt.getTime())) throw new RangeError('invalid time stamp');
  return Buffer.concat([
    field(1, fields.sellerName),
    field(2, fields.vatNumber),
    field(3, fields.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')),
    field(4, fields.totalWithVat),
    field(5, fields.vatAmount),
  ]).toString('base64');
}

/** The fields back from a payload: for tests, and for checking a printed code. */
export function readTaxInvoiceQrPayload(payload: string): Map<number, string> {
  const bytes = Buffer.from(payload, 'base64');
  const fields = new Map<number, string>();
  for (let i = 0; i < bytes.length;) {
    const tag = bytes[i]!;
    const length = bytes[i + 1]!;
    fields.set(tag, bytes.subarray(i + 2, i + 2 + length).toString('utf8'));
    i += 2 + length;
  }
  return fields;
}
