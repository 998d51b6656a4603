// Failover under load (`npm run test:cluster`, issue 19). scripts/cluster-up starts a pg_auto_failover monitor, a
// primary and a synchronous standby on loopback; `tasdeed serve` runs against the multi-host connection string
// (src/db/multi-host.ts). Banks post payments from several lanes at once; the primary is killed (its keeper and its
// PostgreSQL, SIGKILL, so nothing restarts it); the monitor promotes the standby, and the banks carry on, each
// sending a payment again with the same external id until it is answered 2xx, as a bank does. Afterwards: every
// payment answered 2xx is in the database exactly once, no payment is there twice, no bill is overpaid, the ledger
// balances, and payments were answered 2xx again after the kill. How long that took is printed; the test only
// bounds it generously (the target is 30 s; a loaded machine must not turn that figure into a failure).
//
// Needs pg_autoctl (Debian: postgresql-15-auto-failover). Without it the test is skipped, unless
// TASDEED_REQUIRE_CLUSTER=1 (CI sets it when the package is installed), where a missing pg_autoctl fails it.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billAmount, billId, prepareDatabase } from '../../bench/payments.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/query-rows.js';
import { DEMO_API_CLIENTS } from '../../src/db/seed/demo-accounts.js';
import { signRequest } from '../../src/modules/identity/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { formatAmount } from '../../src/shared/money.js';
import { expectBalancedLedger } from '../payments/support.js';
import { waitUntil } from '../support/wait.js';

const run = promisify(execFile);
const available = spawnSync('sh', ['-c', 'command -v pg_autoctl'], { stdio: 'ignore' }).status === 0;
const required = process.env.TASDEED_REQUIRE_CLUSTER === '1';

const SECRET = 'failover-test-secret-of-at-least-32-chars';
const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;
const BILLS = 4000; // more than the lanes can pay in the test's run
const LANES = 8;
const BEFORE_KILL = 150; // payments answered 2xx before the primary is killed
const AFTER_RESUME = 150; // and after the service resumed
const RESUME_BOUND_SECONDS = 120; // the target is 30 s; see the header

interface Cluster { dir: string; url: string; monitorPort: number; nodes: { name: string; port: number }[] }
interface Answer { externalId: string; sentAt: number; answeredAt: number; status: number; error?: string }

let cluster: Cluster | undefined;
let server: ChildProcess | undefined;
let serverOutput = '';
let database: DatabaseHandle | undefined;

beforeAll(async () => {
  if (!available) {
    if (required) throw new Error('TASDEED_REQUIRE_CLUSTER=1 but pg_autoctl is not installed (apt-get install postgresql-15-auto-failover)');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'tasdeed-failover-'));
  cluster = { dir, url: '', monitorPort: 0, nodes: [] }; // torn down in afterAll even if cluster-up fails half-way
  const up = await run('scripts/cluster-up', [dir], { maxBuffer: 1 << 20 }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`scripts/cluster-up failed: ${error.stderr ?? error.message}`);
  });
  const env = Object.fromEntries(readFileSync(join(dir, 'cluster.env'), 'utf8').trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  cluster = {
    dir,
    url: up.stdout.trim().split('\n').pop()!,
    monitorPort: Number(env.MONITOR_PORT),
    nodes: [{ name: 'node1', port: Number(env.NODE1_PORT) }, { name: 'node2', port: Number(env.NODE2_PORT) }],
  };
  expect(cluster.url).toBe(env.DATABASE_URL);

  // Schema, the demo bank and open bills, written to the primary (a one-host string: the bench's seed uses plain pg).
  const primary = await primaryNode();
  await prepareDatabase(`postgres://postgres@127.0.0.1:${primary.port}/tasdeed`, BILLS, SECRET);
  database = await openDatabase({ databaseUrl: cluster.url, poolSize: 4 });

  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: {
      ...process.env, DATABASE_URL: cluster.url, TASDEED_SECRET: SECRET, NODE_ENV: 'test', LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000', SMPP_HOST: '', SMTP_HOST: '', KNET_BASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => { serverOutput += chunk.toString(); });
  server.stderr!.on('data', (chunk: Buffer) => { serverOutput += chunk.toString(); });
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.close();
  if (cluster) await run('scripts/cluster-down', [cluster.dir]).catch((error: Error) => console.error(`cluster-down: ${error.message}`));
});

/** The node the monitor has as primary (reported and assigned), by asking the monitor. */
async function primaryNode(): Promise<{ name: string; port: number }> {
  const states = await monitorStates();
  const name = Object.entries(states).find(([, state]) => state === 'primary/primary' || state === 'wait_primary/wait_primary')?.[0];
  const node = cluster!.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no primary: ${JSON.stringify(states)}`);
  return node;
}

async function monitorStates(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${cluster!.monitorPort}/pg_auto_failover` });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; state: string }>(
      `SELECT nodename AS name, reportedstate || '/' || goalstate AS state FROM pgautofailover.node ORDER BY nodeid`);
    return Object.fromEntries(rows.map((r) => [r.name, r.state]));
  } finally {
    await client.end();
  }
}

/** Kills a node as a crash would: its keeper and its PostgreSQL (one process group, cluster-up's setsid), SIGKILL. */
async function killNode(node: { name: string; port: number }): Promise<void> {
  const postmaster = Number(readFileSync(join(cluster!.dir, node.name, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const group = Number((await run('ps', ['-o', 'pgid=', '-p', String(postmaster)])).stdout.trim());
  process.kill(-group, 'SIGKILL');
  try {
    process.kill(postmaster, 'SIGKILL'); // in case it was not in that group
  } catch {
    // already gone
  }
  await waitUntil(async () => !(await accepts(node.port)), `${node.name} to stop accepting connections`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function pay(base: string, g: number): Promise<Answer> {
  const path = '/api/v1/payments';
  const externalId = `FAILOVER-${g}`;
  const body = JSON.stringify({ channel: 'bank', externalId, items: [{ payableId: billId(g), amount: formatAmount(BigInt(billAmount(g)), 'KWD') }] });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const sentAt = Date.now();
  try {
    const response = await fetch(`${base}${path}`, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-tasdeed-key': bank.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(bank.secret, 'POST', path, timestamp, body) },
    });
    const text = await response.text();
    return { externalId, sentAt, answeredAt: Date.now(), status: response.status, ...(response.ok ? {} : { error: text.slice(0, 300) }) };
  } catch (error) {
    return { externalId, sentAt, answeredAt: Date.now(), status: 0, error: (error as Error).message };
  }
}

describe.runIf(available || required)('a failover under load', () => {
  it('loses no answered payment, posts none twice, balances the ledger and resumes', async () => {
    const base = await waitUntil(() => {
      if (server!.exitCode !== null) throw new Error(`serve exited early:\n${serverOutput}`);
      return /portal: {2}(http:\/\/\S+)\//.exec(serverOutput)?.[1];
    }, 'tasdeed serve to start');

    const answers: Answer[] = [];
    let nextBill = 1;
    let stop = false;
    const lanes = Array.from({ length: LANES }, async () => {
      while (!stop) {
        const g = nextBill++;
        if (g > BILLS) throw new Error('ran out of bills: raise BILLS');
        // A bank sends the same payment again (same external id) until it is answered.
        for (;;) {
          const answer = await pay(base, g);
          answers.push(answer);
          if (answer.status >= 200 && answer.status < 300) break;
          if (answer.status !== 0 && answer.status < 500) throw new Error(`payment ${answer.externalId} refused: ${answer.status} ${answer.error}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    });
    const ok = () => answers.filter((a) => a.status >= 200 && a.status < 300);
    const laneFailure = Promise.all(lanes).then(() => undefined);

    try {
      await waitUntil(() => ok().length >= BEFORE_KILL, `${BEFORE_KILL} payments before the kill`);
      const primary = await primaryNode();
      const standby = cluster!.nodes.find((n) => n !== primary)!;
      const answeredBefore = ok().length;
      await killNode(primary);
      const killedAt = Date.now();
      console.log(`failover: killed ${primary.name} (port ${primary.port}) after ${answeredBefore} payments answered 2xx`);

      // Service resumes: a payment sent after the kill is answered 2xx (necessarily by the promoted standby).
      const resumed = await waitUntil(() => ok().find((a) => a.sentAt >= killedAt), 'a payment answered 2xx after the kill');
      const resumeSeconds = (resumed.answeredAt - killedAt) / 1000;
      const failed = answers.filter((a) => a.sentAt >= killedAt - 1000 && (a.status === 0 || a.status >= 500));
      const counts = new Map<string, number>();
      for (const a of failed) {
        const key = a.status === 0 ? 'no answer' : String(a.status);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const byStatus = [...counts].map(([status, n]) => `${status}: ${n}`).join(', ');
      console.log(`failover: payments answered 2xx again ${resumeSeconds.toFixed(1)} s after the kill (target 30 s); ${failed.length} attempts failed meanwhile (${byStatus})`);
      expect(resumeSeconds).toBeLessThan(RESUME_BOUND_SECONDS);

      const answeredAtResume = ok().length;
      await waitUntil(() => ok().length >= answeredAtResume + AFTER_RESUME, `${AFTER_RESUME} payments after the failover`);
      stop = true;
      await laneFailure;

      expect(failed.length).toBeGreaterThan(0); // the kill did hit the payments
      // and each payment it failed was answered "send again later" (503 database_unavailable), never a 500.
      const notRetryable = failed.filter((a) => a.status !== 503 || !a.error?.includes('database_unavailable'));
      expect(notRetryable.slice(0, 5)).toEqual([]);
      expect(server!.exitCode).toBeNull(); // the server lived through it
      // The standby took over, and the test's own pool (multi-host) followed it.
      expect((await monitorStates())[standby.name]).toMatch(/^(wait_)?primary\//);
      const [where] = await queryRows<{ port: number }>(database!.db, sql`SELECT inet_server_port() AS port`);
      expect(where!.port).toBe(standby.port);
    } finally {
      stop = true;
      await laneFailure.catch(() => undefined);
    }

    // Every payment answered 2xx is in the database, exactly once; nothing else is; none is there twice.
    const answered = new Set(ok().map((a) => a.externalId));
    const rows = await queryRows<{ external_id: string; n: number; status: string }>(database!.db, sql`
      SELECT external_id, count(*)::int AS n, min(status) AS status FROM payments WHERE external_id LIKE 'FAILOVER-%' GROUP BY external_id`);
    const twice = rows.filter((r) => r.n !== 1);
    expect(twice).toEqual([]);
    const missing = [...answered].filter((id) => !rows.some((r) => r.external_id === id));
    expect(missing).toEqual([]);
    expect(rows.map((r) => r.external_id).sort()).toEqual([...answered].sort());
    for (const row of rows) expect(row.status).toBe('posted');
    console.log(`failover: ${answered.size} payments answered 2xx, ${rows.length} in the database, ${answers.length - ok().length} attempts failed and were sent again`);

    // No bill paid beyond its amount, and each answered payment paid its bill.
    const [bills] = await queryRows<{ overpaid: number; paid: number }>(database!.db, sql`
      SELECT count(*) FILTER (WHERE amount_paid > amount)::int AS overpaid, count(*) FILTER (WHERE amount_paid > 0)::int AS paid
      FROM payables WHERE id LIKE 'pbl_bench%'`);
    expect(bills).toEqual({ overpaid: 0, paid: answered.size });
    await expectBalancedLedger({ db: database!.db, clock: systemClock, config: loadConfig({}, { LOG_LEVEL: 'silent', TASDEED_SECRET: SECRET }) });
  });
});
