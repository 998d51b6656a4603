// `tasdeed dev mail`: a local SMTP server (no TLS, any login or none) that parses each message with mailparser and
// keeps it in memory, with an inbox page. For fault tests it can refuse messages permanently (5xx) or for now (4xx),
// and refuse chosen recipients at RCPT TO.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { startMailInbox } from './mail.inbox.js';

export interface MailSimulatorOptions {
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  /** Recipients refused at RCPT TO with 550 (no such mailbox). */
  rejectRecipients?: RegExp;
}

export interface ReceivedAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface ReceivedEmail {
  id: string;
  receivedAt: string;
  /** What the SMTP dialogue said (MAIL FROM / RCPT TO), which may differ from the headers. */
  envelope: { from: string; to: string[] };
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string;
  date: string | null;
  text: string | null;
  html: string | null;
  /** Header name in lower case → its raw value, as written (e.g. `list-unsubscribe: <https://…>`). */
  headers: Record<string, string>;
  attachments: ReceivedAttachment[];
}

export type RefusalKind = 'permanent' | 'temporary';

export interface MailSimulator {
  smtpPort: number;
  httpUrl: string;
  /** Messages received, oldest first. */
  messages(): ReceivedEmail[];
  /** While on, every message is refused at the end of DATA: 554 (permanent) or 451 (temporary). */
  setRefuse(on: boolean, kind?: RefusalKind): void;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export async function startMailSimulator(options: MailSimulatorOptions = {}): Promise<MailSimulator> {
  const host = options.host ?? '127.0.0.1';
  const messages: ReceivedEmail[] = [];
  let refusal: RefusalKind | null = null;

  const server = new SMTPServer({
    banner: 'Tasdeed mail simulator',
    secure: false,
    disabledCommands: ['STARTTLS'], // plain text on loopback: no certificate to trust
    authOptional: true,
    allowInsecureAuth: true,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000, // on close, clients' idle pooled connections get 421 after a second, not thirty
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' }); // any login: the relay's credentials are not what we test
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.test(address.address)) return callback(smtpError(550, '5.1.1 No such mailbox here'));
      callback();
    },
    onData(stream, session, callback) {
      const refusing = refusal;
      if (refusing) {
        stream.on('end', () => callback(refusing === 'permanent' ? smtpError(554, '5.7.1 Message refused by the simulator') : smtpError(451, '4.3.0 Try again later (simulator)')));
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          if ((stream as { sizeExceeded?: boolean }).sizeExceeded) return callback(smtpError(552, '5.3.4 Message too big'));
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          };
          const email = toReceivedEmail(parsed, envelope);
          messages.push(email);
          callback(null, `Queued as ${email.id}`);
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  server.on('error', () => {}); // a client hanging up mid-dialogue is not the simulator's failure

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.smtpPort ?? 2525, host, () => resolve());
  });
  const smtpPort = (server.server.address() as AddressInfo).port;

  const closeSmtp = (): Promise<void> => new Promise<void>((resolve) => server.close(() => resolve()));
  const simulator: MailSimulator = {
    smtpPort,
    httpUrl: '',
    messages: () => messages.map((message) => ({ ...message })),
    setRefuse(on, kind = 'permanent') {
      refusal = on ? kind : null;
    },
    async close() {
      await inbox.close();
      await closeSmtp();
    },
  };
  let inbox: { url: string; close(): Promise<void> };
  try {
    inbox = await startMailInbox(simulator, { port: options.httpPort ?? 2526, host });
  } catch (error) {
    await closeSmtp();
    throw error;
  }
  simulator.httpUrl = inbox.url;
  return simulator;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap((group) => group.value.map((address) => address.address ?? '')).filter(Boolean);
}

function toReceivedEmail(parsed: ParsedMail, envelope: ReceivedEmail['envelope']): ReceivedEmail {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim(); // unfold
    headers[key] = headers[key] ? `${headers[key]}, ${value}` : value;
  }
  return {
    id: randomBytes(6).toString('hex'),
    receivedAt: new Date().toISOString(),
    envelope,
    messageId: parsed.messageId ?? null,
    from: parsed.from?.text ?? null,
    to: addresses(parsed.to),
    subject: parsed.subject ?? '',
    date: parsed.date?.toISOString() ?? null,
    text: parsed.text ?? null,
    html: parsed.html === false ? null : parsed.html,
    headers,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.size,
      content: attachment.content,
    })),
  };
}
