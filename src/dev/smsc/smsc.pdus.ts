// The deliver_sm PDUs the simulated SMS centre sends: delivery receipts in the SMPP 3.4 appendix B format, and
// messages from handsets (split and encoded like any other SMS, with the concatenation header when long).
import type { PDU, PduParams } from 'smpp';
import { buildSegmentPayloads } from '../../modules/notifications/index.js';
import { recipientAddress } from '../../modules/notifications/index.js';
import { formatReceiptDate } from '../../modules/notifications/index.js';

const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
const MESSAGE_STATE = { delivered: 2, undeliverable: 5 } as const;

export interface ReceiptFacts {
  id: string;
  message: { text: string };
  /** The submit_sm the receipt answers: the receipt goes from its recipient back to its sender. */
  submit: PDU;
  delivered: boolean;
  submittedAt: Date;
  doneAt: Date;
}

export function buildReceipt(facts: ReceiptFacts): PduParams {
  const { id, submit, delivered } = facts;
  const text = [
    `id:${id}`,
    'sub:001',
    `dlvrd:${delivered ? '001' : '000'}`,
    `submit date:${formatReceiptDate(facts.submittedAt)}`,
    `done date:${formatReceiptDate(facts.doneAt)}`,
    `stat:${delivered ? 'DELIVRD' : 'UNDELIV'}`,
    `err:${delivered ? '000' : '001'}`,
    `text:${preview(facts.message.text)}`,
  ].join(' ');
  return {
    source_addr_ton: submit.dest_addr_ton ?? 0,
    source_addr_npi: submit.dest_addr_npi ?? 0,
    source_addr: submit.destination_addr ?? '',
    dest_addr_ton: submit.source_addr_ton ?? 0,
    dest_addr_npi: submit.source_addr_npi ?? 0,
    destination_addr: submit.source_addr ?? '',
    esm_class: ESM_CLASS_DELIVERY_RECEIPT,
    data_coding: 0x00,
    short_message: Buffer.from(text, 'latin1'),
    receipted_message_id: id,
    message_state: delivered ? MESSAGE_STATE.delivered : MESSAGE_STATE.undeliverable,
  };
}

/** The first 20 characters, as receipts carry them; characters that would not survive 7 bits become dots. */
function preview(text: string): string {
  return [...text].slice(0, 20).map((char) => (/^[A-Za-z0-9 .,!?-]$/.test(char) ? char : '.')).join('');
}

/** A message from a handset (`from`, e.g. +96550001234) to our number or short code (`to`). */
export function buildInboundParts(from: string, to: string, text: string, reference: number): PduParams[] {
  const source = recipientAddress(from);
  const destination = recipientAddress(to);
  return buildSegmentPayloads(text, reference).map((payload) => ({
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: source.addr,
    dest_addr_ton: destination.ton,
    dest_addr_npi: destination.npi,
    destination_addr: destination.addr,
    esm_class: payload.esmClass,
    data_coding: payload.dataCoding,
    short_message: payload.shortMessage,
  }));
}
