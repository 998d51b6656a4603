// Email through an SMTP relay (nodemailer). One message per recipient: the outbox tracks each address on its own,
// so a refusal of one never hides the fate of another. Failures come back as AppError with `details.retryable`
// (see email.errors.ts): 5xx → permanent, 4xx / connection / timeout → retryable.
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { AppError } from '../../../platform/errors/app-error.js';
import type { EmailErrorCode } from './email.errors.js';

export interface MailRelayConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). With false, STARTTLS is used when the relay offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The From address, e.g. `"Tasdeed تسديد" <no-reply@tasdeed.kw>`. */
  from: string;
  /** Refuse to send over a connection that did not upgrade to TLS (production relays). Default false. */
  requireTls?: boolean;
  /** Keep up to this many connections open and reuse them. Default 2; 0 opens one connection per message. */
  poolSize?: number;
  /** Connect, greeting and idle socket timeout. Default 30 s. */
  timeoutMs?: number;
}

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  /** The plain-text alternative: always send one, some readers and filters want it. */
  text: string;
  attachments?: EmailAttachment[];
  /** Unsubscribe link (https://… or mailto:…), sent as List-Unsubscribe; an https link also gets one-click (RFC 8058). */
  listUnsubscribe?: string;
  /** Extra headers, e.g. `{ 'X-Tasdeed-Notification': 'ntf_…' }` to trace a message back to its outbox row. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Sends one email; resolves with its Message-ID (`<…@…>`). Rejects with an AppError carrying `details.retryable`. */
  sendEmail(email: OutgoingEmail): Promise<string>;
  /** Connects and logs in without sending: for a start-up check. Rejects like sendEmail. */
  verify(): Promise<void>;
  close(): void;
}

export function createMailer(config: MailRelayConfig): Mailer {
  const timeout = config.timeoutMs ?? 30_000;
  const common = {
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls ?? false,
    auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
  const poolSize = config.poolSize ?? 2;
  const transport = poolSize > 0
    ? nodemailer.createTransport({ ...common, pool: true, maxConnections: poolSize } satisfies SMTPPool.Options)
    : nodemailer.createTransport(common satisfies SMTPTransport.Options);

  return {
    async sendEmail(email) {
      const headers: Record<string, string> = { ...email.headers };
      if (email.listUnsubscribe && /^https:\/\//i.test(email.listUnsubscribe)) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          attachments: email.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
          list: email.listUnsubscribe ? { unsubscribe: email.listUnsubscribe } : undefined,
          headers,
        });
        return info.messageId;
      } catch (error) {
        throw classifySmtpFailure(error);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw classifySmtpFailure(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/**
 * nodemailer's error → our verdict. `responseCode` is the relay's SMTP reply (550, 451…); without one the relay was
 * not reached or went silent. A login refused (EAUTH, 535) is our configuration's fault, not the message's: retryable,
 * so messages wait for the fix instead of being dead-lettered.
 */
export function classifySmtpFailure(error: unknown): AppError {
  const failure = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SmtpFailure;
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const details = {
    ...(responseCode ? { responseCode } : {}),
    ...(failure.response ? { response: failure.response } : {}),
    ...(failure.command ? { command: failure.command } : {}),
    ...(failure.code ? { smtpError: failure.code } : {}),
    reason: failure.message ?? 'unknown',
  };
  const verdict = (code: EmailErrorCode | 'email_invalid', retryable: boolean): AppError => new AppError(code, { ...details, retryable });
  if (failure.code === 'EAUTH') return verdict('email_relay_auth_failed', true);
  if (responseCode !== undefined && responseCode >= 500) return verdict('email_refused', false);
  if (responseCode !== undefined && responseCode >= 400) return verdict('email_deferred', true);
  // Refused by nodemailer itself before anything was sent: an unusable address, an empty or oversized message.
  if (failure.command === 'API' && failure.code === 'EENVELOPE') return verdict('email_invalid', false);
  if (failure.command === 'API' || failure.code === 'EMESSAGE') return verdict('email_refused', false);
  return verdict('email_relay_unavailable', true);
}
