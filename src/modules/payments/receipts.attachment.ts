// The receipt PDF attached to the payment.received email: notifications knows no receipts, so payments provides
// the renderer and the composition root (src/workers/attachments.ts) hands it to notifications.
import { systemActor } from '../../platform/actor.js';
import type { AttachmentProvider } from '../../platform/attachments.js';
import { receiptPdf } from './receipts.service.js';

export const receiptEmailAttachment: AttachmentProvider<'payment.received'> = async (ctx, event, language) => [{
  filename: `receipt-${event.payload.receiptNumber}-${language}.pdf`,
  content: await receiptPdf(ctx, systemActor('notifications'), event.payload.receiptNumber, language),
  contentType: 'application/pdf',
}];
