// SMS over SMPP 3.4, on the `smpp` package (which gives PDUs and a socket, nothing more). This file adds what a
// production bind needs: bind_transceiver and re-bind with backoff after a drop, a window of outstanding submit_sm,
// a messages-per-second throttle, enquire_link keep-alive, UDH concatenation, delivery receipts and inbound messages.
//
// No message is lost silently: a segment waiting for its submit_sm_resp when the bind drops fails its message back
// to the caller as retryable; messages not yet submitted wait for the next bind (up to `sendTimeoutMs`).
import { createHash, randomInt } from 'node:crypto';
import smpp, { type PDU, type Session } from 'smpp';
import { buildSegmentPayloads, type SegmentPayload } from './sms.encoding.js';
import { smsError, type SmsErrorCode } from './sms.errors.js';
import { SlidingWindowLimiter, type LimiterTimer } from './sms.throttle.js';
import { recipientAddress, senderAddress, type SmppAddress } from './smpp.address.js';
import { InboundDispatcher } from './smpp.inbound.js';
import type { InboundListener, OutgoingSms, ReceiptListener, SentSms, SmsSender } from './sms.types.js';

export interface SmppSenderOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Default sender (alphanumeric name ≤ 11 characters, or a number) when a message gives none. */
  sourceAddr: string;
  /** submit_sm sent and not yet answered, at most. Default 10. */
  windowSize?: number;
  /** submit_sm a second at most (each segment is one). Default 20. */
  messagesPerSecond?: number;
  /** enquire_link interval. Default 30. */
  enquireLinkSeconds?: number;
  /** Wait for bind_resp, submit_sm_resp and enquire_link_resp. Default 10 s. */
  responseTimeoutMs?: number;
  /** From send() until every segment is accepted, bind or no bind. Default 60 s. */
  sendTimeoutMs?: number;
  /** Re-bind backoff: doubles from `initial` up to `max`, with ±20 % jitter. Default 500 ms … 30 s. */
  reconnectDelayMs?: { initial?: number; max?: number };
  /** Pause after ESME_RTHROTTLED / ESME_RMSGQFUL before submitting again. Default 1 s. */
  throttledBackoffMs?: number;
  /** The SMS centre's clock offset from UTC, for receipt dates. Default 0. */
  receiptUtcOffsetMinutes?: number;
  /** Tests move time by hand for the throttle. */
  timer?: LimiterTimer;
  log?: SmppLog;
}

export interface SmppLog {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface SmppSender extends SmsSender {
  isBound(): boolean;
  /** Resolves once bound (at once if already bound); rejects when the sender is closed first. */
  whenBound(): Promise<void>;
  stats(): { bound: boolean; binds: number; queued: number; inFlight: number };
}

const STATUS = { ok: 0x00, invalidBindStatus: 0x04, systemError: 0x08, queueFull: 0x14, submitFailed: 0x45, throttled: 0x58, temporaryAppError: 0x64 } as const;
/** submit_sm_resp statuses after which the same message may well be accepted later. */
const RETRYABLE_STATUSES = new Set<number>([STATUS.invalidBindStatus, STATUS.systemError, STATUS.queueFull, STATUS.submitFailed, STATUS.throttled, STATUS.temporaryAppError]);
const SILENT_LOG: SmppLog = { info: () => {}, warn: () => {} };

interface Job {
  parts: Part[];
  messageIds: string[];
  accepted: number;
  settled: boolean;
  deadline?: NodeJS.Timeout;
  resolve(result: SentSms): void;
  reject(error: unknown): void;
}

interface Part {
  job: Job;
  index: number;
  payload: SegmentPayload;
  source: SmppAddress;
  destination: SmppAddress;
}

interface InFlight {
  part: Part;
  timer?: NodeJS.Timeout;
}

export function createSmppSender(options: SmppSenderOptions): SmppSender {
  return new SmppClient(options);
}

class SmppClient implements SmppSender {
  private readonly windowSize: number;
  private readonly responseTimeoutMs: number;
  private readonly limiter: SlidingWindowLimiter;
  private readonly inbound: InboundDispatcher;
  private readonly log: SmppLog;
  private session: Session | null = null;
  private bound = false;
  private binds = 0;
  private reconnectAttempts = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private enquireInterval?: NodeJS.Timeout;
  private enquireTimeout?: NodeJS.Timeout;
  private queue: Part[] = [];
  private readonly inFlight = new Set<InFlight>();
  private pumping = false;
  private reference = randomInt(256);
  private boundWaiters: { resolve(): void; reject(error: unknown): void }[] = [];
  private drainWaiters: (() => void)[] = [];
  private closing: Promise<void> | null = null;
  private shuttingDown = false;

  constructor(private readonly options: SmppSenderOptions) {
    this.windowSize = Math.max(1, options.windowSize ?? 10);
    this.responseTimeoutMs = options.responseTimeoutMs ?? 10_000;
    this.limiter = new SlidingWindowLimiter(options.messagesPerSecond ?? 20, options.timer);
    this.log = options.log ?? SILENT_LOG;
    this.inbound = new InboundDispatcher(options.receiptUtcOffsetMinutes ?? 0, this.log);
    senderAddress(options.sourceAddr); // a bad default sender fails at start-up, not at the first message
    this.connect();
  }

  async send(message: OutgoingSms): Promise<SentSms> {
    if (this.shuttingDown) throw smsError('sms_sender_closed', true);
    const destination = recipientAddress(message.to);
    const source = senderAddress(message.from ?? this.options.sourceAddr);
    const payloads = buildSegmentPayloads(message.text, this.referenceFor(message));
    return new Promise<SentSms>((resolve, reject) => {
      const job: Job = { parts: [], messageIds: [], accepted: 0, settled: false, resolve, reject };
      job.parts = payloads.map((payload, index) => ({ job, index, payload, source, destination }));
      job.deadline = setTimeout(() => this.failJob(job, 'sms_send_timeout', true, { bound: this.bound }), this.options.sendTimeoutMs ?? 60_000);
      this.queue.push(...job.parts);
      void this.pump();
    });
  }

  /** The concatenation reference: derived from the message's key when it has one (the same on every resend). */
  private referenceFor(message: OutgoingSms): number {
    if (message.key !== undefined) return concatenationReferenceOf(message.key);
    this.reference = (this.reference + 1) & 0xff;
    return this.reference;
  }

  onReceipt(listener: ReceiptListener): void {
    this.inbound.receiptListeners.push(listener);
  }

  onInbound(listener: InboundListener): void {
    this.inbound.inboundListeners.push(listener);
  }

  isBound(): boolean {
    return this.bound;
  }

  whenBound(): Promise<void> {
    if (this.shuttingDown) return Promise.reject(smsError('sms_sender_closed', true));
    if (this.bound) return Promise.resolve();
    return new Promise((resolve, reject) => this.boundWaiters.push({ resolve, reject }));
  }

  stats(): { bound: boolean; binds: number; queued: number; inFlight: number } {
    return { bound: this.bound, binds: this.binds, queued: this.queue.length, inFlight: this.inFlight.size };
  }

  close(): Promise<void> {
    this.shuttingDown = true;
    this.closing ??= this.shutDown();
    return this.closing;
  }

  // ── connection ────────────────────────────────────────────────────────────────────────────────────────────

  private connect(): void {
    const session = smpp.connect({ host: this.options.host, port: this.options.port });
    this.session = session;
    this.bound = false;
    const bindTimeout = setTimeout(() => {
      this.log.warn('smpp bind not answered in time', { host: this.options.host, port: this.options.port });
      session.destroy();
    }, this.responseTimeoutMs);
    session.on('connect', () => {
      session.bind_transceiver({
        system_id: this.options.systemId,
        password: this.options.password,
        system_type: this.options.systemType ?? '',
        interface_version: 0x34,
      }, (response) => {
        clearTimeout(bindTimeout);
        if (session !== this.session) return;
        if (response.command_status !== STATUS.ok) {
          this.log.warn('smpp bind refused', { status: hex(response.command_status) });
          session.destroy();
          return;
        }
        this.onBound(session);
      });
    });
    session.on('error', (error: Error) => {
      this.log.warn('smpp connection error', { error: error.message });
      session.destroy();
    });
    session.on('close', () => {
      clearTimeout(bindTimeout);
      this.onClosed(session);
    });
    session.on('deliver_sm', (pdu: PDU) => void this.inbound.handle(session, pdu));
    // SMPP 3.4 §4.7: an SMS centre may send receipts and handset messages as data_sm (payload in message_payload)
    // instead of deliver_sm. Handled the same way and answered with data_sm_resp; unanswered, the centre would
    // resend it and at last drop the bind.
    session.on('data_sm', (pdu: PDU) => void this.inbound.handle(session, pdu));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      this.bound = false; // the SMS centre is leaving: submit nothing more on this bind
      session.send(pdu.response());
      session.close();
    });
  }

  private onBound(session: Session): void {
    this.bound = true;
    this.binds++;
    this.reconnectAttempts = 0;
    this.log.info('smpp bound', { systemId: this.options.systemId, binds: this.binds });
    this.enquireInterval = setInterval(() => this.enquireLink(session), (this.options.enquireLinkSeconds ?? 30) * 1000);
    for (const waiter of this.boundWaiters.splice(0)) waiter.resolve();
    void this.pump();
  }

  /** An enquire_link left unanswered means the link is dead even if TCP has not noticed: drop it and re-bind. */
  private enquireLink(session: Session): void {
    if (session !== this.session || !this.bound || this.enquireTimeout) return;
    const timeout = setTimeout(() => {
      this.log.warn('smpp enquire_link not answered: dropping the bind');
      session.destroy();
    }, this.responseTimeoutMs);
    this.enquireTimeout = timeout;
    session.enquire_link({}, () => {
      clearTimeout(timeout);
      if (this.enquireTimeout === timeout) this.enquireTimeout = undefined;
    });
  }

  private onClosed(session: Session): void {
    if (session !== this.session) return;
    const wasBound = this.bound;
    this.session = null;
    this.bound = false;
    clearInterval(this.enquireInterval);
    clearTimeout(this.enquireTimeout);
    this.enquireTimeout = undefined;
    const lost = [...this.inFlight];
    this.inFlight.clear();
    for (const entry of lost) {
      clearTimeout(entry.timer);
      this.failJob(entry.part.job, 'sms_connection_lost', true);
    }
    this.notifyDrained();
    if (this.shuttingDown) return;
    const initial = this.options.reconnectDelayMs?.initial ?? 500;
    const max = this.options.reconnectDelayMs?.max ?? 30_000;
    const delay = Math.round(Math.min(max, initial * 2 ** this.reconnectAttempts++) * (0.8 + Math.random() * 0.4));
    if (wasBound || lost.length > 0) this.log.warn('smpp bind lost: re-binding', { inFlightFailed: lost.length, delayMs: delay });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  // ── submitting ────────────────────────────────────────────────────────────────────────────────────────────

  private canSubmit(): boolean {
    return !this.shuttingDown && this.session !== null && this.bound && this.queue.length > 0 && this.inFlight.size < this.windowSize;
  }

  /** One loop at a time takes parts off the queue while the bind, the window and the throttle allow. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.canSubmit()) {
        await this.limiter.waitForSlot();
        if (!this.canSubmit()) break; // the world moved while we waited
        this.submit(this.queue.shift()!);
      }
    } finally {
      this.pumping = false;
    }
  }

  private submit(part: Part): void {
    const session = this.session!;
    const { payload, source, destination } = part;
    const entry: InFlight = { part };
    const written = session.submit_sm({
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: source.addr,
      dest_addr_ton: destination.ton,
      dest_addr_npi: destination.npi,
      destination_addr: destination.addr,
      esm_class: payload.esmClass,
      data_coding: payload.dataCoding,
      registered_delivery: 1, // a receipt for every final outcome, delivered or not
      short_message: payload.shortMessage,
    }, (response) => this.onSubmitResponse(entry, response));
    if (!written) { // the socket is going away: keep the part for the next bind
      this.queue.unshift(part);
      this.bound = false;
      session.destroy();
      return;
    }
    this.limiter.record();
    entry.timer = setTimeout(() => {
      if (!this.inFlight.delete(entry)) return;
      this.failJob(part.job, 'sms_send_timeout', true, { waitedFor: 'submit_sm_resp' });
      this.notifyDrained();
      void this.pump();
    }, this.responseTimeoutMs);
    this.inFlight.add(entry);
  }

  private onSubmitResponse(entry: InFlight, response: PDU): void {
    if (!this.inFlight.delete(entry)) return; // already failed by a timeout or the drop of its bind
    clearTimeout(entry.timer);
    const { job, index } = entry.part;
    const status = response.command_status;
    if (!job.settled) {
      if (status === STATUS.ok) {
        job.messageIds[index] = response.message_id ?? '';
        if (++job.accepted === job.parts.length) this.settle(job);
      } else if ((status === STATUS.throttled || status === STATUS.queueFull) && !this.shuttingDown) {
        this.limiter.pauseFor(this.options.throttledBackoffMs ?? 1000);
        this.queue.unshift(entry.part);
      } else {
        const retryable = RETRYABLE_STATUSES.has(status);
        this.failJob(job, retryable ? 'sms_centre_busy' : 'sms_rejected', retryable, { commandStatus: hex(status) });
      }
    }
    this.notifyDrained();
    void this.pump();
  }

  private settle(job: Job): void {
    job.settled = true;
    clearTimeout(job.deadline);
    job.resolve({ messageIds: job.messageIds, segments: job.parts.length });
  }

  private failJob(job: Job, code: SmsErrorCode, retryable: boolean, details: Record<string, unknown> = {}): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.deadline);
    this.queue = this.queue.filter((part) => part.job !== job);
    const acceptedMessageIds = job.messageIds.filter(Boolean);
    // Segments the SMS centre already took may still reach the phone: the caller keeps their ids for receipts.
    job.reject(smsError(code, retryable, { ...details, segments: job.parts.length, ...(acceptedMessageIds.length ? { acceptedMessageIds } : {}) }));
  }

  // ── shutting down ─────────────────────────────────────────────────────────────────────────────────────────

  private notifyDrained(): void {
    if (this.inFlight.size === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private async shutDown(): Promise<void> {
    clearTimeout(this.reconnectTimer);
    for (const waiter of this.boundWaiters.splice(0)) waiter.reject(smsError('sms_sender_closed', true));
    for (const part of [...this.queue]) this.failJob(part.job, 'sms_sender_closed', true);
    if (this.inFlight.size > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const giveUp = setTimeout(() => session.destroy(), 2000);
      session.socket.once('close', () => {
        clearTimeout(giveUp);
        resolve();
      });
      if (this.bound && session.unbind({}, () => session.close())) return;
      session.destroy();
    });
  }
}

/** An 8-bit concatenation reference that is the same for the same key, in any process. */
export function concatenationReferenceOf(key: string): number {
  return createHash('sha256').update(key).digest()[0]!;
}

function hex(status: number): string {
  return `0x${status.toString(16).padStart(8, '0')}`;
}
