// An app over a fresh test database, driven through `app.inject` (no port), with a movable clock.
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { Ctx } from '../../src/platform/context.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  ctx: Ctx;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 100_000, INQUIRY_RATE_LIMIT_PER_MINUTE: 100_000, ...overrides });
}

export async function createTestApp(options: { now?: string; config?: Record<string, unknown>; services?: Record<string, unknown> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(options.config);
  const clock = fixedClock(options.now ?? new Date().toISOString());
  const app = await buildApp({ config, database, clock, services: options.services ?? {} });
  await app.ready();
  return {
    app, database, config, clock,
    ctx: { db: database.db, clock, config },
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
  return `tasdeed_session=${cookie!.value}`;
}
