// Delivery receipts (SMPP 3.4 appendix B): a deliver_sm with esm_class 0x04 whose text reads
// `id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:…`.
// SMS centres differ in details (ids in hex or decimal, seconds in dates, missing fields, the optional
// receipted_message_id / message_state TLVs), so the parser is lenient and prefers what the TLVs say.

export type DeliveryStatus = 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'deleted' | 'accepted' | 'enroute' | 'unknown';

export interface DeliveryReceipt {
  /** The message id the SMS centre gave in submit_sm_resp (one per segment). */
  messageId: string;
  status: DeliveryStatus;
  /** True when the status will not change any more (anything but accepted / enroute). */
  final: boolean;
  /** The `err:` field: network- or SMSC-specific, '000' when delivered. */
  errorCode: string;
  /** When the SMS centre says it reached the final state; null when the receipt does not say. */
  doneAt: Date | null;
  submittedAt: Date | null;
  /** The whole receipt text, for the record. */
  raw: string;
}

const STAT_TO_STATUS: Record<string, DeliveryStatus> = {
  DELIVRD: 'delivered',
  UNDELIV: 'undelivered',
  EXPIRED: 'expired',
  REJECTD: 'rejected',
  DELETED: 'deleted',
  ACCEPTD: 'accepted',
  ENROUTE: 'enroute',
  UNKNOWN: 'unknown',
};

// message_state TLV (SMPP 3.4 §5.2.28).
const MESSAGE_STATE_TO_STATUS: Record<number, DeliveryStatus> = {
  1: 'enroute', 2: 'delivered', 3: 'expired', 4: 'deleted', 5: 'undelivered', 6: 'accepted', 7: 'unknown', 8: 'rejected',
};

export interface ReceiptTlvs {
  receiptedMessageId?: string;
  messageState?: number;
}

/**
 * Parses a receipt text. `utcOffsetMinutes` is the SMS centre's clock offset: receipts carry local times without a
 * zone (0 for an SMS centre on UTC, 180 for one on Kuwait time). Returns null when there is no message id at all.
 */
export function parseDeliveryReceipt(text: string, tlvs: ReceiptTlvs = {}, utcOffsetMinutes = 0): DeliveryReceipt | null {
  const field = (pattern: RegExp): string | undefined => pattern.exec(text)?.[1];
  const messageId = tlvs.receiptedMessageId || field(/\bid:(\S+)/i);
  if (!messageId) return null;
  const stat = field(/\bstat:(\w+)/i)?.toUpperCase();
  const status = (tlvs.messageState !== undefined ? MESSAGE_STATE_TO_STATUS[tlvs.messageState] : undefined)
    ?? (stat ? STAT_TO_STATUS[stat] : undefined)
    ?? 'unknown';
  return {
    messageId,
    status,
    final: status !== 'accepted' && status !== 'enroute',
    errorCode: field(/\berr:(\w+)/i) ?? '',
    doneAt: parseReceiptDate(field(/\bdone date:(\d{10,12})/i), utcOffsetMinutes),
    submittedAt: parseReceiptDate(field(/\bsubmit date:(\d{10,12})/i), utcOffsetMinutes),
    raw: text,
  };
}

/** `YYMMDDhhmm[ss]` in the SMS centre's local time → Date, or null if absent or not a real time. */
export function parseReceiptDate(value: string | undefined, utcOffsetMinutes = 0): Date | null {
  if (!value) return null;
  const [yy, mo, dd, hh, mi, ss = 0] = (value.match(/\d\d/g) ?? []).map(Number) as number[];
  if (yy === undefined || mo === undefined || dd === undefined || hh === undefined || mi === undefined) return null;
  const utc = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== dd || hh > 23 || mi > 59 || ss > 59) return null;
  return new Date(utc - utcOffsetMinutes * 60_000);
}

/** Date → `YYMMDDhhmm` in the given offset: what an SMS centre writes (the simulator uses it). */
export function formatReceiptDate(at: Date, utcOffsetMinutes = 0): string {
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(local.getUTCFullYear() % 100)}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${two(local.getUTCHours())}${two(local.getUTCMinutes())}`;
}
