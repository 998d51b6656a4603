// Two `tasdeed serve --roles worker` processes against one PostgreSQL: the bill-day schedule bills the period once
// (one process runs the pass, the other finds it not due: scheduled_jobs), every outbox event becomes one SMS, not
// two, and every shared job is left unheld when both stop. PostgreSQL only: PGlite is one process's database.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query-rows.js';
import { SMSC_DEMO_CREDENTIALS } from '../../src/dev/smsc/smsc.simulator.js';
import { seedReferenceTariffs } from '../../src/modules/tariffs/tariffs.seed.js';
import { latestEndedPeriod } from '../../src/modules/billing/bill-run.schedule.js';
import { businessToday, systemClock } from '../../src/platform/clock.js';
import { seedAccounts } from '../../bench/bill-run.js';
import { testDatabaseKind } from '../support/database.js';
import { waitUntil } from '../support/wait.js';
import { createHarness, type Harness } from '../notifications/harness.js';
import { billIssued, emit } from '../notifications/events.js';
import { expectBalancedLedger } from '../billing/support.js';

const onPostgres = testDatabaseKind() === 'postgres';
const ACCOUNTS = 60;
const EVENTS_PER_PERSON = 3;
let h: Harness;
const children: { process: ChildProcess; lines: Record<string, unknown>[] }[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  h = await createHarness({ people: 4 });
  await seedReferenceTariffs(h.ctx);
  await seedAccounts(h.database, ACCOUNTS);
});

afterAll(async () => {
  for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await h?.close();
});

function startWorkerProcess(): { process: ChildProcess; lines: Record<string, unknown>[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--roles', 'worker'], {
    env: {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: h.database.url, TASDEED_SECRET: 'cluster-test-secret-of-at-least-32-chars',
      LOG_LEVEL: 'info', SMPP_HOST: '127.0.0.1', SMPP_PORT: String(h.smsPort), SMPP_SYSTEM_ID: SMSC_DEMO_CREDENTIALS.systemId,
      SMPP_PASSWORD: SMSC_DEMO_CREDENTIALS.password, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(h.mail.smtpPort), PUBLIC_URL: 'http://localhost:3000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const text = rest + chunk;
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const entry = { process: child, lines };
  children.push(entry);
  return entry;
}

describe.runIf(onPostgres)('two tasdeed processes on one database', () => {
  it('bill the period once, send each event once, and share every schedule', async () => {
    const period = latestEndedPeriod(businessToday({ clock: systemClock, config: h.config }), 28);
    const events: bigint[] = [];
    for (const [index, person] of h.people.entries()) {
      for (let n = 0; n < EVENTS_PER_PERSON; n++) events.push(await emit(h.ctx, 'bill.issued', billIssued(person.id, index * 10 + n + 1)));
    }
    const a = startWorkerProcess();
    const b = startWorkerProcess();

    const run = await waitUntil(async () => {
      const [row] = await queryRows<{ status: string; billed: number }>(h.ctx.db, sql`
        SELECT status, billed_count AS billed FROM bill_runs WHERE biller_code = 'mew-electricity' AND period = ${period}`);
      return row && row.status.startsWith('completed') && row;
    }, 'the bill-day schedule to bill the period');
    await waitUntil(async () => {
      // Every bill.issued event (the test's and the bill run's); other topics may wait for a later time by design.
      const [row] = await queryRows<{ open: number }>(h.ctx.db, sql`SELECT count(*)::int AS open FROM outbox WHERE topic = 'bill.issued' AND status <> 'done'`);
      return row!.open === 0;
    }, 'both processes to expand every bill.issued event');
    await waitUntil(() => h.smsc!.messages().length >= events.length, 'the SMS of every event');

    // The bill run: one run, one bill per account, and one process that says it billed.
    expect(run.billed).toBe(ACCOUNTS);
    const [bills] = await queryRows<{ bills: number; accounts: number }>(h.ctx.db, sql`
      SELECT count(*)::int AS bills, count(DISTINCT account_id)::int AS accounts FROM bills WHERE period = ${period}`);
    expect(bills).toEqual({ bills: ACCOUNTS, accounts: ACCOUNTS });
    const billRunLogs = children.flatMap((child, index) => child.lines.filter((line) => line.msg === 'bill run' && line.period === period).map((line) => ({ index, outcome: line.outcome })));
    expect(billRunLogs).toHaveLength(1);
    expect(billRunLogs[0]!.outcome).toMatch(/^completed/);
    await expectBalancedLedger(h.ctx);

    // The outbox: each event's SMS once, though both processes ran a dispatcher.
    const texts = h.smsc!.messages().map((message) => message.text);
    for (const person of h.people.entries()) {
      for (let n = 0; n < EVENTS_PER_PERSON; n++) {
        const number = `EB-2026-11-${String(person[0] * 10 + n + 1).padStart(6, '0')}`;
        expect(texts.filter((text) => text.includes(number)), number).toHaveLength(1);
      }
    }

    // The schedules: each shared job has run, and no pass of one overlapped another (the lease), checked by the
    // table that holds them; both processes took part in some of them.
    for (const child of [a, b]) {
      child.process.kill('SIGTERM');
      await once(child.process, 'exit');
    }
    const jobs = await queryRows<{ name: string; passes: number; lease_owner: string | null; last_owner: string | null }>(h.ctx.db, sql`
      SELECT name, passes, lease_owner, last_owner FROM scheduled_jobs ORDER BY name`);
    expect(jobs.map((job) => job.name)).toEqual(expect.arrayContaining(['billing.reminders', 'billing.schedule', 'fines.reminders', 'prepaid.housekeeping', 'requests.escalation']));
    for (const job of jobs) expect(job, job.name).toMatchObject({ lease_owner: null });
    const billing = jobs.find((job) => job.name === 'billing.schedule')!;
    expect(billing.passes).toBeGreaterThanOrEqual(1);
    expect([a.process.pid, b.process.pid].map((pid) => billing.last_owner?.includes(`:${pid}:`))).toContain(true);
  });
});
