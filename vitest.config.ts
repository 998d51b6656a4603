import { defineConfig } from 'vitest/config';
import BrowserFirstSequencer from './test/support/browser-first-sequencer.js';

// One gate, two databases: every test runs on PGlite; when TEST_DATABASE_URL is set, the same tests run again
// against that PostgreSQL (each test file in its own database, dropped afterwards). Browser tests run once.
//
// No time limit that a busy machine can reach: a test or hook fails on what it finds, never on how long it took.
// The ten minutes below only end a true hang (CI's whole run has 90). Tests that wait for something poll for it
// (test/support/wait.ts) with as generous a bound.
const HANG_MS = 10 * 60_000;

// The database files share their worker's loaded modules (isolate: false): importing the server's modules and
// PGlite again for every file cost more CPU than the tests themselves. Each file still opens its own database, and
// nothing a test relies on lives in module state.
const shared = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
  // test/failover needs a pg_auto_failover cluster: `npm run test:cluster` (vitest.cluster.config.ts).
  exclude: ['test/e2e/**', 'test/failover/**', 'node_modules/**'],
  testTimeout: HANG_MS,
  hookTimeout: HANG_MS,
  isolate: false,
};

const projects = [
  // First, because vitest runs the projects' set-ups in this order, one after the other: the browser tests' set-up
  // starts making their demo database in a child process and returns, so the others run beside it.
  // Browser tests save their screenshots into a temporary folder of the run: `npm test` leaves the work tree as it was.
  // They too share their worker's loaded modules (isolate: false).
  // They run beside the database files, not after them (a project without file parallelism would be held back to a
  // group of its own at the end, on one worker); each file starts its own server on its own ports.
  {
    test: {
      name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: HANG_MS, hookTimeout: HANG_MS, isolate: false, env: { TASDEED_TEST_DB: 'pglite' },
      globalSetup: ['test/e2e/support/web-build-global-setup.ts', 'test/e2e/support/demo-database-global-setup.ts', 'test/e2e/support/screenshots-global-setup.ts'],
    },
  },
  // The global set-ups migrate (and seed) once per run; each file then starts from that (test/support/database.ts).
  { test: { ...shared, name: 'pglite', env: { TASDEED_TEST_DB: 'pglite' }, globalSetup: ['test/support/pglite-global-setup.ts'] } },
  ...(process.env.TEST_DATABASE_URL
    ? [{ test: { ...shared, name: 'postgres', env: { TASDEED_TEST_DB: 'postgres' }, globalSetup: ['test/support/postgres-global-setup.ts'] } }]
    : []),
  // `npm run screenshots` (and only it) writes the README's pictures into docs/screenshots/.
  ...(process.env.TASDEED_SCREENSHOTS === 'write'
    ? [{ test: { name: 'screenshots', include: ['test/e2e/screenshots.test.ts', 'test/e2e/flows.test.ts', 'test/e2e/kiosk.test.ts', 'test/e2e/reports.test.ts', 'test/e2e/counter.test.ts', 'test/e2e/sign-in-code.test.ts'], testTimeout: HANG_MS, hookTimeout: HANG_MS, fileParallelism: false, env: { TASDEED_TEST_DB: 'pglite' } } }]
    : []),
];

export default defineConfig({
  test: {
    pool: 'forks',
    sequence: { sequencer: BrowserFirstSequencer },
    reporters: ['default', './test/support/summary-reporter.ts'],
    maxWorkers: 2,
    projects,
  },
});
