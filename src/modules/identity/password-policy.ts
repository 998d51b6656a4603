// What a password must be, for citizens and staff alike (admins included): at least 10 characters, and not one
// an attacker tries first. Length alone let "1234567890" and "password12" through.
import { AppError } from '../../platform/errors/app-error.js';

// The most used passwords of public breach corpora that are 10+ characters once padded with the usual digits,
// plus this country's obvious ones. Compared after lower-casing and removing a trailing run of digits/symbols.
const COMMON = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'iloveyou', 'admin',
  'administrator', 'welcome', 'letmein', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'superman',
  'trustno1', 'master', 'login', 'starwars', 'whatever', 'computer', 'michael', 'shadow', 'abc', 'abcdef', 'changeme',
  'secret', 'default', 'guest', 'kuwait', 'alkuwait', 'q8', 'saudi', 'riyadh', 'tasdeed', 'qazwsx', '1q2w3e4r', '1qaz2wsx',
  'zaq12wsx', 'aa', 'password123', 'qwerty123', 'pass', 'test', 'user', 'root', 'toor', 'mohammed', 'mohammad', 'ahmed',
]);

const SEQUENCES = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnmqwertyuiop'];

/** Throws password_too_weak with the problem named; `personal` are the account's own identifiers (username, civil ID). */
export function assertPasswordStrength(password: string, personal: string[] = []): void {
  if (typeof password !== 'string' || password.length < 10) throw new AppError('password_too_weak', { problem: 'too_short' });
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (COMMON.has(stem) || COMMON.has(lower)) throw new AppError('password_too_weak', { problem: 'common' });
  if (new Set(lower).size < 4 || /^(.{1,5})\1+$/u.test(lower)) throw new AppError('password_too_weak', { problem: 'repetitive' });
  const isSequence = (text: string) => SEQUENCES.some((run) => run.includes(text) || [...run].reverse().join('').includes(text));
  if (isSequence(lower)) throw new AppError('password_too_weak', { problem: 'sequence' });
  for (const value of personal) {
    if (value && value.length >= 4 && lower.includes(value.toLowerCase())) throw new AppError('password_too_weak', { problem: 'personal' });
  }
}
