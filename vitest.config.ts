import { defineConfig } from 'vitest/config';

// One gate, two databases: every test runs on PGlite; when TEST_DATABASE_URL is set, the same tests run again
// against that PostgreSQL (each test file in its own database, dropped afterwards). Browser tests run once.
const shared = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
  exclude: ['test/e2e/**', 'node_modules/**'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

const projects = [
  { test: { ...shared, name: 'pglite', env: { TASDEED_TEST_DB: 'pglite' } } },
  ...(process.env.TEST_DATABASE_URL
    ? [{ test: { ...shared, name: 'postgres', env: { TASDEED_TEST_DB: 'postgres' }, globalSetup: ['test/support/postgres-global-setup.ts'] } }]
    : []),
  { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false, env: { TASDEED_TEST_DB: 'pglite' } } },
];

export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    maxWorkers: 2,
    projects,
  },
});
