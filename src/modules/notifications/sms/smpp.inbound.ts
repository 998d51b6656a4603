// What the SMS centre sends us on a bind: deliver_sm (or data_sm, SMPP 3.4 §4.7) carrying either a delivery receipt (esm_class message type
// 0x04, or 0x20 for an intermediate notification) or a message someone sent to our number. Every one gets its
// response (deliver_sm_resp or data_sm_resp), after our listeners ran: if one fails, the answer is a temporary error and the SMS centre
// delivers it again later, so a receipt is never acknowledged before we could record it.
import type { PDU, Session, DecodedShortMessage } from 'smpp';
import { decodeText } from './sms.encoding.js';
import { ConcatenationBuffer, concatenationInfo } from './sms.reassembly.js';
import { displayAddress } from './smpp.address.js';
import { parseDeliveryReceipt } from './smpp.receipt.js';
import type { InboundListener, InboundSms, ReceiptListener } from './sms.types.js';

const ESM_MESSAGE_TYPE_MASK = 0x3c;
const MESSAGE_TYPE = { normal: 0x00, deliveryReceipt: 0x04, intermediateNotification: 0x20 } as const;
const ESME_RX_T_APPN = 0x64; // "temporary application error": try again later

interface Log {
  warn(message: string, data?: Record<string, unknown>): void;
}

export class InboundDispatcher {
  readonly receiptListeners: ReceiptListener[] = [];
  readonly inboundListeners: InboundListener[] = [];
  private readonly parts = new ConcatenationBuffer<string>();

  constructor(private readonly receiptUtcOffsetMinutes: number, private readonly log: Log) {}

  async handle(session: Session, pdu: PDU): Promise<void> {
    let status = 0;
    try {
      const type = (pdu.esm_class ?? 0) & ESM_MESSAGE_TYPE_MASK;
      if (type === MESSAGE_TYPE.deliveryReceipt || type === MESSAGE_TYPE.intermediateNotification) await this.handleReceipt(pdu);
      else if (type === MESSAGE_TYPE.normal) await this.handleMessage(pdu);
      // other types (SME acknowledgements) carry nothing we act on: acknowledged and ignored
    } catch (error) {
      status = ESME_RX_T_APPN;
      this.log.warn('deliver_sm listener failed: asking the SMS centre to deliver it again', { error: String(error) });
    }
    session.send(pdu.response(status ? { command_status: status } : {}));
  }

  private async handleReceipt(pdu: PDU): Promise<void> {
    const { text } = readShortMessage(pdu);
    const receipt = parseDeliveryReceipt(text, { receiptedMessageId: pdu.receipted_message_id, messageState: pdu.message_state }, this.receiptUtcOffsetMinutes);
    if (!receipt) {
      this.log.warn('delivery receipt without a message id: ignored', { text });
      return;
    }
    // A listener may answer at once or with a promise: each becomes a promise, and all are awaited together.
    await Promise.all(this.receiptListeners.map(async (listener) => listener(receipt)));
  }

  private async handleMessage(pdu: PDU): Promise<void> {
    const { text, udh } = readShortMessage(pdu);
    const from = displayAddress(pdu.source_addr_ton, pdu.source_addr);
    const to = displayAddress(pdu.dest_addr_ton, pdu.destination_addr);
    const info = concatenationInfo(udh);
    let parts = [text];
    if (info && info.total > 1) {
      const complete = this.parts.add(`${from}|${to}`, info, text);
      if (!complete) return; // acknowledged; the message goes out when its last part arrives
      parts = complete;
    }
    const message: InboundSms = { from, to, text: parts.join(''), receivedAt: new Date() };
    try {
      await Promise.all(this.inboundListeners.map(async (listener) => listener(message)));
    } catch (error) {
      // Only the last part will come again: keep the others so the redelivered one completes the message.
      if (info && info.total > 1) {
        parts.forEach((part, index) => {
          if (index !== info.sequence - 1) this.parts.add(`${from}|${to}`, { ...info, sequence: index + 1 }, part);
        });
      }
      throw error;
    }
  }
}

/** The text and user data header of a deliver_sm, from short_message or, when that is empty, message_payload. */
export function readShortMessage(pdu: PDU): { text: string; udh?: Buffer[] } {
  const dataCoding = pdu.data_coding ?? 0;
  const pick = (value: DecodedShortMessage | Buffer | undefined): { text: string; udh?: Buffer[] } | null => {
    if (value === undefined) return null;
    if (Buffer.isBuffer(value)) return value.length ? { text: decodeText(value, dataCoding) } : null;
    const message = value.message;
    const text = typeof message === 'string' ? message : decodeText(message, dataCoding);
    return text.length || value.udh?.length ? { text, udh: value.udh } : null;
  };
  return pick(pdu.short_message) ?? pick(pdu.message_payload) ?? { text: '' };
}
