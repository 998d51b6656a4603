// The configuration every test starts from: silent logs and rate limits no test reaches. Its own file so the global
// set-ups (which seed the snapshots with it) need not load the HTTP app.
import { loadConfig, type Config } from '../../src/config.js';

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: 100_000, INQUIRY_RATE_LIMIT_PER_MINUTE: 100_000, ...overrides });
}
