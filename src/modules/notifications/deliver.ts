// One attempt at one claimed notification: call the SMS centre or the mail relay, then record what happened. The
// row was marked `sending` (attempt counted, lease set) and committed before this runs; no transaction is open
// during the network call.
//
// Where at-least-once remains (a message may reach the person twice, never zero times):
//  1. The SMS centre accepted the message (submit_sm_resp sent) but this process died, or lost its database, before
//     markSent below committed. After the lease the row is `sending` with no message id: it is sent again.
//  2. The bind dropped, or the response timed out, after the SMS centre accepted a segment but before its
//     submit_sm_resp reached us: the adapter reports a retryable failure and the retry sends it again. A long
//     message whose later segment failed is re-sent whole (the adapter fails the message, not the segment).
//  3. The mail relay accepted the DATA but the connection died before its 250 reply reached us.
// Everywhere else a message leaves at most once per outbox row: the claim (SKIP LOCKED + lease) gives a row to one
// worker, and the outcome is written only by the holder of that attempt.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { attachmentProviderFor, type AttachmentProviders, type EmailAttachment } from '../../platform/attachments.js';
import { retryDelayMs } from './backoff.js';
import type { Mailer } from './email/mailer.js';
import type { EventPayloads, EventTopic } from '../../platform/outbox.js';
import { markFailed, markSent, markSmsSent, type NotificationRow } from './notifications.store.js';
import { settleFromSegments } from './receipts.js';
import type { SmsSender } from './sms/sms.types.js';
import { asLanguage, isCategory } from './topics.js';
import { unsubscribeUrl } from './unsubscribe.js';
import { outboxPayload } from '../../platform/outbox.queue.js';
import { unseal } from '../../platform/sealing.js';

export interface Transports {
  sms?: SmsSender | null;
  mailer?: Mailer | null;
  /** The documents other modules draw for an email's topic (composed in src/workers/attachments.ts). */
  attachments?: AttachmentProviders;
}

export interface DeliveryOutcome {
  status: 'sent' | 'failed' | 'dead' | 'lost';
  code?: string;
}

export async function deliverNotification(ctx: Ctx, transports: Transports, workerId: string, row: NotificationRow): Promise<DeliveryOutcome> {
  const hold = { id: row.id, workerId, attempt: row.attempts };
  try {
    if (row.channel === 'sms') {
      if (!transports.sms) throw new AppError('sms_not_configured', { retryable: true });
      const sent = await transports.sms.send({ to: row.address, text: smsText(ctx, row), key: row.id });
      // Recorded at once, whether or not this attempt still holds the row: the ids prove the message left, and the
      // segment rows let its receipts find it. (The at-least-once window 1 above is the time until this commits.)
      const at = ctx.clock.now();
      const { recorded, earlyReceipts } = await markSmsSent(ctx.db, hold, { messageIds: sent.messageIds, at });
      if (earlyReceipts > 0) await settleFromSegments(ctx.db, [row.id], at);
      return { status: recorded ? 'sent' : 'lost' };
    }
    if (row.channel === 'email') {
      if (!transports.mailer) throw new AppError('email_not_configured', { retryable: true });
      const attachments = await attachmentsFor(ctx, transports.attachments, row);
      const messageId = await transports.mailer.sendEmail({
        to: row.address,
        subject: row.subject ?? '',
        html: row.html ?? '',
        text: row.body,
        attachments,
        listUnsubscribe: row.personId && isCategory(row.category) ? unsubscribeUrl(ctx.config.publicUrl, ctx.config.secret, row.personId, row.category) : undefined,
        headers: { 'X-Tasdeed-Notification': row.id, 'X-Tasdeed-Topic': row.topic },
      });
      const recorded = await markSent(ctx.db, hold, { messageIds: [messageId], segments: 1, at: ctx.clock.now() });
      return { status: recorded ? 'sent' : 'lost' };
    }
    throw new AppError('validation_failed', { channel: row.channel, retryable: false });
  } catch (error) {
    return recordFailure(ctx, hold, row, error);
  }
}

/** The words to send: a one-time code's message is opened only here, on its way out (see sealedBody). */
function smsText(ctx: Ctx, row: NotificationRow): string {
  if (row.sealedBody === null) return row.body;
  try {
    return unseal(row.sealedBody, ctx.config.secret, 'one-time-codes');
  } catch {
    throw new AppError('validation_failed', { reason: 'the sealed message cannot be opened (was TASDEED_SECRET changed?)', retryable: false });
  }
}

async function recordFailure(ctx: Ctx, hold: { id: string; workerId: string; attempt: number }, row: NotificationRow, error: unknown): Promise<DeliveryOutcome> {
  const retryable = error instanceof AppError ? error.details.retryable !== false : true; // unknown errors: try again
  const code = error instanceof AppError ? error.code : 'internal_error';
  const message = error instanceof Error ? error.message : String(error);
  const dead = !retryable || row.attempts >= ctx.config.NOTIFY_MAX_ATTEMPTS;
  const now = ctx.clock.now();
  const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts, ctx.config.NOTIFY_RETRY_BASE_MS));
  const reason = dead && retryable ? `${message} (gave up after ${row.attempts} attempts)` : message;
  const recorded = await markFailed(ctx.db, hold, { dead, code, message: reason, retryAt, at: now });
  if (!recorded) return { status: 'lost', code };
  return { status: dead ? 'dead' : 'failed', code };
}

/** The document for the email (bill or receipt PDF), when the module that owns it provides one. */
async function attachmentsFor(ctx: Ctx, providers: AttachmentProviders | undefined, row: NotificationRow): Promise<EmailAttachment[]> {
  const provider = attachmentProviderFor(providers, row.topic);
  if (!provider) return [];
  const event = await outboxPayload(ctx.db, row.outboxId);
  if (!event) return [];
  try {
    return await provider(ctx, { topic: row.topic as EventTopic, payload: event.payload as EventPayloads[EventTopic], outboxId: row.outboxId }, asLanguage(row.language));
  } catch (error) {
    throw new AppError('attachment_failed', { retryable: true, reason: error instanceof Error ? error.message : String(error) });
  }
}
