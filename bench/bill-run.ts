// `npm run bench -- bill-run --accounts N [--batch-size 5000] [--concurrency 2]`: seeds N electricity accounts
// with meters and readings in bulk SQL, runs the real bill run (the code `tasdeed bill-run` runs), checks that
// every account has exactly one bill and the ledger balances, then measures on the same database the physical
// limit: the same rows the run wrote (bills, lines, payables, ledger, outbox) copied by ONE INSERT … SELECT into
// tables of the same shape; `ratio` is bills a second over that limit in bills a second. On PostgreSQL (DATABASE_URL) it works in a database of its own, dropped at the end.
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { seedFoundation } from '../src/db/seed/foundation.seed.js';
import { fixedClock } from '../src/platform/clock.js';
import type { Ctx } from '../src/platform/context.js';
import { systemActor } from '../src/platform/actor.js';
import { seedReferenceTariffs } from '../src/modules/tariffs/index.js';
import { runBillRun } from '../src/modules/billing/index.js';
import { queryRows } from '../src/db/query-rows.js';

// The run bills period 2026-10 (2026-09-29 … 2026-10-28) on its bill day.
const NOW = '2026-10-28T12:00:00+03:00';
const PERIOD = '2026-10';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

export async function run(args: string[]): Promise<void> {
  const accounts = option(args, 'accounts', 10_000);
  const batchSize = option(args, 'batch-size', 5000);
  const url = process.env.DATABASE_URL;
  const concurrency = option(args, 'concurrency', url ? 2 : 1);
  const target = url ? await createScratchDatabase(url, 'tasdeed_bench_') : undefined;
  const database = await openDatabase(target ? { databaseUrl: target.url, poolSize: concurrency + 2 } : { dataDir: 'memory://' });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    await migrateDatabase(database);
    const ctx: Ctx = { db: database.db, clock: fixedClock(NOW), config: loadConfig({}, { LOG_LEVEL: 'silent' }) };
    let started = performance.now();
    await seedFoundation(ctx, { people: 0 });
    await seedReferenceTariffs(ctx);
    await seedAccounts(database, accounts);
    const seedSeconds = (performance.now() - started) / 1000;
    log(`seeded ${accounts} accounts in ${seedSeconds.toFixed(1)} s (${database.kind})`);

    started = performance.now();
    const load1 = loadavg()[0]!;
    let lastLog = 0;
    const result = await runBillRun(ctx, systemActor('bench'), { billerCode: 'mew-electricity', period: PERIOD }, {
      batchSize, concurrency,
      onProgress: (p) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  ${p.billed} / ${p.total} billed`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const check = await verify(database, accounts);
    log(`billed ${result.billedCount} in ${seconds.toFixed(1)} s; one bill per account: ${check.oneBillEach}; ledger balanced: ${check.balanced}`);
    const limit = await measureLimit(database, result.billedCount);
    log(`physical limit: the run's ${limit.rows} rows (${limit.rowsPerBill} a bill: ${JSON.stringify(limit.perTable)}) by one INSERT … SELECT: ${limit.seconds.toFixed(1)} s`);

    const billsPerSecond = Math.round(result.billedCount / seconds);
    const limitRowsPerSecond = Math.round(limit.rows / limit.seconds);
    const limitBillsPerSecond = Math.round(result.billedCount / limit.seconds);
    console.log(JSON.stringify({
      scenario: 'bill-run', database: database.kind, accounts, seconds: round(seconds), billsPerSecond, limitRowsPerSecond,
      limitBillsPerSecond, limitMethod: 'INSERT … SELECT (one statement)', rowsPerBill: limit.rowsPerBill, loadAverage1m: round(load1, 1),
      ratio: round(billsPerSecond / limitBillsPerSecond, 3), billed: result.billedCount, estimated: result.estimatedCount, failed: result.failedCount,
      oneBillPerAccount: check.oneBillEach, ledgerBalanced: check.balanced, batchSize, concurrency, seedSeconds: round(seedSeconds),
    }));
  } finally {
    await database.close();
    await target?.drop();
  }
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * N accounts in the Kuwaiti mix of categories (mostly private housing), each with a meter installed a year ago,
 * a reading last month and one in the period.
 */
export async function seedAccounts(database: DatabaseHandle, n: number): Promise<void> {
  const db = database.db;
  const chunk = 200_000;
  for (let from = 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    await db.execute(sql`
      INSERT INTO utility_accounts (id, account_number, biller_code, owner_civil_id, category, area_ar, area_en, status)
      SELECT 'acc_' || lpad(g::text, 10, '0'), (1000000000 + g)::text, 'mew-electricity', (280000000000 + g)::text,
        CASE WHEN g % 100 < 70 THEN 'residential' WHEN g % 100 < 85 THEN 'investment' WHEN g % 100 < 95 THEN 'commercial'
             WHEN g % 100 < 98 THEN 'industrial' ELSE 'government' END,
        'حولي', 'Hawalli', 'active'
      FROM generate_series(${from}::int, ${to}::int) g`);
    await db.execute(sql`
      INSERT INTO meters (id, meter_number, account_id, unit, multiplier, dials, initial_reading, installed_on, status)
      SELECT 'mtr_' || lpad(g::text, 10, '0'), 'M' || (100000000 + g)::text, 'acc_' || lpad(g::text, 10, '0'), 'kWh', 1, 7, 0, '2025-10-01', 'active'
      FROM generate_series(${from}::int, ${to}::int) g`);
    // Daily use 20–99 kWh: the install reading, one on 2026-09-15 (349 days later), one on 2026-10-20 (35 days).
    await db.execute(sql`
      INSERT INTO meter_readings (id, meter_id, account_id, read_on, value, consumption, source, status, decision_code, entered_by_kind)
      SELECT 'rdg_' || lpad(g::text, 10, '0') || '_' || k, 'mtr_' || lpad(g::text, 10, '0'), 'acc_' || lpad(g::text, 10, '0'),
        d.read_on, d.value, d.consumption, d.source, 'accepted', d.code, 'system'
      FROM generate_series(${from}::int, ${to}::int) g
      CROSS JOIN LATERAL (VALUES
        (0, DATE '2025-10-01', 0, 0, 'install', 'reading_install'),
        (1, DATE '2026-09-15', (20 + g % 80) * 349, (20 + g % 80) * 349, 'import', 'reading_accepted'),
        (2, DATE '2026-10-20', (20 + g % 80) * 384, (20 + g % 80) * 35, 'import', 'reading_accepted')
      ) AS d(k, read_on, value, consumption, source, code)`);
  }
  await db.execute(sql`ANALYZE utility_accounts`);
  await db.execute(sql`ANALYZE meters`);
  await db.execute(sql`ANALYZE meter_readings`);
}

async function verify(database: DatabaseHandle, n: number): Promise<{ oneBillEach: boolean; balanced: boolean }> {
  const [counts] = await queryRows<{ bills: number; accounts: number }>(database.db, sql`
    SELECT count(*)::int AS bills, count(DISTINCT account_id)::int AS accounts FROM bills WHERE period = ${PERIOD}`);
  const [ledger] = await queryRows<{ total: string; unbalanced: number }>(database.db, sql`
    SELECT coalesce(sum(amount), 0)::text AS total,
      (SELECT count(*)::int FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0) u) AS unbalanced
    FROM ledger_entries`);
  return { oneBillEach: counts?.bills === n && counts?.accounts === n, balanced: ledger?.total === '0' && ledger?.unbalanced === 0 };
}

/** The tables a bill run writes, in the order a bill's rows go in. */
const BILL_RUN_TABLES = ['bills', 'bill_lines', 'payables', 'ledger_transactions', 'ledger_entries', 'outbox'] as const;

/**
 * The physical limit for the rows the run wrote: the very same rows (every table the run filled: bills, their
 * lines, payables, ledger transactions and entries, outbox events), copied with ONE INSERT … SELECT statement into
 * copies of those tables (same columns, defaults and indexes; no foreign keys). Rows per bill are what the run
 * really wrote, so the limit in bills a second is the machine's ceiling for this table shape.
 */
async function measureLimit(database: DatabaseHandle, bills: number): Promise<{ seconds: number; rows: number; rowsPerBill: number; perTable: Record<string, number> }> {
  const db = database.db;
  for (const t of BILL_RUN_TABLES) await db.execute(sql.raw(`CREATE TABLE bench_limit_${t} (LIKE ${t} INCLUDING DEFAULTS INCLUDING INDEXES)`));
  await db.execute(sql`CHECKPOINT`);
  const started = performance.now();
  const [counts] = await queryRows<Record<string, number>>(db, sql.raw(`WITH ${BILL_RUN_TABLES.map((t) =>
    `w_${t} AS (INSERT INTO bench_limit_${t} SELECT * FROM ${t} RETURNING 1)`).join(', ')}
    SELECT ${BILL_RUN_TABLES.map((t) => `(SELECT count(*)::int FROM w_${t}) AS ${t}`).join(', ')}`));
  const seconds = (performance.now() - started) / 1000;
  for (const t of BILL_RUN_TABLES) await db.execute(sql.raw(`DROP TABLE bench_limit_${t}`));
  const rows = Object.values(counts!).reduce((a, b) => a + Number(b), 0);
  return { seconds, rows, rowsPerBill: round(rows / bills, 2), perTable: Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)])) };
}
