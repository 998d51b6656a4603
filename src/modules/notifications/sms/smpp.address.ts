// Addresses on the SMPP wire: a number plus its type of number (TON) and numbering plan (NPI).
import { AppError } from '../../../platform/errors/app-error.js';
import { smsError } from './sms.errors.js';

export const TON = { unknown: 0, international: 1, national: 2, alphanumeric: 5 } as const;
export const NPI = { unknown: 0, isdn: 1 } as const;

export interface SmppAddress {
  ton: number;
  npi: number;
  addr: string;
}

/** Recipient: `+965…` travels as international digits; bare digits as they are (national or short code). */
export function recipientAddress(to: string): SmppAddress {
  const compact = to.replace(/[\s-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return { ton: TON.international, npi: NPI.isdn, addr: compact.slice(1) };
  if (/^\d{3,20}$/.test(compact)) return { ton: TON.unknown, npi: NPI.isdn, addr: compact };
  throw new AppError('phone_invalid', { phone: to, retryable: false });
}

/** Sender: a number as above, or an alphanumeric name of at most 11 characters (the air interface limit). */
export function senderAddress(from: string): SmppAddress {
  if (/^\+?\d+$/.test(from)) {
    try {
      return recipientAddress(from);
    } catch {
      throw smsError('sms_sender_invalid', false, { from });
    }
  }
  if (!/^[A-Za-z0-9 .&'-]{1,11}$/.test(from)) throw smsError('sms_sender_invalid', false, { from });
  return { ton: TON.alphanumeric, npi: NPI.unknown, addr: from };
}

/** Wire address → how we show a number: international numbers get their `+` back. */
export function displayAddress(ton: number | undefined, addr: string | undefined): string {
  const value = addr ?? '';
  return ton === TON.international && /^\d+$/.test(value) ? `+${value}` : value;
}
