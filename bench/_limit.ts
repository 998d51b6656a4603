// The database's physical limit for a benchmark: ONE SQL statement doing the work, sent by plain clients with
// the extended protocol and prepared statements, `synchronous_commit` as configured (on by default), for a fixed
// time. pgbench (`-M prepared -T seconds`) when it is installed; otherwise a loop of node-postgres clients sending
// the same statement as a named (prepared) query. The result says which of the two measured it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run$ = promisify(execFile);

export type LimitMethod = 'pgbench' | 'node-postgres';

export interface PhysicalLimit {
  perSecond: number;
  /** Latency of one statement as pgbench or the loop saw it (mean for pgbench, p99 for the loop). */
  latencyMs: number;
  method: LimitMethod;
}

export interface LimitScript {
  /**
   * `\set` lines pgbench evaluates before the statement, e.g. `\set n random(1, 200)`; the statement refers to
   * them as `:n`. The node fallback evaluates the same ones by `vars()` and passes them as $1, $2, … in order.
   */
  sets?: string[];
  /** The one statement, with `:name` for each variable of `sets`. */
  statement: string;
  /** For the node fallback: the values of the variables, in the order of their first use in `statement`. */
  vars?: () => Record<string, string | number>;
}

async function hasPgbench(): Promise<boolean> {
  if (process.env.BENCH_NO_PGBENCH === '1') return false;
  try {
    await run$('pgbench', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Runs `script` from `clients` clients for `seconds`; transactions per second of the one statement. */
export async function measurePhysicalLimit(databaseUrl: string, script: LimitScript, options: { clients: number; seconds: number }): Promise<PhysicalLimit> {
  if (await hasPgbench()) return pgbench(databaseUrl, script, options);
  return nodeLoop(databaseUrl, script, options);
}

async function pgbench(databaseUrl: string, script: LimitScript, { clients, seconds }: { clients: number; seconds: number }): Promise<PhysicalLimit> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tasdeed-bench-'));
  try {
    const file = path.join(dir, `limit-${randomBytes(4).toString('hex')}.sql`);
    // pgbench reads one statement per line: the statement goes on one line.
    await writeFile(file, `${(script.sets ?? []).join('\n')}\n${script.statement.replace(/\s+/g, ' ').trim()};\n`);
    const { stdout } = await run$('pgbench', [
      '-n', '-M', 'prepared', '-c', String(clients), '-j', String(Math.min(clients, cpus().length)), '-T', String(seconds), '-f', file, databaseUrl,
    ], { maxBuffer: 16 * 1024 * 1024 });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    if (failed && Number(failed[1]) > 0) throw new Error(`pgbench: ${failed[1]} transactions failed:\n${stdout}`);
    const latency = /latency average = ([\d.]+) ms/.exec(stdout);
    return { perSecond: Math.round(Number(tps[1])), latencyMs: latency ? Number(latency[1]) : NaN, method: 'pgbench' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The fallback: `:name` becomes `$n` and the statement is sent as one named (server-side prepared) query. */
async function nodeLoop(databaseUrl: string, script: LimitScript, { clients, seconds }: { clients: number; seconds: number }): Promise<PhysicalLimit> {
  const order: string[] = [];
  const text = script.statement.replace(/:([a-z_][a-z0-9_]*)/gi, (whole, name: string, offset: number, all: string) => {
    if (all[offset - 1] === ':') return whole; // a `::type` cast
    let i = order.indexOf(name);
    if (i < 0) i = order.push(name) - 1;
    return `$${i + 1}`;
  });
  const connections = await Promise.all(Array.from({ length: clients }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  const latencies: number[] = [];
  try {
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let done = 0;
    await Promise.all(connections.map(async (client) => {
      while (performance.now() < deadline) {
        const vars = script.vars?.() ?? {};
        const t = performance.now();
        await client.query({ name: 'tasdeed_limit', text, values: order.map((n) => vars[n]) });
        latencies.push(performance.now() - t);
        done++;
      }
    }));
    latencies.sort((a, b) => a - b);
    return {
      perSecond: Math.round(done / ((performance.now() - started) / 1000)),
      latencyMs: Math.round((latencies[Math.floor(latencies.length * 0.99)] ?? NaN) * 10) / 10,
      method: 'node-postgres',
    };
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}
