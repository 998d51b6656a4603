// Periodic jobs shared by the processes on one database (scheduled_jobs): one pass at a time across processes,
// one per interval, a failed pass due again at once, a dead local holder taken over at once, a lost lease stopping
// the pass. Two startPeriodicJob calls stand for two processes (each has its own holder name); the test in
// test/cluster/ runs two real ones.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/query-rows.js';
import { startPeriodicJob } from '../../src/platform/jobs.js';
import { claimJobPass, finishJobPass } from '../../src/platform/jobs.store.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const NEVER = 24 * 3_600_000; // no pass here is started by a timer
const quiet = pino({ level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));
let database: TestDatabase;

beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => database?.destroy());

const jobRow = async (name: string) => (await queryRows<{ lease_owner: string | null; passes: number; last_outcome: string | null }>(
  database.db, sql`SELECT lease_owner, passes, last_outcome FROM scheduled_jobs WHERE name = ${name}`))[0];

describe('a job shared by two processes', () => {
  it('runs in one of them at a time: the other\'s pass, asked for meanwhile, does nothing', async () => {
    let release!: () => void;
    const passes: string[] = [];
    const job = (who: string) => startPeriodicJob({
      name: 'shared.one_at_a_time', firstRunAfterMs: NEVER, everyMs: NEVER,
      run: () => { passes.push(who); return who === 'a' ? new Promise<void>((resolve) => { release = resolve; }) : Promise.resolve(); },
    }, quiet, { db: database.db });
    const a = job('a');
    const b = job('b');
    const first = a.runNow();
    await expect.poll(() => passes).toEqual(['a']);
    await b.runNow(); // a holds the lease: b returns without running
    expect(passes).toEqual(['a']);
    release();
    await first;
    await b.runNow(); // asked for by hand, after a's pass: runs
    expect(passes).toEqual(['a', 'b']);
    expect(await jobRow('shared.one_at_a_time')).toMatchObject({ lease_owner: null, passes: 2, last_outcome: 'ok' });
    await Promise.all([a.stop(), b.stop()]);
  });

  it('is due once per interval; a failed pass leaves it due', async () => {
    const name = 'shared.due';
    expect(await claimJobPass(database.db, name, 'p1', { leaseMs: 60_000, force: false, deadHolder: null })).toBe(true);
    await finishJobPass(database.db, name, 'p1', 'ok', NEVER);
    expect(await claimJobPass(database.db, name, 'p2', { leaseMs: 60_000, force: false, deadHolder: null })).toBe(false);
    expect(await claimJobPass(database.db, name, 'p2', { leaseMs: 60_000, force: true, deadHolder: null })).toBe(true);
    await finishJobPass(database.db, name, 'p2', 'failed', NEVER);
    expect(await claimJobPass(database.db, name, 'p1', { leaseMs: 60_000, force: false, deadHolder: null })).toBe(true);
    expect(await claimJobPass(database.db, name, 'p2', { leaseMs: 60_000, force: true, deadHolder: null })).toBe(false); // p1 holds it
    await finishJobPass(database.db, name, 'p2', 'ok', NEVER); // not the holder: changes nothing
    expect(await jobRow(name)).toMatchObject({ lease_owner: 'p1', passes: 2, last_outcome: 'failed' });
  });

  it('logs a failed pass with its own error when the database refuses to record the failure too', async () => {
    const lines: Array<{ job?: string; err?: { message?: string } }> = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(JSON.parse(chunk.toString()) as typeof lines[number]); done(); } }));
    // The database answers the claim but refuses the finish (the outage that broke the pass, say).
    const refusingFinish = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver) as unknown;
        return (query: Parameters<typeof database.db.execute>[0]) => {
          const text = JSON.stringify((query as { queryChunks?: unknown }).queryChunks ?? query);
          if (text.includes('last_finished_at')) return Promise.reject(new Error('connection lost while finishing'));
          return target.execute(query);
        };
      },
    });
    const job = startPeriodicJob({ name: 'shared.fails_twice', firstRunAfterMs: NEVER, everyMs: NEVER, run: () => Promise.reject(new Error('pass broke')) }, logger, { db: refusingFinish });
    await job.runNow();
    await job.stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ job: 'shared.fails_twice', err: { message: 'pass broke' } });
  });

  it('takes over at once a lease left by a process of this machine that died', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await once(child, 'exit');
    const name = 'shared.dead_holder';
    await claimJobPass(database.db, name, `${hostname()}:${pid}:dead01`, { leaseMs: NEVER, force: true, deadHolder: null });
    let ran = false;
    const job = startPeriodicJob({ name, firstRunAfterMs: NEVER, everyMs: NEVER, run: async () => { ran = true; } }, quiet, { db: database.db });
    await job.runNow();
    await job.stop();
    expect(ran).toBe(true);
    expect(await jobRow(name)).toMatchObject({ lease_owner: null, passes: 1, last_outcome: 'ok' });
  });

  it('leaves a live holder\'s lease alone, and stops its own pass when its lease is taken', async () => {
    const name = 'shared.lost_lease';
    let sawAbort = false;
    const job = startPeriodicJob({
      name, firstRunAfterMs: NEVER, everyMs: NEVER,
      run: (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => { sawAbort = true; resolve(); })),
    }, quiet, { db: database.db, leaseMs: 300 });
    const pass = job.runNow();
    await expect.poll(async () => (await jobRow(name))?.lease_owner ?? null).toMatch(new RegExp(`^${hostname()}:${process.pid}:`));
    // Another process took the lease after ours ran out (simulated): the next renewal finds it gone.
    await database.db.execute(sql`UPDATE scheduled_jobs SET lease_owner = 'elsewhere:1:abc', lease_until = now() + interval '1 hour' WHERE name = ${name}`);
    await pass;
    expect(sawAbort).toBe(true);
    expect(await jobRow(name)).toMatchObject({ lease_owner: 'elsewhere:1:abc', passes: 0 });
    await job.stop();
  });
});
