// KNET `trandata` encryption (manual K-064, RAW integration): AES-128-CBC, the terminal's 16-character resource
// key used as both key and IV, PKCS#5 padding (PKCS#7 on 16-byte blocks, which is what OpenSSL applies), and the
// ciphertext written as hex. The fixed IV means equal plaintexts give equal ciphertexts and the scheme carries no
// MAC: it keeps card-network fields private in the browser's URL but does not prove a result is true. That is why
// every result is confirmed by a server-to-server inquiry.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { AppError } from '../../../../platform/errors/app-error.js';

const ALGORITHM = 'aes-128-cbc';
const HEX_BLOCKS = /^(?:[0-9a-fA-F]{32})+$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The resource key as AES key bytes. Refuses anything that is not exactly 16 bytes. */
export function resourceKeyBytes(resourceKey: string): Buffer {
  const bytes = Buffer.from(resourceKey, 'utf8');
  if (bytes.length !== 16) {
    throw new AppError('gateway_config_invalid', { field: 'resourceKey', reason: 'must be exactly 16 bytes (16 ASCII characters)' });
  }
  return bytes;
}

/** Encrypts a plaintext message into uppercase hex `trandata`, as KNET's own kits write it. */
export function encryptTrandata(plaintext: string, resourceKey: string): string {
  const key = resourceKeyBytes(resourceKey);
  const cipher = createCipheriv(ALGORITHM, key, key);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('hex').toUpperCase();
}

/**
 * Decrypts hex `trandata` (either case). Throws AppError('gateway_response_invalid') when it is not whole AES
 * blocks of hex, when the padding is wrong (the usual sign of a wrong key or a changed last block), or when the
 * bytes are not UTF-8 text (the usual sign of a changed earlier block).
 */
export function decryptTrandata(hex: string, resourceKey: string): string {
  const key = resourceKeyBytes(resourceKey);
  const text = typeof hex === 'string' ? hex.trim() : '';
  if (!HEX_BLOCKS.test(text)) throw new AppError('gateway_response_invalid', { reason: 'trandata is not hex in 16-byte blocks' });
  let bytes: Buffer;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, key);
    bytes = Buffer.concat([decipher.update(Buffer.from(text, 'hex')), decipher.final()]);
  } catch {
    throw new AppError('gateway_response_invalid', { reason: 'trandata does not decrypt with this terminal key' });
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new AppError('gateway_response_invalid', { reason: 'trandata decrypts to bytes that are not text' });
  }
}
