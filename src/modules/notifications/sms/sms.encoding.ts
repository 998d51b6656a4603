// How a text becomes SMS segments (pure). GSM 03.38 7-bit when every character is in the basic set or its
// extension table, otherwise UCS-2 (UTF-16 big-endian): one Arabic letter switches the whole text. Long texts are
// split into parts carrying the concatenation header `05 00 03 <ref> <total> <seq>` (esm_class 0x40), because the
// `smpp` package does not split or concatenate by itself.
//
// GSM-7 is carried in SMPP unpacked, one septet per octet (data_coding 0x00); the SMS centre packs it for the air,
// where a segment is 140 octets: 160 septets alone, or 153 after a 6-octet header (+1 fill bit).
import { smsError } from './sms.errors.js';

export type SmsEncoding = 'gsm7' | 'ucs2';

/** SMPP data_coding values. 0x00 is the SMS centre's default alphabet, GSM 03.38 everywhere we send. */
export const DATA_CODING: Record<SmsEncoding, number> = { gsm7: 0x00, ucs2: 0x08 };
/** esm_class bit saying short_message starts with a user data header. */
export const ESM_CLASS_UDH_INDICATOR = 0x40;

export const SEGMENT_LIMITS: Record<SmsEncoding, { single: number; perPart: number }> = {
  gsm7: { single: 160, perPart: 153 }, // septets
  ucs2: { single: 70, perPart: 67 }, // UTF-16 code units
};
/** The concatenation header has one octet for the part count. */
export const MAX_SEGMENTS = 255;

// GSM 03.38 basic character set, indexed by septet value. 0x1B is the escape to the extension table (null here:
// it is not a character a text can contain).
const GSM7_BASIC: readonly (string | null)[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', null, 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];
const GSM7_ESCAPE = 0x1b;
// GSM 03.38 extension table: character → septet that follows the escape. Each costs two septets.
const GSM7_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f], ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65],
]);

const basicSeptet = new Map<string, number>();
GSM7_BASIC.forEach((char, septet) => { if (char !== null) basicSeptet.set(char, septet); });
const extensionChar = new Map<number, string>([...GSM7_EXTENSION].map(([char, septet]) => [septet, char]));

/** Septets a character takes in GSM-7 (1 basic, 2 extension), or 0 when GSM-7 cannot carry it. */
function gsm7Cost(char: string): 0 | 1 | 2 {
  if (basicSeptet.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return 0;
}

export function chooseEncoding(text: string): SmsEncoding {
  for (const char of text) if (gsm7Cost(char) === 0) return 'ucs2';
  return 'gsm7';
}

/** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes, the unit segment limits are counted in. */
export function measureText(text: string, encoding: SmsEncoding = chooseEncoding(text)): number {
  if (encoding === 'ucs2') return text.length;
  let septets = 0;
  for (const char of text) septets += gsm7Cost(char);
  return septets;
}

/**
 * Splits a text into the parts that will travel as separate SMS. A part never ends between the escape and its
 * extension character, nor between the two halves of a surrogate pair (an emoji), so each part decodes alone.
 */
export function splitIntoSegments(text: string): { encoding: SmsEncoding; parts: string[] } {
  const encoding = chooseEncoding(text);
  const parts = partition(text, encoding);
  if (parts.length > MAX_SEGMENTS) throw smsError('sms_too_long', false, { segments: parts.length, max: MAX_SEGMENTS });
  return { encoding, parts };
}

/** How many SMS the text costs (for template validation and cost estimates); may exceed MAX_SEGMENTS. */
export function countSegments(text: string): number {
  return partition(text, chooseEncoding(text)).length;
}

function partition(text: string, encoding: SmsEncoding): string[] {
  const limits = SEGMENT_LIMITS[encoding];
  if (measureText(text, encoding) <= limits.single) return [text];
  const cost = (char: string): number => (encoding === 'gsm7' ? gsm7Cost(char) : char.length);
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) { // iterates code points: a surrogate pair stays together
    const units = cost(char);
    if (used + units > limits.perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += units;
  }
  parts.push(current);
  return parts;
}

export function encodeGsm7(text: string): Buffer {
  const septets: number[] = [];
  for (const char of text) {
    const basic = basicSeptet.get(char);
    if (basic !== undefined) {
      septets.push(basic);
      continue;
    }
    const extension = GSM7_EXTENSION.get(char);
    if (extension === undefined) throw new RangeError(`character U+${char.codePointAt(0)?.toString(16)} is not in GSM 03.38`);
    septets.push(GSM7_ESCAPE, extension);
  }
  return Buffer.from(septets);
}

/** Unpacked septets → text. An unknown extension septet decodes as its basic character, as handsets do. */
export function decodeGsm7(septets: Uint8Array): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i]! & 0x7f;
    if (septet === GSM7_ESCAPE && i + 1 < septets.length) {
      const next = septets[++i]! & 0x7f;
      text += extensionChar.get(next) ?? GSM7_BASIC[next] ?? ' ';
    } else {
      text += GSM7_BASIC[septet] ?? ' ';
    }
  }
  return text;
}

export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

export function decodeUcs2(octets: Uint8Array): string {
  const even = octets.length - (octets.length % 2);
  return Buffer.from(octets.subarray(0, even)).swap16().toString('utf16le');
}

export function encodeText(text: string, encoding: SmsEncoding): Buffer {
  return encoding === 'gsm7' ? encodeGsm7(text) : encodeUcs2(text);
}

export function decodeText(octets: Uint8Array, dataCoding: number): string {
  return (dataCoding & 0x0f) === DATA_CODING.ucs2 ? decodeUcs2(octets) : decodeGsm7(octets);
}

/** User data header with one information element: concatenated SMS, 8-bit reference (IEI 0x00). */
export function concatenationHeader(reference: number, total: number, sequence: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence]);
}

/** One submit_sm's worth: what goes into short_message, data_coding and esm_class. */
export interface SegmentPayload {
  encoding: SmsEncoding;
  dataCoding: number;
  esmClass: number;
  /** UDH (when concatenated) followed by the encoded text. */
  shortMessage: Buffer;
  sequence: number;
  total: number;
  text: string;
}

/** Text → the short_message payloads to submit, in order. `reference` ties the parts of one message together. */
export function buildSegmentPayloads(text: string, reference: number): SegmentPayload[] {
  const { encoding, parts } = splitIntoSegments(text);
  const total = parts.length;
  return parts.map((part, index) => {
    const body = encodeText(part, encoding);
    const concatenated = total > 1;
    return {
      encoding,
      dataCoding: DATA_CODING[encoding],
      esmClass: concatenated ? ESM_CLASS_UDH_INDICATOR : 0,
      shortMessage: concatenated ? Buffer.concat([concatenationHeader(reference, total, index + 1), body]) : body,
      sequence: index + 1,
      total,
      text: part,
    };
  });
}

/** Octets the payload takes on the air interface (GSM-7 packed to 7 bits after the header): must be ≤ 140. */
export function airInterfaceOctets(payload: Pick<SegmentPayload, 'encoding' | 'esmClass' | 'shortMessage'>): number {
  const headerLength = payload.esmClass & ESM_CLASS_UDH_INDICATOR ? payload.shortMessage[0]! + 1 : 0;
  const bodyLength = payload.shortMessage.length - headerLength;
  if (payload.encoding === 'ucs2') return headerLength + bodyLength;
  return Math.ceil((headerLength * 8 + bodyLength * 7) / 8);
}
