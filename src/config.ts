// Environment → typed configuration, validated once at boot. A wrong value stops the program with a message
// that names the variable, rather than failing later in a request.
import { isIP } from 'node:net';
import { z } from 'zod';
import { isDatabaseUrl } from './db/multi-host.js';

// A comma-separated list of IP addresses or CIDR ranges.
const addressList = (fallback: string) => z.string().default(fallback).transform((text, issue) => {
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length > 0) {
    issue.addIssue({ code: 'custom', message: `not an IP address or CIDR range: ${bad.join(', ')} (e.g. 10.0.0.5,10.1.0.0/16)` });
    return z.NEVER;
  }
  return entries;
});

const databaseUrl = z.string().refine(isDatabaseUrl, 'not a connection string (postgres://user@host:port/db, or several hosts: host1:port1,host2:port2)');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  // One host, or several (h1:5432,h2:5432) with target_session_attrs=read-write: new connections go to the primary.
  DATABASE_URL: databaseUrl.optional(),
  // PostgreSQL: the owner role that runs the migrations; DATABASE_URL then names a role without DDL rights that
  // serves (granted its rights by the migration, src/db/serving-role.ts). Unset: DATABASE_URL does both.
  MIGRATION_DATABASE_URL: databaseUrl.optional(),
  // PostgreSQL: a read replica (a hot standby) that the dues inquiry reads from; unset, everything reads DATABASE_URL.
  DATABASE_REPLICA_URL: databaseUrl.optional(),
  // How often the server writes the buffered audit lines of look-ups (inquiries) in one INSERT.
  READ_AUDIT_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  TASDEED_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  // On SIGTERM each part (HTTP server, each worker, the database) gets this long to finish; one that does not is
  // named in the log and left behind (what it held is taken again when its lease ends), and the process exits 1.
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  PUBLIC_URL: z.string().url().optional(),
  // The reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated). Anyone else's
  // header is ignored: the client address (rate limits, audit log, sign-in lockout) is then the connection's own.
  TRUSTED_PROXIES: addressList(''),
  // In production, the addresses that may read /metrics and /docs (others get 404). Same form as TRUSTED_PROXIES.
  OPS_ALLOWED_ADDRESSES: addressList('127.0.0.1,::1'),
  // Signs sessions' CSRF tokens, receipt verification links and encrypts API client secrets at rest.
  TASDEED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TASDEED_COUNTRY: z.enum(['KW', 'SA']).default('KW'),
  TASDEED_CURRENCY: z.string().length(3).default('KWD'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  INQUIRY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  // Staff's second factor (an authenticator app's code). `required`: staff without one cannot sign in (the
  // default in production); `when-enrolled`: asked of those who enrolled one (the default elsewhere, so the demo's
  // staff sign in with a password alone until they enrol).
  STAFF_SECOND_FACTOR: z.enum(['required', 'when-enrolled']).optional(),
  HMAC_MAX_SKEW_SECONDS: z.coerce.number().int().positive().default(300),
  // How long a process remembers a machine client (bank, station, camera) that signed correctly, so a signed
  // request costs no database read; a client deactivated in the database is refused at most this much later. 0: never.
  API_CLIENT_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  // Notifications. SMS over SMPP 3.4 and email over SMTP; a channel whose server is not set waits (and
  // dead-letters after NOTIFY_MAX_ATTEMPTS) until it is. `serve --demo` points both at its simulators.
  SMPP_HOST: z.string().optional(),
  SMPP_PORT: z.coerce.number().int().min(1).max(65535).default(2775),
  SMPP_SYSTEM_ID: z.string().max(15).optional(),
  SMPP_PASSWORD: z.string().max(8, 'SMPP passwords are at most 8 characters').optional(),
  SMPP_SYSTEM_TYPE: z.string().max(12).optional(),
  SMPP_SOURCE_ADDR: z.string().regex(/^(?:\+?\d{3,15}|[A-Za-z0-9 ]{1,11})$/, 'a number or a name of at most 11 letters and digits').default('Tasdeed'),
  SMPP_WINDOW: z.coerce.number().int().min(1).max(1000).default(10),
  SMPP_MESSAGES_PER_SECOND: z.coerce.number().int().positive().default(50),
  SMPP_ENQUIRE_LINK_SECONDS: z.coerce.number().int().positive().default(30),
  SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(3),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.union([z.boolean(), z.stringbool()]).default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().default('Tasdeed <no-reply@tasdeed.local>'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).default(5_000),
  NOTIFY_LEASE_SECONDS: z.coerce.number().int().min(5).default(120),
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(2_000).default(64),
  NOTIFY_POLL_MS: z.coerce.number().int().min(10).default(200),
  // The business day: bills, due dates, receipts' dates and the day's collections are days in this zone.
  TZ_BUSINESS: z.string().default('Asia/Kuwait').refine(isTimeZone, 'an IANA time zone such as Asia/Kuwait or Asia/Riyadh'),
  // KNET: a deployment's terminal. Unset → checkout answers payment_gateway_not_configured (banks and counters still work).
  KNET_BASE_URL: z.string().url().optional(),
  KNET_TRANPORTAL_ID: z.string().optional(),
  KNET_TRANPORTAL_PASSWORD: z.string().optional(),
  KNET_RESOURCE_KEY: z.string().optional(),
  // Card payments pending this long are settled by asking the gateway (KNET action 8).
  PAYMENTS_INQUIRE_AFTER_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  // Fines reminders: days before the due date (comma-separated), how often the worker looks, how late a threshold
  // other than the smallest may still be announced.
  FINES_REMINDER_DAYS: z.string().default('30,7').transform((text, issue) => {
    const days = text.split(',').map((d) => Number(d.trim()));
    if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 366)) {
      issue.addIssue({ code: 'custom', message: 'a comma-separated list of whole days between 0 and 366, e.g. 30,7' });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => a - b);
  }),
  FINES_REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  FINES_REMINDER_CATCH_UP_DAYS: z.coerce.number().int().min(1).max(366).default(3),
  // Prepaid water: a dispense with no report for this long is settled on its last gallons; how often to look.
  PREPAID_STUCK_AFTER_SECONDS: z.coerce.number().int().min(10).max(24 * 3600).default(300),
  PREPAID_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // How long a station's offline allow-list is valid.
  PREPAID_ALLOW_LIST_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(24),
  // A wallet falling under this (in the prepaid biller's currency, a decimal string) sends the operator one message.
  PREPAID_LOW_BALANCE: z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'a decimal amount such as 10.000').default('10.000'),
}).superRefine((env, issue) => {
  if (!env.KNET_BASE_URL) return;
  for (const name of ['KNET_TRANPORTAL_ID', 'KNET_TRANPORTAL_PASSWORD', 'KNET_RESOURCE_KEY'] as const) {
    if (!env[name]) issue.addIssue({ code: 'custom', path: [name], message: 'required when KNET_BASE_URL is set' });
  }
});

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  secret: string;
  /** STAFF_SECOND_FACTOR with its default for NODE_ENV filled in. */
  staffSecondFactor: 'required' | 'when-enrolled';
  publicUrl: string;
  /** The KNET terminal named by KNET_*, when there is one. */
  knet: { baseUrl: string; tranportalId: string; tranportalPassword: string; resourceKey: string } | null;
}

// Development only: a fixed secret so the demo works out of the box. Production refuses to start without one.
const DEVELOPMENT_SECRET = 'tasdeed-development-secret-not-for-production-use';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<RawConfig> = {}): Config {
  const parsed = schema.safeParse({ ...pickDefined(env), ...pickDefined(overrides) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(config)'}: ${issue.message}`);
    throw new ConfigError(`Configuration is not valid:\n${problems.join('\n')}`);
  }
  const raw = parsed.data;
  if (raw.NODE_ENV === 'production' && !raw.TASDEED_SECRET) {
    throw new ConfigError('Configuration is not valid:\n  TASDEED_SECRET: required in production (32+ random characters)');
  }
  return {
    ...raw,
    secret: raw.TASDEED_SECRET ?? DEVELOPMENT_SECRET,
    staffSecondFactor: raw.STAFF_SECOND_FACTOR ?? (raw.NODE_ENV === 'production' ? 'required' : 'when-enrolled'),
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    knet: raw.KNET_BASE_URL
      ? { baseUrl: raw.KNET_BASE_URL, tranportalId: raw.KNET_TRANPORTAL_ID!, tranportalPassword: raw.KNET_TRANPORTAL_PASSWORD!, resourceKey: raw.KNET_RESOURCE_KEY! }
      : null,
  };
}

function pickDefined(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}
