// `tasdeed dev smsc`: a local SMS centre speaking SMPP 3.4, for development, the demo and tests. It accepts binds
// (credentials checked), answers submit_sm with a message id, puts concatenated parts back together, keeps what it
// received in memory, sends delivery receipts after a delay (UNDELIV at the configured failure rate), delivers
// messages "from handsets" on demand, and can drop every bind or hold its answers for fault tests.
//
// Text is decoded by the `smpp` package's own GSM 03.38 / UCS-2 decoders, not by our encoder's inverse, so a test
// that round-trips through the simulator checks our encoding against an independent implementation.
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import smpp, { type PDU, type Session } from 'smpp';
import { ConcatenationBuffer, concatenationInfo } from '../../modules/notifications/index.js';
import { readShortMessage } from '../../modules/notifications/index.js';
import { displayAddress } from '../../modules/notifications/index.js';
import { DeliveryQueue } from './smsc.delivery.js';
import { buildInboundParts, buildReceipt } from './smsc.pdus.js';
import { startSmscInbox } from './smsc.inbox.js';

/** What `serve --demo` and `tasdeed dev smsc` use unless told otherwise (SMPP passwords are at most 8 characters). */
export const SMSC_DEMO_CREDENTIALS = { systemId: 'tasdeed', password: 'tasdeed1' } as const;

export interface SmscSimulatorOptions {
  smppPort?: number;
  httpPort?: number;
  host?: string;
  systemId?: string;
  password?: string;
  /** Share of messages whose receipt says UNDELIV (0..1). */
  failureRate?: number;
  receiptDelayMs?: number;
  /** Destinations answered ESME_RINVDSTADR (a permanent refusal), for fault tests. */
  rejectDestinations?: RegExp;
  /** Source of randomness for the failure rate (tests may pin it). */
  random?: () => number;
}

export interface SmscMessage {
  /** The first segment's message id. */
  id: string;
  /** One per segment, as answered in submit_sm_resp. */
  messageIds: string[];
  systemId: string;
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  segments: number;
  receivedAt: string;
  receiptRequested: boolean;
  status: 'accepted' | 'delivered' | 'undelivered' | 'cancelled';
  /** When it reached a final state (query_sm's final_date). */
  finalAt?: string;
}

export interface SmscInboundMessage {
  from: string;
  to: string;
  text: string;
  segments: number;
  injectedAt: string;
  status: 'pending' | 'delivered';
}

export interface SmscSimulator {
  smppPort: number;
  httpUrl: string;
  /** Messages submitted to the simulator, complete (all segments), oldest first. */
  messages(): SmscMessage[];
  /** Messages injected "from handsets", oldest first. */
  inbound(): SmscInboundMessage[];
  /** submit_sm PDUs received so far, answered or held. */
  submitsReceived(): number;
  /** Sends a message from a handset to the bound application; resolves when every part was acknowledged. */
  injectInbound(from: string, text: string, to?: string): Promise<void>;
  /** Closes every bind at once, as a network failure would. Resolves with how many were dropped. */
  dropBinds(): Promise<number>;
  /** While on, submit_sm get no answer (they stay "in flight" at the client); off answers them. */
  holdResponses(on: boolean): void;
  /** submit_sm waiting for an answer while held; a bind that closes takes its own with it (never accepted). */
  heldResponses(): number;
  /** While on, the simulator reads nothing and answers nothing, like a peer that hung: only enquire_link notices. */
  setSilent(on: boolean): void;
  setFailureRate(rate: number): void;
  close(): Promise<void>;
}

type BindMode = 'transceiver' | 'transmitter' | 'receiver';
interface BindState {
  mode: BindMode | null;
  systemId: string;
}
interface Segment {
  id: string;
  text: string;
}

const ESME = { RINVBNDSTS: 0x04, RALYBND: 0x05, RINVDSTADR: 0x0b, RINVPASWD: 0x0e, RINVSYSID: 0x0f, RCANCELFAIL: 0x11, RQUERYFAIL: 0x67 } as const;
/** query_sm_resp message_state values (SMPP 3.4 §5.2.28). */
const MESSAGE_STATE = { accepted: 6, delivered: 2, undelivered: 5, cancelled: 4 } as const;

export async function startSmscSimulator(options: SmscSimulatorOptions = {}): Promise<SmscSimulator> {
  const host = options.host ?? '127.0.0.1';
  const systemId = options.systemId ?? SMSC_DEMO_CREDENTIALS.systemId;
  const password = options.password ?? SMSC_DEMO_CREDENTIALS.password;
  const receiptDelayMs = options.receiptDelayMs ?? 500;
  const random = options.random ?? Math.random;
  let failureRate = clampRate(options.failureRate ?? 0);

  const binds = new Map<Session, BindState>();
  const messages: SmscMessage[] = [];
  const inboundMessages: SmscInboundMessage[] = [];
  const parts = new ConcatenationBuffer<Segment>();
  const timers = new Set<NodeJS.Timeout>();
  const held: { session: Session; answer(): void }[] = [];
  let holding = false;
  let silent = false;
  let submits = 0;
  let nextMessageId = randomInt(0x1000_0000, 0x7000_0000);
  let inboundReference = randomInt(256);

  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const deliveries = new DeliveryQueue(
    (id) => [...binds].filter(([, state]) => state.systemId === id && (state.mode === 'transceiver' || state.mode === 'receiver')).map(([session]) => session),
    (run) => later(Math.max(receiptDelayMs, 200), run),
  );

  const server = smpp.createServer({}, (session) => {
    const state: BindState = { mode: null, systemId: '' };
    binds.set(session, state);
    if (silent) session.pause();
    session.on('error', () => session.destroy());
    session.on('close', () => {
      binds.delete(session);
      deliveries.sessionClosed(session);
      for (let i = held.length - 1; i >= 0; i--) if (held[i]!.session === session) held.splice(i, 1); // never answered: not accepted
    });
    for (const [command, mode] of [['bind_transceiver', 'transceiver'], ['bind_transmitter', 'transmitter'], ['bind_receiver', 'receiver']] as const) {
      session.on(command, (pdu: PDU) => {
        if (state.mode) return void session.send(pdu.response({ command_status: ESME.RALYBND }));
        if (pdu.system_id !== systemId) return void session.send(pdu.response({ command_status: ESME.RINVSYSID }));
        if (pdu.password !== password) return void session.send(pdu.response({ command_status: ESME.RINVPASWD }));
        Object.assign(state, { mode, systemId: pdu.system_id });
        session.send(pdu.response({ system_id: 'TASDEEDSIM' }));
        deliveries.flush(state.systemId);
      });
    }
    session.on('submit_sm', (pdu: PDU) => {
      submits++;
      if (state.mode !== 'transceiver' && state.mode !== 'transmitter') return void session.send(pdu.response({ command_status: ESME.RINVBNDSTS }));
      if (!pdu.destination_addr || options.rejectDestinations?.test(pdu.destination_addr)) return void session.send(pdu.response({ command_status: ESME.RINVDSTADR }));
      const answer = (): void => {
        const id = (nextMessageId++).toString(16).toUpperCase();
        session.send(pdu.response({ message_id: id }));
        acceptSegment(state.systemId, pdu, id);
      };
      if (holding) held.push({ session, answer });
      else answer();
    });
    // query_sm (§4.8) and cancel_sm (§4.9) name a message by any of its segments' ids, from the bind that sent it.
    session.on('query_sm', (pdu: PDU) => {
      if (state.mode !== 'transceiver' && state.mode !== 'transmitter') return void session.send(pdu.response({ command_status: ESME.RINVBNDSTS }));
      const message = findMessage(state.systemId, pdu.message_id);
      if (!message) return void session.send(pdu.response({ command_status: ESME.RQUERYFAIL }));
      session.send(pdu.response({ message_id: pdu.message_id, final_date: message.finalAt ? new Date(message.finalAt) : '', message_state: MESSAGE_STATE[message.status], error_code: 0 }));
    });
    session.on('cancel_sm', (pdu: PDU) => {
      if (state.mode !== 'transceiver' && state.mode !== 'transmitter') return void session.send(pdu.response({ command_status: ESME.RINVBNDSTS }));
      const message = findMessage(state.systemId, pdu.message_id);
      // Only a message not yet delivered (or failed) can be cancelled; its receipt then never comes.
      if (!message || message.status !== 'accepted') return void session.send(pdu.response({ command_status: ESME.RCANCELFAIL }));
      message.status = 'cancelled';
      message.finalAt = new Date().toISOString();
      session.send(pdu.response());
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      state.mode = null;
      session.send(pdu.response());
      session.close();
    });
    session.on('unknown', (pdu: PDU) => session.send(pdu.response())); // generic_nack
  });

  function acceptSegment(boundSystemId: string, pdu: PDU, id: string): void {
    const { text, udh } = readShortMessage(pdu);
    const info = concatenationInfo(udh);
    const from = displayAddress(pdu.source_addr_ton, pdu.source_addr);
    const to = displayAddress(pdu.dest_addr_ton, pdu.destination_addr);
    const segments = info && info.total > 1 ? parts.add(`${boundSystemId}|${from}|${to}`, info, { id, text }) : [{ id, text }];
    if (!segments) return; // waiting for the other parts
    const registeredDelivery = pdu.registered_delivery ?? 0;
    const message: SmscMessage = {
      id: segments[0]!.id,
      messageIds: segments.map((segment) => segment.id),
      systemId: boundSystemId,
      from,
      to,
      text: segments.map((segment) => segment.text).join(''),
      dataCoding: pdu.data_coding ?? 0,
      segments: segments.length,
      receivedAt: new Date().toISOString(),
      receiptRequested: (registeredDelivery & 0x03) !== 0,
      status: 'accepted',
    };
    messages.push(message);
    later(receiptDelayMs, () => settleMessage(message, registeredDelivery, pdu));
  }

  function findMessage(boundSystemId: string, id: unknown): SmscMessage | undefined {
    if (typeof id !== 'string' || id === '') return undefined;
    return messages.find((message) => message.systemId === boundSystemId && message.messageIds.includes(id));
  }

  /** Decides the message's fate and, if its sender asked (registered_delivery), tells it segment by segment. */
  function settleMessage(message: SmscMessage, registeredDelivery: number, submit: PDU): void {
    if (message.status === 'cancelled') return;
    const delivered = random() >= failureRate;
    message.status = delivered ? 'delivered' : 'undelivered';
    message.finalAt = new Date().toISOString();
    const wanted = registeredDelivery & 0x03; // 1: any final outcome, 2: failures only
    if (wanted === 0 || (wanted === 2 && delivered)) return;
    const submittedAt = new Date(message.receivedAt);
    for (const id of message.messageIds) {
      deliveries.enqueue(message.systemId, buildReceipt({ id, message, submit, delivered, submittedAt, doneAt: new Date() }));
    }
  }

  async function injectInbound(from: string, text: string, to = '1234'): Promise<void> {
    const record: SmscInboundMessage = { from, to, text, segments: 0, injectedAt: new Date().toISOString(), status: 'pending' };
    inboundReference = (inboundReference + 1) & 0xff;
    const pdus = buildInboundParts(from, to, text, inboundReference);
    record.segments = pdus.length;
    inboundMessages.push(record);
    await Promise.all(pdus.map((params) => new Promise<void>((resolve) => deliveries.enqueue(systemId, params, resolve))));
    record.status = 'delivered';
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.smppPort ?? 2775, host, () => resolve());
  });
  const smppPort = (server.address() as AddressInfo).port;

  const simulator: SmscSimulator = {
    smppPort,
    httpUrl: '',
    messages: () => messages.map((message) => ({ ...message, messageIds: [...message.messageIds] })),
    inbound: () => inboundMessages.map((message) => ({ ...message })),
    submitsReceived: () => submits,
    injectInbound,
    async dropBinds() {
      const sessions = [...binds.keys()];
      await Promise.all(sessions.map((session) => new Promise<void>((resolve) => session.destroy(resolve))));
      return sessions.length;
    },
    holdResponses(on) {
      holding = on;
      if (!on) for (const { answer } of held.splice(0)) answer();
    },
    heldResponses: () => held.length,
    setSilent(on) {
      silent = on;
      for (const session of binds.keys()) {
        if (on) session.pause();
        else session.resume();
      }
    },
    setFailureRate(rate) {
      failureRate = clampRate(rate);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await inbox.close();
      await simulator.dropBinds();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  let inbox: { url: string; close(): Promise<void> };
  try {
    inbox = await startSmscInbox(simulator, { port: options.httpPort ?? 2776, host });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  simulator.httpUrl = inbox.url;
  return simulator;
}

function clampRate(rate: number): number {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError('failureRate must be between 0 and 1');
  return rate;
}
