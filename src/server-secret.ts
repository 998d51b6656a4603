// The secret that signs receipt and unsubscribe links and seals API clients' keys. Without TASDEED_SECRET the
// configuration falls back to a development value written in the source, which anyone can use to forge a
// "Genuine" receipt or turn someone's emails off: fine on loopback, never on an address others can reach.
// `serve --demo` instead makes a random one, kept in the data directory so links survive a restart — with PGlite
// only: on PostgreSQL (DATABASE_URL) the database outlives and is shared beyond one machine's data directory, and a
// secret made per directory would seal keys and sign links no other server (or the next one) can read, so
// `serve --demo` there refuses to start without TASDEED_SECRET.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.js';

export const SECRET_FILE = 'tasdeed-secret';

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Settles `config.secret` before anything is signed; throws ConfigError when the server must not start. */
export async function settleSecret(config: Config, options: { host: string; demo: boolean; listens: boolean; env?: NodeJS.ProcessEnv }): Promise<void> {
  if (config.TASDEED_SECRET) return;
  if (options.demo) {
    refuseDemoOnSharedDatabase(config);
    config.secret = await demoSecret(config);
    return;
  }
  if (options.listens && !isLoopback(options.host)) {
    throw new ConfigError(`Configuration is not valid:\n  TASDEED_SECRET: required to listen on ${options.host} (32+ random characters; e.g. \`openssl rand -base64 48\`), or listen on 127.0.0.1, or run \`serve --demo\``);
  }
}

/**
 * `serve --demo` on PostgreSQL without TASDEED_SECRET: refused before the database is opened, in Arabic and English
 * (whoever runs the demo may read either).
 */
export function refuseDemoOnSharedDatabase(config: Config): void {
  if (config.TASDEED_SECRET || !config.DATABASE_URL) return;
  throw new ConfigError([
    'Configuration is not valid:',
    '  TASDEED_SECRET: required for `serve --demo` with DATABASE_URL (PostgreSQL). Every server sharing the database must',
    '  sign links and seal keys with the same secret; set 32+ random characters (e.g. `openssl rand -base64 48`).',
    'الإعدادات غير صالحة:',
    '  TASDEED_SECRET: مطلوب لتشغيل العرض التجريبي (serve --demo) مع قاعدة بيانات PostgreSQL ‏(DATABASE_URL). يجب أن تستعمل',
    '  كل الخوادم التي تتشارك قاعدة البيانات السرّ نفسه لتوقيع الروابط وتشفير المفاتيح؛ عيّن 32 حرفًا عشوائيًا أو أكثر (مثلًا openssl rand -base64 48).',
  ].join('\n'));
}

/** One random secret per data directory, made on first start (PGlite in memory: one per process). */
async function demoSecret(config: Config): Promise<string> {
  if (config.TASDEED_DATA_DIR.startsWith('memory://')) return randomBytes(48).toString('base64url');
  const file = join(config.TASDEED_DATA_DIR, SECRET_FILE);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) return existing.trim();
  await mkdir(config.TASDEED_DATA_DIR, { recursive: true });
  const made = randomBytes(48).toString('base64url');
  await writeFile(file, `${made}\n`, { mode: 0o600 });
  return made;
}
