// `npm run bench -- bank [--count 3000] [--connections 16] [--pool 10] [--protocol json|sadad|efawateer]`
//
// Bank payment notifications per second, and their p99, over HTTP on loopback: the demo bank's HMAC-signed
// notifications through the channels core (POST /api/v1/banks/payments, or a switch's XML endpoint with
// --protocol), each paying one open bill in full, a bounded number of them (--count, after a warm-up of a tenth),
// against the real server in a child process (bench/_payments-server.ts) on a PostgreSQL database of its own.
// The machine's limit, measured in the same run on the same database: the same writes (payment row with its
// receipt number, item, the bill's guarded UPDATE, ledger accounts, transaction and entries, the outbox row) as ONE
// SQL statement, sent by plain clients (as many as the server's pool) — by pgbench when it is installed, and by
// node-postgres clients either way. Then it checks what was posted (one payment per paid bill, ledger balanced).
// The last line is one JSON object with the figures.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { DEMO_API_CLIENTS } from '../src/db/seed/demo-accounts.js';
import { buildEfawateerRequest, buildSadadRequest, SWITCH_PATHS } from '../src/modules/channels/index.js';
import { signRequest } from '../src/modules/identity/index.js';
import { formatAmount } from '../src/shared/money.js';
import { billAmount, billId, prepareDatabase, startServer, summarise, verify, type LoadResult } from './payments.js';

const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;
const log = (line: string) => process.stderr.write(`${line}\n`);
const run$ = promisify(execFile);
type Protocol = 'json' | 'sadad' | 'efawateer';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

export async function run(args: string[]): Promise<void> {
  const count = option(args, 'count', 3000);
  const connections = option(args, 'connections', 16);
  const poolSize = option(args, 'pool', 10);
  const i = args.indexOf('--protocol');
  const protocol = (i >= 0 ? args[i + 1] : 'json') as Protocol;
  if (!['json', 'sadad', 'efawateer'].includes(protocol)) throw new Error('--protocol must be json, sadad or efawateer');
  const warmUp = Math.max(100, Math.round(count / 10));
  // Bills for the warm-up and the measured notifications, then as many for each limit run.
  const apiBills = warmUp + count;
  const totalBills = apiBills + 2 * count;
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(adminUrl, 'tasdeed_bench_');
  let server: Awaited<ReturnType<typeof startServer>>['child'] | undefined;
  try {
    await prepareDatabase(scratch.url, Math.ceil(totalBills / 2));
    const clientId = await allowDemoBank(scratch.url);
    log(`database ${scratch.name}: ${totalBills} open KWD bills; the demo bank collects for every biller`);
    const started = await startServer(scratch.url, poolSize);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;

    let next = 1;
    const nextBill = () => {
      if (next > apiBills) throw new Error('ran out of open bills');
      return next++;
    };
    log(`notifications (${protocol}): warm-up ${warmUp}, then ${count} over ${connections} connections`);
    const warm = await notificationLoad(base, protocol, connections, warmUp, nextBill);
    const measured = await notificationLoad(base, protocol, connections, count, nextBill);
    log(`  ${measured.perSecond}/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, non-2xx ${measured.non2xx}, errors ${measured.errors}`);
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
    const check = await verify(scratch.url);

    await prepareLimit(scratch.url, apiBills + 1);
    log(`limit, one statement per notification from ${poolSize} plain node-postgres clients: ${count}`);
    const nodeLimit = await nodeClientsLimit(scratch.url, poolSize, count, clientId);
    log(`  ${nodeLimit}/s`);
    const pgbench = await pgbenchLimit(scratch.url, poolSize, count, clientId);
    log(pgbench === null ? '  pgbench is not installed: the node-postgres figure is the limit' : `  pgbench: ${pgbench}/s`);
    const limit = Math.max(nodeLimit, pgbench ?? 0);
    const limitCheck = await verify(scratch.url);

    console.log(JSON.stringify({
      scenario: 'bank', database: 'postgres', cores: cpus().length, protocol, count,
      notificationsPerSecond: measured.perSecond, p50Ms: measured.p50, p99Ms: measured.p99,
      limitNotificationsPerSecond: limit, limitNodeClientsPerSecond: nodeLimit, limitPgbenchPerSecond: pgbench,
      ratio: Math.round((measured.perSecond / limit) * 1000) / 1000,
      errors: measured.non2xx + measured.errors + warm.non2xx + warm.errors,
      answered2xx: warm.ok + measured.ok, posted: check.posted,
      onePaymentPerPaidBill: check.posted === check.paidBills && check.posted >= warm.ok + measured.ok,
      overpaidBills: limitCheck.overpaid, ledgerBalanced: check.balanced && limitCheck.balanced,
      connections, pool: poolSize,
      channel: protocol === 'json' ? 'bank API (HMAC-signed POST /api/v1/banks/payments)' : `${protocol} XML (HMAC-signed POST ${SWITCH_PATHS[protocol]})`,
    }));
  } finally {
    server?.kill('SIGKILL');
    await scratch.drop();
  }
}

/** The demo bank may collect for every biller (what `channelsDemoSeeder` does), by SQL; returns its client id. */
async function allowDemoBank(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const id = (await client.query('SELECT id FROM api_clients WHERE key_id = $1', [bank.keyId])).rows[0].id as string;
    await client.query('INSERT INTO channel_bank_billers (client_id, biller_code) SELECT $1, code FROM billers ON CONFLICT DO NOTHING', [id]);
    return id;
  } finally {
    await client.end();
  }
}

function notificationBody(protocol: Protocol, g: number): { path: string; contentType: string; body: string } {
  const transactionId = `BENCH-${g}`;
  const amount = formatAmount(BigInt(billAmount(g)), 'KWD');
  if (protocol === 'json') {
    return { path: '/api/v1/banks/payments', contentType: 'application/json', body: JSON.stringify({ transactionId, currency: 'KWD', bills: [{ billId: billId(g), amount }] }) };
  }
  const now = new Date();
  const body = protocol === 'sadad'
    ? buildSadadRequest(`RQ-${g}`, 'BENCH', { code: 'PNOTRQ', sadadPmtId: transactionId, bankPmtId: `B-${g}`, billerId: 'mew-electricity', billNumber: billId(g), amount, currency: 'KWD', processedAt: now }, now)
    : buildEfawateerRequest(`G-${g}`, 'BENCH', { type: 'BLRPMTNTFRQ', transactions: [{ joebppsTrx: transactionId, bankTrxId: `B-${g}`, billingNo: '', billNo: billId(g), billerCode: 'mew-electricity', paidAmt: amount, currency: 'KWD', processDate: now }] }, now);
  return { path: SWITCH_PATHS[protocol], contentType: 'application/xml', body };
}

async function notificationLoad(base: string, protocol: Protocol, connections: number, amount: number, nextBill: () => number): Promise<LoadResult> {
  const result = await autocannon({
    url: base, connections, amount,
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const { path: url, contentType, body } = notificationBody(protocol, nextBill());
        const timestamp = String(Math.floor(Date.now() / 1000));
        return {
          ...request, path: url, body,
          headers: { 'content-type': contentType, 'x-tasdeed-key': bank.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(bank.secret, 'POST', url, timestamp, body) },
        };
      },
    }],
  });
  return summarise(result);
}

/** The limit's bills are taken in order from a sequence, so pgbench and plain clients need no per-client state. */
async function prepareLimit(databaseUrl: string, firstBill: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SEQUENCE bench_bank_limit_bill START ${firstBill}`);
  } finally {
    await client.end();
  }
}

/** Every write of one bank notification, in one statement (the client id is a literal so pgbench can send it). */
function limitStatement(clientId: string): string {
  return `WITH n AS (SELECT nextval('bench_bank_limit_bill') AS g),
bill AS (
  UPDATE payables SET amount_paid = amount_paid + amount, status = 'paid', closed_at = now(), updated_at = now()
  WHERE id = (SELECT 'pbl_bench' || lpad(g::text, 9, '0') FROM n) AND status IN ('open', 'partially_paid') RETURNING id, amount, account_number
), pay AS (
  INSERT INTO payments (id, channel, status, currency, amount, credit_amount, refunded_amount, actor_kind, actor_id, language, request_hash,
    external_id, receipt_point, receipt_number, inquiry_attempts, created_at, updated_at, posted_at)
  SELECT 'pay_LIMIT' || n.g, 'bank', 'posted', 'KWD', bill.amount, 0, 0, 'client', '${clientId}', 'ar', repeat('x', 64), 'LIMIT-' || n.g, 'BNK',
    'BNK-2026-' || lpad(nextval('receipt_seq_bnk'::regclass)::text, 6, '0'), 0, now(), now(), now()
  FROM n, bill RETURNING id, amount
), item AS (
  INSERT INTO payment_items (payment_id, payable_id, position, amount) SELECT pay.id, bill.id, 0, pay.amount FROM pay, bill
), account AS (
  INSERT INTO ledger_accounts (code, type, currency) SELECT 'receivable:mew-electricity:acct-' || bill.account_number, 'receivable', 'KWD' FROM bill ON CONFLICT DO NOTHING
), ltx AS (
  INSERT INTO ledger_transactions (id, kind, source_ref, currency, memo, posted_at) SELECT 'ltx_LIMIT' || n.g, 'payment', pay.id, 'KWD', '{"channel":"bank"}'::jsonb, now() FROM n, pay RETURNING id
), entry AS (
  INSERT INTO ledger_entries (transaction_id, account_code, amount, currency)
  SELECT ltx.id, e.code, e.amount, 'KWD' FROM ltx, pay, bill,
    LATERAL (VALUES ('clearing:bank', pay.amount), ('receivable:mew-electricity:acct-' || bill.account_number, -pay.amount)) AS e(code, amount)
)
INSERT INTO outbox (topic, payload, dedupe_key) SELECT 'payment.received', jsonb_build_object('paymentId', pay.id), 'payment.received:' || pay.id FROM pay`;
}

async function nodeClientsLimit(databaseUrl: string, clients: number, count: number, clientId: string): Promise<number> {
  const sql = limitStatement(clientId);
  const connections = await Promise.all(Array.from({ length: clients }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  try {
    let left = count;
    const started = performance.now();
    await Promise.all(connections.map(async (client) => {
      while (left > 0) {
        left--;
        await client.query(sql);
      }
    }));
    return Math.round(count / ((performance.now() - started) / 1000));
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}

/** The same statement by pgbench (-t transactions per client); null when pgbench is not installed. */
async function pgbenchLimit(databaseUrl: string, clients: number, count: number, clientId: string): Promise<number | null> {
  try {
    await run$('pgbench', ['--version']);
  } catch {
    return null;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'tasdeed-bench-'));
  try {
    const script = path.join(dir, `bank-${randomBytes(4).toString('hex')}.sql`);
    // pgbench reads one statement per line unless the line continues: write it on one line.
    await writeFile(script, `${limitStatement(clientId).replace(/\s+/g, ' ')};\n`);
    const perClient = Math.max(1, Math.floor(count / clients));
    const { stdout } = await run$('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, cpus().length)), '-t', String(perClient), '-f', script, databaseUrl]);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Math.round(Number(tps[1]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
