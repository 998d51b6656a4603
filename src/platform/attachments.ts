// Files attached to emails (the bill PDF for `bill.issued`, the receipt PDF for `payment.received`). Notifications
// does not know how a bill or a receipt is drawn and fetches nothing over HTTP: the module that owns the document
// exports a provider, and the composition root (src/workers/attachments.ts) hands the set to notifications. A topic
// without a provider sends its email without attachment (its text still carries the link).
import type { Ctx } from './context.js';
import type { EventPayloads, EventTopic } from './outbox.js';

export type Language = 'ar' | 'en';

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

/** One provider per topic at most. */
export type AttachmentProviders = { [T in EventTopic]?: AttachmentProvider<T> };

export function attachmentProviderFor(providers: AttachmentProviders | undefined, topic: string): AttachmentProvider | undefined {
  return (providers as Record<string, AttachmentProvider | undefined> | undefined)?.[topic];
}
