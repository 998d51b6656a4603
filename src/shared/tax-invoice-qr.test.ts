import { describe, expect, it } from 'vitest';
import { readTaxInvoiceQrPayload, taxInvoiceQrPayload } from './tax-invoice-qr.js';

describe('taxInvoiceQrPayload', () => {
  const fields = {
    sellerName: 'الشركة السعودية للكهرباء',
    vatNumber: '300000000000003',
    issuedAt: new Date('2026-11-28T09:30:00Z'),
    totalWithVat: '115.00',
    vatAmount: '15.00',
  };

  it('writes the five TLV fields in order, with UTF-8 lengths, as base64', () => {
    const payload = taxInvoiceQrPayload(fields);
    const bytes = Buffer.from(payload, 'base64');
    expect(bytes[0]).toBe(1);
    expect(bytes[1]).toBe(Buffer.byteLength(fields.sellerName, 'utf8')); // bytes, not characters: Arabic is 2 a letter
    expect([...readTaxInvoiceQrPayload(payload)]).toEqual([
      [1, 'الشركة السعودية للكهرباء'], [2, '300000000000003'], [3, '2026-11-28T09:30:00Z'], [4, '115.00'], [5, '15.00'],
    ]);
  });

  it('matches a payload worked out by hand', () => {
    const payload = taxInvoiceQrPayload({ ...fields, sellerName: 'Bobs Records' });
    expect(Buffer.from(payload, 'base64').toString('latin1')).toBe(
      '\x01\x0cBobs Records\x02\x0f300000000000003\x03\x142026-11-28T09:30:00Z\x04\x06115.00\x05\x0515.00',
    );
  });

  it('refuses a VAT number of the wrong shape and amounts that are not decimals', () => {
    expect(() => taxInvoiceQrPayload({ ...fields, vatNumber: '123' })).toThrow(RangeError);
    expect(() => taxInvoiceQrPayload({ ...fields, totalWithVat: '1,15' })).toThrow(RangeError);
  });
});
