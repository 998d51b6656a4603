// Before a PostgreSQL run: drop databases left by runs that died more than two hours ago. Each test file makes
// and drops its own database (test/support/database.ts), named with the time it was made.
import pg from 'pg';

export const TEST_DATABASE_PREFIX = 'tasdeed_t_';

export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
    const cutoff = Date.now() - 2 * 60 * 60 * 1000;
    for (const { datname } of rows) {
      const madeAt = Number(datname.split('_')[2]);
      if (Number.isFinite(madeAt) && madeAt < cutoff) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
  } finally {
    await client.end();
  }
}
