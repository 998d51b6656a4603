// The database goes away under load: a real `tasdeed serve --demo` process talks to PostgreSQL through a TCP proxy
// that cuts every connection and refuses new ones, four times, while banks post payments, the notifications worker
// sends, and a bill run bills. The process must never exit; /ready must answer 503 while the database is cut and 200
// once it is back; afterwards every payment is posted exactly once, the bill run finishes with one bill per account,
// every notification is settled and the ledger balances. PostgreSQL only (the child shares the test's database).
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { csrfHeaderOf } from '../support/app.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/database.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { eventually, waitUntil } from '../support/wait.js';
import { queryRows } from '../../src/db/query-rows.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import { systemClock } from '../../src/platform/clock.js';
import { seedAccounts } from '../../bench/bill-run.js';
import { testConfig } from '../support/config.js';
import { expectBalancedLedger } from '../payments/support.js';

const onPostgres = testDatabaseKind() === 'postgres';
const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;
const PAYMENTS = 24;
const CUTS = 4;
const PERIOD = '2025-06';

let database: TestDatabase;
let proxy: TcpProxy;
let child: ChildProcess;
let url = '';
let output = '';

beforeAll(async () => {
  if (!onPostgres) return;
  // The demo data set (people, bills, fines) made once per run; `serve --demo` finds it and does not seed again.
  database = await createTestDatabase({ seeded: 'demo' });
  const direct = new URL(database.url!);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--demo', '--port', '0', '--host', '127.0.0.1'], {
    env: {
      ...process.env, DATABASE_URL: throughProxy(database.url!, proxy), NODE_ENV: 'test', LOG_LEVEL: 'silent',
      // Quick retries, and leases shorter than the default: a notification claimed just before a cut is taken again
      // a minute later. Not shorter: an email with its PDF takes seconds on a busy machine, and a lease that runs
      // out mid-send has the message taken and sent again, over and over.
      NOTIFY_LEASE_SECONDS: '60', NOTIFY_RETRY_BASE_MS: '50', NOTIFY_MAX_ATTEMPTS: '50', NOTIFY_POLL_MS: '50',
      RATE_LIMIT_PER_MINUTE: '100000', SMPP_HOST: '', SMTP_HOST: '',
      // Generous, so that only a part that would never end is left behind on the stop (an email's PDF on a busy
      // machine takes seconds), and short enough for the hook to see the named part within its own limit.
      SHUTDOWN_GRACE_SECONDS: '120',
      // The secret the demo seed sealed the banks' keys with; without it `serve --demo` would make one of its own.
      TASDEED_SECRET: testConfig().secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  url = await waitUntil(() => {
    if (child.exitCode !== null) throw new Error(`serve exited early:\n${output}`);
    return /portal: {2}(http:\/\/\S+)\//.exec(output)?.[1];
  }, 'serve --demo to start');
  // Accounts for the bill run to bill beside the demo's own.
  await seedAccounts(database, 200);
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    // A graceful stop after the cuts: nothing the cuts broke (a connection never given back) keeps it waiting. A part
    // that does not end within the grace below is named on the output and the process exits 1.
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    expect({ code, leftBehind: output.split('\n').filter((line) => line.startsWith('stop: ')) }).toEqual({ code: 0, leftBehind: [] });
  }
  await proxy?.close();
  await database?.destroy();
});

async function ready(): Promise<number> {
  return (await fetch(`${url}/ready`)).status;
}

/** Posts one bank payment until the server answers it (a cut makes some attempts fail); counts the failures. */
async function payUntilAnswered(payable: { id: string; amount: string }, externalId: string, failures: { count: number }): Promise<void> {
  const path = '/api/v1/payments';
  for (;;) {
    const body = JSON.stringify({ channel: 'bank', externalId, items: [{ payableId: payable.id, amount: (Number(payable.amount) / 1000).toFixed(3) }] });
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(`${url}${path}`, {
        method: 'POST', body,
        headers: { 'content-type': 'application/json', 'x-tasdeed-key': bank.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(bank.secret, 'POST', path, timestamp, body) },
      });
      if (response.status === 200 || response.status === 201) return;
      if (response.status < 500) throw new Error(`payment ${externalId} refused: ${response.status} ${await response.text()}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('payment ')) throw error;
    }
    failures.count++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function adminCookie(): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function requestBillRun(cookie: string): Promise<{ status: number }> {
  try {
    const response = await fetch(`${url}/api/v1/bill-runs`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...csrfHeaderOf(cookie) }, body: JSON.stringify({ biller: 'mew-electricity', period: PERIOD }) });
    return { status: response.status };
  } catch {
    return { status: 0 };
  }
}

describe.runIf(onPostgres)('losing the database under load', () => {
  it('keeps the process up, tells the truth on /ready, and leaves nothing half-written', async () => {
    const ctx = { db: database.db, clock: systemClock, config: testConfig() };
    const open = await queryRows<{ id: string; amount: string }>(database.db, sql`
      SELECT id, (amount - amount_paid)::text AS amount FROM payables
      WHERE status = 'open' AND payable_online AND amount > amount_paid AND kind = 'bill' AND currency = 'KWD' ORDER BY id LIMIT ${PAYMENTS}`); // Kuwaiti bills: a bank pays in one currency, and the amounts below are fils
    expect(open.length).toBe(PAYMENTS);

    const cookie = await adminCookie();
    expect((await requestBillRun(cookie)).status).toBe(202);

    // Three banks post, one payment after another each, through every cut.
    const failures = { count: 0 };
    let paid = 0;
    const lanes = [0, 1, 2].map(async (lane) => {
      for (let i = lane; i < open.length; i += 3) {
        await payUntilAnswered(open[i]!, `FAULT-${i}`, failures);
        paid++;
      }
    });

    for (let cut = 0; cut < CUTS; cut++) {
      const paidBefore = paid;
      // Cut while work is going on: after at least one more payment went through (or when all are done).
      await waitUntil(() => paid > paidBefore || paid === open.length, 'a payment between cuts');
      proxy.cut();
      // While the database is away, /ready says so, every time it is asked, and the process stays up.
      for (let ask = 0; ask < 3; ask++) expect(await ready()).toBe(503);
      expect(child.exitCode).toBeNull();
      proxy.restore();
      await waitUntil(async () => (await ready()) === 200, 'ready again after the database came back');
      expect(child.exitCode).toBeNull();
    }
    await Promise.all(lanes);
    expect(failures.count).toBeGreaterThan(0); // the cuts did hit the payments

    // The bill run, stopped by the cuts, is resumed by asking again (its lease may first have to run out). Asking
    // while its lease is alive is refused (409) and changes nothing. A cut never counts as an account's failure: the
    // run stops instead, so it ends completed with no failure at all.
    const billRunFailures = await eventually(async () => {
      const [run] = await queryRows<{ status: string; failures: string[] }>(database.db, sql`
        SELECT status, array(SELECT code || ': ' || message FROM bill_run_failures f WHERE f.run_id = r.id) AS failures
        FROM bill_runs r WHERE period = ${PERIOD} AND biller_code = 'mew-electricity'`);
      if (run?.status !== 'completed' && run?.status !== 'completed_with_failures') await requestBillRun(cookie);
      expect(['completed', 'completed_with_failures']).toContain(run?.status);
      return run!.failures;
    }, { intervalMs: 1000 });
    expect(billRunFailures).toEqual([]);

    // Every notification the payments and the bill run caused is settled (none waits, none is dead).
    await eventually(async () => {
      const [left] = await queryRows<{ waiting: number; dead: number }>(database.db, sql`
        SELECT count(*) FILTER (WHERE status IN ('pending', 'sending', 'failed'))::int AS waiting,
               count(*) FILTER (WHERE status = 'dead')::int AS dead FROM notifications`);
      const detail = await queryRows(database.db, sql`
        SELECT status, channel, attempts, last_error_code, available_at > now() AS later, count(*)::int AS n FROM notifications
        WHERE status NOT IN ('sent', 'delivered') GROUP BY 1, 2, 3, 4, 5 ORDER BY n DESC LIMIT 10`);
      expect(left, JSON.stringify(detail)).toEqual({ waiting: 0, dead: 0 });
    }, { intervalMs: 200 });

    // Nothing half-written: each bank payment once, each account billed once, the ledger balanced.
    const payments = await queryRows<{ external_id: string; n: number; status: string }>(database.db, sql`
      SELECT external_id, count(*)::int AS n, min(status) AS status FROM payments WHERE external_id LIKE 'FAULT-%' GROUP BY external_id`);
    expect(payments).toHaveLength(PAYMENTS);
    for (const payment of payments) expect(payment).toMatchObject({ n: 1, status: 'posted' });
    const [bills] = await queryRows<{ bills: number; accounts: number; billed: number }>(database.db, sql`
      SELECT count(*)::int AS bills, count(DISTINCT b.account_id)::int AS accounts,
             (SELECT billed_count FROM bill_runs WHERE period = ${PERIOD} AND biller_code = 'mew-electricity') AS billed
      FROM bills b WHERE b.period = ${PERIOD} AND b.biller_code = 'mew-electricity'`);
    expect(bills!.bills).toBe(bills!.accounts);
    expect(bills!.bills).toBe(bills!.billed);
    await expectBalancedLedger(ctx);
    expect(child.exitCode).toBeNull();
    expect(proxy.accepted()).toBeGreaterThan(CUTS); // the server reconnected after each cut
  });
});
