import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../../../platform/errors/app-error.js';
import { decryptTrandata, encryptTrandata } from './knet.crypto.js';

const KEY = 'TasdeedDemoKey16';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-app-error';
  }
  return undefined;
}

// The same recipe written out by hand with node:crypto: AES-128-CBC, key = IV = the resource key, PKCS padding.
function referenceEncrypt(plaintext: string, key: string): string {
  const k = Buffer.from(key, 'latin1');
  const cipher = createCipheriv('aes-128-cbc', k, k);
  return Buffer.concat([cipher.update(Buffer.from(plaintext, 'utf8')), cipher.final()]).toString('hex');
}

describe('KNET trandata encryption', () => {
  it('matches an independently computed vector', () => {
    const plaintext = 'id=700100&password=demo700100&action=1&langid=USA&currencycode=414&amt=12.500&trackid=T1';
    expect(encryptTrandata(plaintext, KEY)).toBe(referenceEncrypt(plaintext, KEY).toUpperCase());
    // Computed once with the openssl command line (`openssl enc -aes-128-cbc -K <key hex> -iv <key hex>`).
    expect(encryptTrandata('paymentid=123&result=CAPTURED', KEY)).toBe('DB42121213AA1270AE57B5F1AC4631114BE832FE1688B7149CCEDBDBE2045466');
  });

  it('adds a whole block of padding to a plaintext that is already a multiple of 16 bytes', () => {
    const sixteen = '0123456789abcdef';
    const hex = encryptTrandata(sixteen, KEY);
    expect(hex).toHaveLength(64); // 16 bytes of text + 16 bytes of padding, as hex
    expect(hex).toBe('2222BFAC80870FEC619ED0B1273062FD3E783054379E70A2991A0FA9D5906EE5');
    expect(decryptTrandata(hex, KEY)).toBe(sixteen);
    expect(encryptTrandata(sixteen.slice(0, 15), KEY)).toHaveLength(32);
    expect(encryptTrandata(`${sixteen}${sixteen}`, KEY)).toHaveLength(96);
  });

  it('round-trips any text, Arabic included, and accepts lowercase hex', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const hex = encryptTrandata(text, KEY);
        expect(decryptTrandata(hex, KEY)).toBe(text);
        expect(decryptTrandata(hex.toLowerCase(), KEY)).toBe(text);
      }),
    );
    expect(decryptTrandata(encryptTrandata('udf1=محمد عبدالله', KEY), KEY)).toBe('udf1=محمد عبدالله');
  });

  it('refuses hex that is malformed or not whole blocks', () => {
    const hex = encryptTrandata('paymentid=123&result=CAPTURED', KEY);
    for (const bad of ['', 'zz', hex.slice(0, -2), `${hex}00`, hex.replace(/^./, 'G'), `${hex} x`]) {
      expect(codeOf(() => decryptTrandata(bad, KEY)), bad).toBe('gateway_response_invalid');
    }
  });

  it('refuses trandata made with another key', () => {
    const hex = encryptTrandata('paymentid=8962225231041180&result=CAPTURED&trackid=632186&amt=20.550', KEY);
    expect(codeOf(() => decryptTrandata(hex, 'AnotherKey123456'))).toBe('gateway_response_invalid');
  });

  it('refuses tampered trandata: a changed byte in any block breaks the padding or the text', () => {
    const plaintext = 'paymentid=8962225231041180&result=CAPTURED&auth=999554&ref=411857974849&trackid=632186&amt=20.550';
    const hex = encryptTrandata(plaintext, KEY);
    const blocks = hex.length / 32;
    for (let block = 0; block < blocks; block++) {
      const at = block * 32 + 6;
      const flipped = (parseInt(hex.slice(at, at + 2), 16) ^ 0x80).toString(16).padStart(2, '0').toUpperCase();
      const tampered = hex.slice(0, at) + flipped + hex.slice(at + 2);
      let outcome: string;
      try {
        outcome = decryptTrandata(tampered, KEY);
      } catch (error) {
        outcome = error instanceof AppError ? error.code : 'not-app-error';
      }
      // CBC lets a changed block decrypt to noise: either it is refused here, or it is no longer the message.
      expect(outcome, `block ${block}`).not.toBe(plaintext);
      if (block === blocks - 1) expect(outcome, 'last block: padding').toBe('gateway_response_invalid');
    }
  });

  it('refuses a resource key that is not 16 bytes', () => {
    expect(codeOf(() => encryptTrandata('x', 'short'))).toBe('gateway_config_invalid');
    expect(codeOf(() => encryptTrandata('x', 'مفتاح-ستة-عشر'))).toBe('gateway_config_invalid');
  });
});
