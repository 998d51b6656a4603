// Phone numbers are stored in E.164. A local Kuwaiti mobile (8 digits starting 4, 5, 6 or 9) gets +965 by default.
import { AppError } from '../platform/errors/app-error.js';

const E164 = /^\+[1-9]\d{7,14}$/;

export function normalizePhone(input: string, defaultCountryCode = '965'): string {
  const compact = String(input).replace(/[\s\-()]/g, '').replace(/^00/, '+');
  const candidate = /^[4569]\d{7}$/.test(compact) && defaultCountryCode === '965' ? `+965${compact}` : compact;
  if (!E164.test(candidate)) throw new AppError('phone_invalid', { phone: input });
  if (candidate.startsWith('+965') && !/^\+965[4569]\d{7}$/.test(candidate)) throw new AppError('phone_invalid', { phone: input });
  return candidate;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function normalizeEmail(input: string): string {
  const email = String(input).trim();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('email_invalid', { email: input });
  return email.toLowerCase();
}
