// The documents attached to emails, by event topic: each from the module that owns the document. Composed here, at
// the root, so notifications depends on no biller module and every process that starts the workers attaches them.
import type { AttachmentProviders } from '../platform/attachments.js';
import { billEmailAttachment } from '../modules/billing/index.js';
import { receiptEmailAttachment } from '../modules/payments/index.js';

export function emailAttachments(): AttachmentProviders {
  return { 'bill.issued': billEmailAttachment, 'payment.received': receiptEmailAttachment };
}
