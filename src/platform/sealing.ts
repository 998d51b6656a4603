// Sealing: AES-256-GCM under a key derived from TASDEED_SECRET and a purpose, for what the server must read back
// but a database reader must not (API clients' HMAC secrets, staff authenticator secrets, one-time sign-in codes
// on their way to the SMS centre). The purpose keeps one kind of sealed text from being opened as another.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export type SealPurpose = 'api-client-secrets' | 'one-time-codes';

function keyFor(purpose: SealPurpose, masterSecret: string): Buffer {
  return createHash('sha256').update(`tasdeed:${purpose}:${masterSecret}`).digest();
}

/** iv.tag.ciphertext, each base64url. */
export function seal(plain: string, masterSecret: string, purpose: SealPurpose): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose, masterSecret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** Throws when the text was not sealed with this secret and purpose, or was altered. */
export function unseal(sealed: string, masterSecret: string, purpose: SealPurpose): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose, masterSecret), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}
