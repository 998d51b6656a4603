import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the failover test (test/failover), on a pg_auto_failover cluster it starts itself with
// scripts/cluster-up. Apart from `npm test`, which needs no cluster; `.ci/run` runs it when the Debian package
// postgresql-15-auto-failover is installable. As in vitest.config.ts, the ten minutes only end a true hang.
const HANG_MS = 10 * 60_000;

export default defineConfig({
  test: {
    name: 'cluster',
    include: ['test/failover/**/*.test.ts'],
    testTimeout: HANG_MS,
    hookTimeout: HANG_MS,
    pool: 'forks',
    fileParallelism: false,
  },
});
