// `npm run bench -- payments [--duration 10] [--connections 16] [--pool 10] [--limit-clients 16]`
//
// Drives the payment API over HTTP on loopback with autocannon, against PostgreSQL, in a database of its own
// (created from BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres, and
// dropped at the end). The server runs in a child process (bench/_payments-server.ts) so the load generator does
// not share its event loop. Phases, each bounded in time:
//   1. payments: HMAC-signed POST /api/v1/payments from the demo bank, each paying one open bill in full. This is
//      the bank channel, which posts through the same code as a confirmed KNET capture (the guarded payable
//      update, payment row with its receipt number, items, one ledger transaction, the receipt in the outbox) —
//      the card path adds only the browser's trip to KNET, which a benchmark cannot measure honestly;
//   2. the physical limit (bench/_limit.ts): the same writes — payment row with its receipt number and item, the
//      guarded bill update, the ledger transaction with its two entries, the outbox row — as ONE statement, from
//      `--limit-clients` plain clients with prepared statements (pgbench -M prepared when installed), on the same
//      database, same tables and indexes, `synchronous_commit` on.
// Then it checks what was posted: one payment per 2xx answer, no bill paid beyond its amount, ledger balanced.
// The inquiry has its own scenario (bench/inquiry.ts). The last line is one JSON object with the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { seedFoundation } from '../src/db/seed/foundation.seed.js';
import { DEMO_API_CLIENTS } from '../src/db/seed/demo-accounts.js';
import { signRequest } from '../src/modules/identity/index.js';
import { systemClock } from '../src/platform/clock.js';
import { formatAmount } from '../src/shared/money.js';
import { measurePhysicalLimit } from './_limit.js';

const PEOPLE = 200;
const SECRET = `bench-${randomBytes(16).toString('hex')}`;
const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;
const log = (line: string) => process.stderr.write(`${line}\n`);

export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** Bill g's amount: 5.000 to 17.250 KWD. */
export const billAmount = (g: number) => 5000 + (g % 50) * 250;
export const billId = (g: number) => `pbl_bench${String(g).padStart(9, '0')}`;

export async function run(args: string[]): Promise<void> {
  const duration = option(args, 'duration', 10);
  const connections = option(args, 'connections', 16);
  const poolSize = option(args, 'pool', 10);
  const limitClients = option(args, 'limit-clients', 16);
  // Enough open bills that no phase runs out: more than the fastest rate seen on this kind of machine allows.
  const bills = option(args, 'bills', 80_000 * Math.max(1, Math.ceil(duration / 10)));
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(adminUrl, 'tasdeed_bench_');
  const databaseUrl = scratch.url;
  let server: ChildProcess | undefined;
  try {
    const people = await prepareDatabase(databaseUrl, bills);
    log(`database ${scratch.name}: ${people.length} people, ${bills} open bills for the API, ${bills} for the limit`);
    const started = await startServer(databaseUrl, poolSize);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;

    log(`payments: ${connections} connections, ${duration} s`);
    let next = 1;
    const nextBill = () => {
      if (next > bills) throw new Error('ran out of open bills: raise --bills');
      return next++;
    };
    const warm = await paymentLoad(base, connections, 2, nextBill);
    const load1 = loadavg()[0]!;
    const payments = await paymentLoad(base, connections, duration, nextBill);
    log(`  ${payments.perSecond}/s, p50 ${payments.p50} ms, p99 ${payments.p99} ms, non-2xx ${payments.non2xx}, errors ${payments.errors}`);

    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
    const check = await verify(databaseUrl);
    const answered = warm.ok + payments.ok;
    log(`answered 2xx: ${answered}; posted: ${check.posted} (requests cut off in flight at the end may post unanswered); bills paid: ${check.paidBills}; overpaid: ${check.overpaid}; ledger balanced: ${check.balanced}`);

    log(`physical limit: one statement per payment, ${limitClients} clients, prepared, ${duration} s`);
    const clientId = await sqlValue(databaseUrl, 'SELECT id FROM api_clients WHERE key_id = $1', [bank.keyId]);
    await sqlValue(databaseUrl, `SELECT setval('bench_limit_bill', ${bills + 1}, false)::text`, [], `CREATE SEQUENCE bench_limit_bill`);
    const limit = await measurePhysicalLimit(databaseUrl, paymentLimitScript(clientId), { clients: limitClients, seconds: duration });
    const limitCheck = await verify(databaseUrl);
    const limitPosted = limitCheck.posted - check.posted;
    log(`  ${limit.perSecond}/s by ${limit.method} (${limitPosted} posted; overpaid ${limitCheck.overpaid}; ledger balanced ${limitCheck.balanced})`);
    if (limitPosted <= 0) throw new Error('the limit posted nothing: its statement is wrong');

    console.log(JSON.stringify({
      scenario: 'payments',
      database: 'postgres',
      cores: cpus().length,
      serverProcesses: Number(process.env.BENCH_PROCESSES ?? 1),
      loadAverage1m: round(load1, 1),
      durationSeconds: duration,
      paymentsPerSecond: payments.perSecond,
      p50Ms: payments.p50,
      p99Ms: payments.p99,
      limitTransactionsPerSecond: limit.perSecond,
      limitLatencyMs: limit.latencyMs,
      limitMethod: limit.method,
      limitClients,
      ratio: round(payments.perSecond / limit.perSecond, 3),
      paymentErrors: payments.non2xx + payments.errors,
      answered2xx: answered,
      posted: check.posted,
      onePaymentPerPaidBill: check.posted === check.paidBills && check.posted >= answered,
      overpaidBills: limitCheck.overpaid,
      ledgerBalanced: check.balanced && limitCheck.balanced,
      connections,
      pool: poolSize,
      channel: 'bank (HMAC-signed POST /api/v1/payments)',
    }));
  } finally {
    server?.kill('SIGKILL');
    await scratch.drop();
  }
}

/** One query on a connection of its own (after `before`, if given); the first column of the first row. */
export async function sqlValue(databaseUrl: string, text: string, values: unknown[] = [], before?: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (before) await client.query(before);
    const { rows } = await client.query(text, values);
    return String(Object.values(rows[0] ?? {})[0]);
  } finally {
    await client.end();
  }
}

/**
 * Every write of one bank payment in ONE statement: the bill's guarded update (open, not beyond its amount), the
 * payment row with its receipt number from the bank point's sequence, its item, the receivable account (if new),
 * the ledger transaction with its two entries and the receipt's outbox row. Bills are taken in order from a
 * sequence, so the clients need no state (a colon in a literal is split off: pgbench would read `:name` as a variable); past the last bill the statement writes nothing (the caller counts what posted).
 */
function paymentLimitScript(clientId: string) {
  return {
    statement: `WITH n AS (SELECT nextval('bench_limit_bill') AS g),
bill AS (
  UPDATE payables SET amount_paid = amount_paid + (amount - amount_paid), status = 'paid', closed_at = now(), updated_at = now()
  WHERE id = (SELECT 'pbl_bench' || lpad(g::text, 9, '0') FROM n) AND status IN ('open', 'partially_paid') AND amount_paid < amount
  RETURNING id, amount, account_number, person_id
), pay AS (
  INSERT INTO payments (id, channel, status, currency, amount, credit_amount, refunded_amount, actor_kind, actor_id, language, request_hash,
    external_id, receipt_point, receipt_number, inquiry_attempts, created_at, updated_at, posted_at)
  SELECT 'pay_LIMIT' || n.g, 'bank', 'posted', 'KWD', bill.amount, 0, 0, 'client', '${clientId}', 'ar', repeat('x', 64), 'LIMIT-' || n.g, 'BNK',
    'BNK-2026-' || lpad(nextval('receipt_seq_bnk'::regclass)::text, 6, '0'), 0, now(), now(), now()
  FROM n, bill ON CONFLICT DO NOTHING RETURNING id, amount
), item AS (
  INSERT INTO payment_items (payment_id, payable_id, position, amount) SELECT pay.id, bill.id, 0, pay.amount FROM pay, bill
), account AS (
  INSERT INTO ledger_accounts (code, type, currency) SELECT 'receivable:' || 'mew-electricity:' || 'acct-' || bill.account_number, 'receivable', 'KWD' FROM bill ON CONFLICT DO NOTHING
), ltx AS (
  INSERT INTO ledger_transactions (id, kind, source_ref, currency, memo, posted_at) SELECT 'ltx_LIMIT' || n.g, 'payment', pay.id, 'KWD', '{"channel":"bank"}'::jsonb, now() FROM n, pay RETURNING id
), entry AS (
  INSERT INTO ledger_entries (transaction_id, account_code, amount, currency)
  SELECT ltx.id, e.code, e.amount, 'KWD' FROM ltx, pay, bill,
    LATERAL (VALUES ('clearing:' || 'bank', pay.amount), ('receivable:' || 'mew-electricity:' || 'acct-' || bill.account_number, -pay.amount)) AS e(code, amount)
)
INSERT INTO outbox (topic, payload, dedupe_key)
SELECT 'payment.received', jsonb_build_object('personId', bill.person_id, 'paymentId', pay.id, 'vars', jsonb_build_object('amount', pay.amount::text)), 'payment.received:' || pay.id FROM pay, bill`,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;


/**
 * Migrates, seeds the foundation (billers, the demo bank client, people) and 2 × `bills` open bills in bulk SQL.
 * `secret` is the TASDEED_SECRET the server will run with (it seals the bank's key); the benchmark's own by default.
 */
export async function prepareDatabase(databaseUrl: string, bills: number, secret = SECRET): Promise<{ id: string; civilId: string }[]> {
  const database = await openDatabase({ databaseUrl, poolSize: 2 });
  try {
    await migrateDatabase(database);
    const ctx = { db: database.db, clock: systemClock, config: loadConfig({}, { LOG_LEVEL: 'silent', TASDEED_SECRET: secret }) };
    const { people } = await seedFoundation(ctx, { people: PEOPLE });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const ids = people.map((p) => p.id);
      // Bills the payments pay, one each, owned by the seeded people (so each receipt has someone to go to).
      await client.query(`
        INSERT INTO payables (id, biller_code, kind, source_id, reference, person_id, account_number, currency, amount, amount_paid, status,
          issued_on, due_date, description_ar, description_en, allows_partial_payment, min_partial_amount, payable_online)
        SELECT 'pbl_bench' || lpad(g::text, 9, '0'), 'mew-electricity', 'bill', 'bench-' || g, 'EB-2026-' || lpad(g::text, 7, '0'),
          ($2::text[])[1 + g % array_length($2::text[], 1)], (3000000000 + g)::text, 'KWD', 5000 + (g % 50) * 250, 0, 'open',
          '2026-10-28', '2026-11-27', 'فاتورة كهرباء', 'Electricity bill', true, 1000, true
        FROM generate_series(1, $1::int) g`, [bills * 2, ids]);
      // What an inquiry finds: each person owes an electricity bill, a water bill and a traffic fine.
      await client.query(`
        INSERT INTO payables (id, biller_code, kind, source_id, reference, person_id, civil_id, account_number, plate, currency, amount, amount_paid, status,
          issued_on, due_date, description_ar, description_en, allows_partial_payment, min_partial_amount, payable_online)
        SELECT 'pbl_owed' || p.n || '_' || k, b.code, b.kind, 'owed-' || p.n || '-' || k, b.prefix || lpad(p.n::text, 7, '0'), p.id, p.civil_id,
          CASE WHEN b.kind = 'bill' THEN (4000000000 + p.n * 3 + k)::text END, CASE WHEN b.kind = 'fine' THEN '1-' || p.n END,
          'KWD', 2000 + k * 10000, 0, 'open', '2026-10-28', ('2026-11-2' || k)::date, 'مستحق', 'Due', b.kind = 'bill', 1000, true
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(id, civil_id, n)
        CROSS JOIN (VALUES (1, 'mew-electricity', 'bill', 'EB-'), (2, 'mew-water', 'bill', 'WB-'), (3, 'moi-traffic', 'fine', 'TV-')) AS b(k, code, kind, prefix)`,
      [ids, people.map((p) => p.civilId)]);
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
    return people.map((p) => ({ id: p.id, civilId: p.civilId }));
  } finally {
    await database.close();
  }
}

export async function startServer(databaseUrl: string, poolSize: number): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./_payments-server.ts', import.meta.url));
  // BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it exits (for finding where time goes).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_POOL_SIZE: String(poolSize), BENCH_SECRET: SECRET, KNET_BASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port };
}

export interface LoadResult { ok: number; perSecond: number; p50: number; p99: number; non2xx: number; errors: number }

export function summarise(result: autocannon.Result): LoadResult {
  const seconds = result.duration;
  return { ok: result['2xx'], perSecond: Math.round(result['2xx'] / seconds), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function paymentLoad(base: string, connections: number, duration: number, nextBill: () => number): Promise<LoadResult> {
  const path = '/api/v1/payments';
  const result = await autocannon({
    url: base, connections, duration,
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const g = nextBill();
        const body = JSON.stringify({ channel: 'bank', externalId: `BENCH-${g}`, items: [{ payableId: billId(g), amount: formatAmount(BigInt(billAmount(g)), 'KWD') }] });
        const timestamp = String(Math.floor(Date.now() / 1000));
        return {
          ...request, path, body,
          headers: {
            'content-type': 'application/json',
            'x-tasdeed-key': bank.keyId,
            'x-tasdeed-timestamp': timestamp,
            'x-tasdeed-signature': signRequest(bank.secret, 'POST', path, timestamp, body),
          },
        };
      },
    }],
  });
  return summarise(result);
}

export async function verify(databaseUrl: string): Promise<{ posted: number; paidBills: number; overpaid: number; balanced: boolean }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const posted = Number((await client.query(`SELECT count(*) AS n FROM payments WHERE channel = 'bank' AND status = 'posted'`)).rows[0].n);
    const paidBills = Number((await client.query(`SELECT count(*) AS n FROM payables WHERE id LIKE 'pbl_bench%' AND amount_paid > 0`)).rows[0].n);
    const overpaid = Number((await client.query(`SELECT count(*) AS n FROM payables WHERE amount_paid > amount`)).rows[0].n);
    const unbalanced = Number((await client.query(`SELECT count(*) AS n FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0) u`)).rows[0].n);
    const total = (await client.query(`SELECT coalesce(sum(amount), 0)::text AS t FROM ledger_entries`)).rows[0].t;
    return { posted, paidBills, overpaid, balanced: unbalanced === 0 && total === '0' };
  } finally {
    await client.end();
  }
}
