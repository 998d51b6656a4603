import { describe, expect, it } from 'vitest';
import { formatReceiptDate, parseDeliveryReceipt, parseReceiptDate } from './smpp.receipt.js';

describe('delivery receipts', () => {
  it('reads the SMPP 3.4 appendix B format', () => {
    const receipt = parseDeliveryReceipt('id:7F3A0012 sub:001 dlvrd:001 submit date:2503141205 done date:2503141206 stat:DELIVRD err:000 text:Your bill is 12.500');
    expect(receipt).toMatchObject({ messageId: '7F3A0012', status: 'delivered', final: true, errorCode: '000' });
    expect(receipt?.doneAt?.toISOString()).toBe('2025-03-14T12:06:00.000Z');
    expect(receipt?.submittedAt?.toISOString()).toBe('2025-03-14T12:05:00.000Z');
  });

  it('maps every stat, keeps the error code and tolerates seconds and lower case', () => {
    expect(parseDeliveryReceipt('id:1 stat:UNDELIV err:034')).toMatchObject({ status: 'undelivered', errorCode: '034', doneAt: null });
    expect(parseDeliveryReceipt('id:2 stat:EXPIRED err:000')?.status).toBe('expired');
    expect(parseDeliveryReceipt('id:3 stat:REJECTD err:011')?.status).toBe('rejected');
    expect(parseDeliveryReceipt('id:4 stat:ACCEPTD')).toMatchObject({ status: 'accepted', final: false });
    expect(parseDeliveryReceipt('id:5 stat:WHATEVER')?.status).toBe('unknown');
    expect(parseDeliveryReceipt('id:6 sub:001 dlvrd:001 submit date:250314120501 done date:250314120659 stat:delivrd')?.doneAt?.toISOString()).toBe('2025-03-14T12:06:59.000Z');
  });

  it('prefers the receipted_message_id and message_state TLVs when the SMS centre sends them', () => {
    const receipt = parseDeliveryReceipt('id:123 stat:DELIVRD', { receiptedMessageId: '7b', messageState: 5 });
    expect(receipt).toMatchObject({ messageId: '7b', status: 'undelivered' });
    expect(parseDeliveryReceipt('no id here')).toBeNull();
  });

  it('applies the SMS centre clock offset and rejects impossible dates', () => {
    expect(parseReceiptDate('2503141500', 180)?.toISOString()).toBe('2025-03-14T12:00:00.000Z'); // Kuwait time
    expect(parseReceiptDate('2502301200')).toBeNull();
    expect(parseReceiptDate('2503142460')).toBeNull();
    const at = new Date('2025-12-31T22:30:00Z');
    expect(parseReceiptDate(formatReceiptDate(at, 180), 180)?.toISOString()).toBe(at.toISOString());
  });
});
