// An app over a fresh test database, driven through `app.inject` (no port), with a movable clock.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { Ctx } from '../../src/platform/context.js';
import { testConfig } from './config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { SEEDS, type SeedName, type SeededData } from './seeds.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  ctx: Ctx;
  /** What the seed named in `createTestApp({ seeded })` returned (its people, with their ids). */
  seeded?: SeededData;
  close(): Promise<void>;
}

export { testConfig };

/**
 * `seeded` starts from a demo data set made once per run (seeds.ts) instead of calling seedDemo; the clock then
 * starts at the seed's time, and another `now` is refused (the seed's dates would not be the ones the file expects).
 */
export async function createTestApp(options: { now?: string; seeded?: SeedName; config?: Record<string, unknown>; services?: Record<string, unknown> } = {}): Promise<TestApp> {
  const seed = options.seeded ? SEEDS[options.seeded] : undefined;
  if (seed && options.now !== undefined && new Date(options.now).getTime() !== new Date(seed.now).getTime()) {
    throw new Error(`the '${options.seeded}' seed was made at ${seed.now}, not ${options.now}: seed in the file instead`);
  }
  const database = await createTestDatabase({ seeded: options.seeded });
  const config = testConfig(options.config);
  const clock = fixedClock(options.now ?? seed?.now ?? new Date().toISOString());
  const app = await buildApp({ config, database, clock, services: options.services ?? {} });
  await app.ready();
  sendCsrfTokenLikeThePortal(app);
  return {
    app, database, config, clock,
    ctx: { db: database.db, clock, config },
    seeded: database.seeded,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** Signs in through the API and returns the cookie header to send with later requests. */
export async function signIn(app: FastifyInstance, body: { civilId: string; password: string } | { username: string; password: string }): Promise<string> {
  const url = 'civilId' in body ? '/api/v1/auth/login' : '/api/v1/auth/staff/login';
  const response = await app.inject({ method: 'POST', url, payload: body });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'tasdeed_session');
  const csrf = response.cookies.find((c) => c.name === 'tasdeed_csrf');
  return `tasdeed_session=${cookie!.value}; tasdeed_csrf=${csrf!.value}`;
}

/** The CSRF token in a cookie header made by `signIn`, as the header the portal sends it in. */
export function csrfHeaderOf(cookie: string): Record<string, string> {
  const token = /(?:^|;\s*)tasdeed_csrf=([^;]+)/.exec(cookie)?.[1];
  return token ? { 'x-csrf-token': token } : {};
}

/**
 * Tests call the API as the portal does: a request whose cookie carries the CSRF token also sends it in
 * X-CSRF-Token (web/src/api/client.ts). A test that plays a forger sets `x-csrf-token` itself (even to ''), and
 * the header is then left as it is.
 */
function sendCsrfTokenLikeThePortal(app: FastifyInstance): void {
  const inject = app.inject.bind(app) as (options: InjectOptions) => Promise<LightMyRequestResponse>;
  Object.assign(app, {
    inject: (options: InjectOptions | string) => {
      if (typeof options === 'string') return inject({ url: options });
      const headers = { ...(options.headers ?? {}) } as Record<string, string>;
      if (typeof headers.cookie === 'string' && !('x-csrf-token' in headers)) Object.assign(headers, csrfHeaderOf(headers.cookie));
      return inject({ ...options, headers });
    },
  });
}
