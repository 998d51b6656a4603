// API clients' HMAC secrets are kept encrypted at rest with a key derived from TASDEED_SECRET: the server must
// read them back to verify signatures, so a hash would not do, and a database dump alone must not reveal them.
// (The staff authenticator secrets use the same sealing, ./second-factor.ts.)
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { seal, unseal } from '../../platform/sealing.js';

export function encryptSecret(plain: string, masterSecret: string): string {
  return seal(plain, masterSecret, 'api-client-secrets');
}

export function decryptSecret(sealed: string, masterSecret: string): string {
  return unseal(sealed, masterSecret, 'api-client-secrets');
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
