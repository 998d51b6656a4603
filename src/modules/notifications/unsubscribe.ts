// The unsubscribe link in every email: `/u/<token>`, where the token names the person and the topic group and is
// signed with TASDEED_SECRET, so it works without signing in and cannot be forged to silence someone else.
// It does not expire: a link in an old email must still work.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isCategory, type Category } from './topics.js';

const VERSION = 'u1';

function signature(secret: string, personId: string, category: Category): string {
  return createHmac('sha256', secret).update(`unsubscribe\n${personId}\n${category}`).digest('base64url').slice(0, 32);
}

export function unsubscribeToken(secret: string, personId: string, category: Category): string {
  return `${VERSION}.${Buffer.from(personId).toString('base64url')}.${category}.${signature(secret, personId, category)}`;
}

export function unsubscribeUrl(publicUrl: string, secret: string, personId: string, category: Category): string {
  return `${publicUrl}/u/${unsubscribeToken(secret, personId, category)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { personId: string; category: Category } | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, encodedPerson, category, given] = parts as [string, string, string, string];
  if (!isCategory(category)) return null;
  const personId = Buffer.from(encodedPerson, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(personId)) return null;
  const expected = Buffer.from(signature(secret, personId, category));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? { personId, category } : null;
}
