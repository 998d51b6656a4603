// Environment → typed configuration, validated once at boot. A wrong value stops the program with a message
// that names the variable, rather than failing later in a request.
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  TASDEED_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  // Signs sessions' CSRF tokens, receipt verification links and encrypts API client secrets at rest.
  TASDEED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TASDEED_COUNTRY: z.enum(['KW', 'SA']).default('KW'),
  TASDEED_CURRENCY: z.string().length(3).default('KWD'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  INQUIRY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  HMAC_MAX_SKEW_SECONDS: z.coerce.number().int().positive().default(300),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  secret: string;
  publicUrl: string;
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
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
  };
}

function pickDefined(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}
