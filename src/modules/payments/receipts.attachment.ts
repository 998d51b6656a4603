// The receipt PDF attached to the payment.received email: notifications knows no receipts, so payments registers
// the renderer with it when the payments worker starts.
import { systemActor } from '../../platform/actor.js';
import { registerAttachmentProvider } from '../../platform/attachments.js';
import { receiptPdf } from './receipts.service.js';

export function registerReceiptAttachment(): () => void {
  return registerAttachmentProvider('payment.received', async (ctx, event, language) => [{
    filename: `receipt-${event.payload.receiptNumber}-${language}.pdf`,
    content: await receiptPdf(ctx, systemActor('notifications'), event.payload.receiptNumber, language),
    contentType: 'application/pdf',
  }]);
}
