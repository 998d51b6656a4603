// API clients' HMAC secrets are kept encrypted at rest with a key derived from TASDEED_SECRET: the server must
// read them back to verify signatures, so a hash would not do, and a database dump alone must not reveal them.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

function keyFrom(secret: string): Buffer {
  return createHash('sha256').update(`tasdeed:api-client-secrets:${secret}`).digest();
}

export function encryptSecret(plain: string, masterSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(masterSecret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(sealed: string, masterSecret: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(masterSecret), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The string a machine client signs: method, path with query, timestamp and the body's SHA-256, one per line.
 * Signature = hex(HMAC-SHA256(secret, canonical)). Sent as X-Tasdeed-Key / -Timestamp / -Signature headers.
 */
export function canonicalRequest(method: string, pathWithQuery: string, timestamp: string, body: string | Buffer): string {
  return [method.toUpperCase(), pathWithQuery, timestamp, sha256Hex(body)].join('\n');
}

export function signRequest(secret: string, method: string, pathWithQuery: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(canonicalRequest(method, pathWithQuery, timestamp, body)).digest('hex');
}

export function signaturesMatch(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(givenHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
