// Files attached to emails (the bill PDF for `bill.issued`, the receipt PDF for `payment.received`). Notifications
// does not know how a bill or a receipt is drawn and fetches nothing over HTTP: the module that owns the document
// registers a provider here at start-up (e.g. billing: `registerAttachmentProvider('bill.issued', …)` calling its
// renderBillPdf). No provider registered → the email goes without attachment (its text still carries the link).
import type { Ctx } from './context.js';
import type { EventPayloads, EventTopic } from './outbox.js';
import type { Language } from '../modules/notifications/topics.js';

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export type AttachmentProvider<T extends EventTopic = EventTopic> = (
  ctx: Ctx,
  event: { topic: T; payload: EventPayloads[T]; outboxId: bigint },
  language: Language,
) => Promise<EmailAttachment[]>;

const providers = new Map<EventTopic, AttachmentProvider>();

/** Registers (or replaces) the provider for a topic. Returns a function that removes it (tests). */
export function registerAttachmentProvider<T extends EventTopic>(topic: T, provider: AttachmentProvider<T>): () => void {
  providers.set(topic, provider as unknown as AttachmentProvider);
  return () => {
    if (providers.get(topic) === (provider as unknown as AttachmentProvider)) providers.delete(topic);
  };
}

export function attachmentProviderFor(topic: string): AttachmentProvider | undefined {
  return providers.get(topic as EventTopic);
}
