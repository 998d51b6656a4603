import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  airInterfaceOctets,
  buildSegmentPayloads,
  chooseEncoding,
  countSegments,
  decodeGsm7,
  decodeText,
  encodeGsm7,
  encodeUcs2,
  measureText,
  splitIntoSegments,
} from './sms.encoding.js';
import { concatenationInfo } from './sms.reassembly.js';
import { AppError } from '../../../platform/errors/app-error.js';

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوية٠١٢٣٤٥٦٧٨٩،؛؟ ';
const OTHERS = ['😀', '👍🏽', 'ç', 'ğ', '中', '\u200f', '﷼'];

/** Texts mixing the alphabets that matter: GSM basic, GSM extension, Arabic, emoji (surrogate pairs) and others. */
const smsText = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...GSM_BASIC) },
    { weight: 2, arbitrary: fc.constantFrom(...GSM_EXTENSION) },
    { weight: 3, arbitrary: fc.constantFrom(...ARABIC) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHERS) },
  ),
  { maxLength: 700 },
).map((chars) => chars.join(''));

/** Reassembles payloads the way a handset does: header off, decode each part by data_coding, join in order. */
function reassemble(payloads: ReturnType<typeof buildSegmentPayloads>): string {
  return payloads
    .map((payload) => {
      const hasHeader = (payload.esmClass & 0x40) !== 0;
      const headerLength = hasHeader ? payload.shortMessage[0]! + 1 : 0;
      const info = hasHeader ? concatenationInfo([payload.shortMessage.subarray(1, headerLength)]) : null;
      return { sequence: info?.sequence ?? 1, text: decodeText(payload.shortMessage.subarray(headerLength), payload.dataCoding) };
    })
    .sort((a, b) => a.sequence - b.sequence)
    .map((part) => part.text)
    .join('');
}

describe('SMS encoding', () => {
  it('keeps GSM-7 for the basic set and its extension table, and switches to UCS-2 for anything else', () => {
    expect(chooseEncoding(GSM_BASIC + GSM_EXTENSION)).toBe('gsm7');
    expect(chooseEncoding('Your bill is 12.500 KWD')).toBe('gsm7');
    expect(chooseEncoding('Your bill is 12.500 د.ك')).toBe('ucs2');
    expect(chooseEncoding('ça')).toBe('ucs2'); // lower-case ç is not in GSM 03.38 (only Ç)
    expect(chooseEncoding('`')).toBe('ucs2');
  });

  it('makes a 150-character Arabic message three UCS-2 segments of at most 67 characters', () => {
    const text = 'عزيزي العميل، صدرت فاتورة الكهرباء والماء لشهر مارس بمبلغ ١٢٫٥٠٠ د.ك. '.repeat(3).slice(0, 150);
    expect(text).toHaveLength(150);
    const payloads = buildSegmentPayloads(text, 0x2a);
    expect(payloads).toHaveLength(3);
    expect(countSegments(text)).toBe(3);
    expect(payloads.map((p) => p.text.length)).toEqual([67, 67, 16]);
    expect(payloads.every((p) => p.dataCoding === 0x08 && p.esmClass === 0x40)).toBe(true);
    expect([...payloads[1]!.shortMessage.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 0x2a, 3, 2]);
    // UCS-2 big-endian: ع is U+0639
    expect([...payloads[0]!.shortMessage.subarray(6, 8)]).toEqual([0x06, 0x39]);
    expect(reassemble(payloads)).toBe(text);
  });

  it('sends 160 GSM characters as one segment and 161 as two (153 + 8)', () => {
    expect(countSegments('a'.repeat(160))).toBe(1);
    expect(buildSegmentPayloads('a'.repeat(160), 1)[0]!.esmClass).toBe(0);
    const payloads = buildSegmentPayloads('b'.repeat(161), 7);
    expect(payloads.map((p) => p.text.length)).toEqual([153, 8]);
    expect(payloads.every((p) => p.dataCoding === 0x00)).toBe(true);
  });

  it('counts extension characters twice and never splits one from its escape', () => {
    expect(measureText('€[]')).toBe(6);
    expect(countSegments('€'.repeat(80))).toBe(1); // 160 septets
    expect(countSegments('€'.repeat(81))).toBe(2);
    const text = 'x'.repeat(152) + '€' + 'y'.repeat(10);
    const { parts } = splitIntoSegments(text);
    expect(parts[0]).toBe('x'.repeat(152)); // the € (2 septets) does not fit in the 1 septet left
    expect(parts[1]!.startsWith('€')).toBe(true);
    expect([...encodeGsm7('€{')]).toEqual([0x1b, 0x65, 0x1b, 0x28]);
    expect(decodeGsm7(encodeGsm7(GSM_BASIC + GSM_EXTENSION))).toBe(GSM_BASIC + GSM_EXTENSION);
  });

  it('uses 70 UCS-2 units alone and 67 per part, never splitting a surrogate pair', () => {
    expect(countSegments('ب'.repeat(70))).toBe(1);
    expect(countSegments('ب'.repeat(71))).toBe(2);
    const text = 'ب'.repeat(66) + '😀' + 'ب'.repeat(3); // 71 code units: two parts
    const { parts } = splitIntoSegments(text);
    expect(parts).toEqual(['ب'.repeat(66), '😀ببب']); // 66 + 2 would be 68 > 67
    expect([...encodeUcs2('😀')]).toEqual([0xd8, 0x3d, 0xde, 0x00]);
  });

  it('refuses a text needing more than 255 segments', () => {
    expect(countSegments('a'.repeat(153 * 256))).toBe(256);
    expect(() => splitIntoSegments('a'.repeat(153 * 256))).toThrow(AppError);
  });

  it('property: splitting then reassembling gives the original text', () => {
    fc.assert(fc.property(smsText, fc.integer({ min: 0, max: 255 }), (text, reference) => {
      expect(reassemble(buildSegmentPayloads(text, reference))).toBe(text);
    }), { numRuns: 300 });
  });

  it('property: every segment fits in 140 octets on the air, within its encoding limit, and the count agrees', () => {
    fc.assert(fc.property(smsText, (text) => {
      const payloads = buildSegmentPayloads(text, 1);
      expect(payloads).toHaveLength(countSegments(text));
      for (const payload of payloads) {
        expect(airInterfaceOctets(payload)).toBeLessThanOrEqual(140);
        const limit = payloads.length === 1 ? (payload.encoding === 'gsm7' ? 160 : 70) : (payload.encoding === 'gsm7' ? 153 : 67);
        expect(measureText(payload.text, payload.encoding)).toBeLessThanOrEqual(limit);
        expect(payload.total).toBe(payloads.length);
        if (payload.encoding === 'ucs2') expect(payload.text).not.toMatch(/[\ud800-\udbff]$/); // no dangling high surrogate
      }
    }), { numRuns: 300 });
  });
});
