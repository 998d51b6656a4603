// `tasdeed serve --processes 2` on one PostgreSQL: two API processes answer on one port and a worker process runs
// beside them; /metrics counts the requests of both; an API process killed outright is replaced while the other
// keeps answering; SIGTERM closes them all. PostgreSQL only: PGlite is one process's database, which the command
// says and refuses.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/database.js';
import { waitUntil } from '../support/wait.js';

const onPostgres = testDatabaseKind() === 'postgres';
const started: ChildProcess[] = [];
let database: TestDatabase | undefined;

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await database?.destroy();
});

function serve(args: string[], env: Record<string, string | undefined>): { process: ChildProcess; out: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', ...args], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', TASDEED_SECRET: 'processes-test-secret-of-at-least-32-chars', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const out: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => out.push(...chunk.split('\n').filter((line) => line !== '')));
  }
  return { process: child, out };
}

/** The processes whose parent is `pid`, with their command lines (Linux /proc). */
function childrenOf(pid: number): { pid: number; args: string[] }[] {
  const found: { pid: number; args: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) found.push({ pid: Number(entry), args: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0') });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

const isApi = (child: { args: string[] }) => child.args.join(' ').includes('--roles api');
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

/** One GET on a connection of its own (no keep-alive), so the port hands each request to the next process. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

async function askReady(url: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let n = 0; n < times; n++) statuses.push((await get(`${url}/ready`)).status);
  return statuses;
}

function readyCount(metrics: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith('tasdeed_http_requests_total{') && l.includes('route="/ready"') && l.includes('status="200"'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe.runIf(onPostgres)('tasdeed serve --processes', () => {
  it('answers from two API processes on one port, replaces one that is killed, and closes them all on SIGTERM', async () => {
    database = await createTestDatabase();
    const supervisor = serve(['--processes', '2', '--port', '0', '--host', '127.0.0.1'], { DATABASE_URL: database.url });
    const banner = await waitUntil(() => supervisor.out.find((line) => line.startsWith('Tasdeed is running on ')) ?? (supervisor.process.exitCode !== null && `exited: ${supervisor.out.join('\n')}`), 'the supervisor to report its processes ready');
    const url = /running on (http:\/\/\S+)/.exec(banner)?.[1];
    expect(url, banner).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const first = childrenOf(supervisor.process.pid!);
    expect(first.filter(isApi)).toHaveLength(2);
    expect(first.filter((child) => child.args.join(' ').includes('--roles worker'))).toHaveLength(1);

    // The port hands connections to both processes in turn; /metrics answers the sum of both (each process alone
    // would have counted about half). Asked twice, so the two answers come from both processes.
    expect(await askReady(url!, 40)).toEqual(Array(40).fill(200));
    expect(readyCount((await get(`${url}/metrics`)).body)).toBe(40);
    expect(readyCount((await get(`${url}/metrics`)).body)).toBe(40);

    // One API process killed outright: the other keeps answering, and the supervisor starts a replacement.
    const victim = first.filter(isApi)[0]!.pid;
    process.kill(victim, 'SIGKILL');
    await waitUntil(() => supervisor.out.some((line) => line.includes(`process ${victim} stopped`)), 'the supervisor to see the killed process');
    expect(await askReady(url!, 10)).toEqual(Array(10).fill(200));
    const replaced = await waitUntil(() => {
      const api = childrenOf(supervisor.process.pid!).filter(isApi);
      return api.length === 2 && !api.some((child) => child.pid === victim) && supervisor.out.filter((line) => / ready on /.test(line)).length >= 3 && api;
    }, 'a replacement API process');
    expect(replaced.map((child) => child.pid)).not.toContain(victim);
    expect(await askReady(url!, 10)).toEqual(Array(10).fill(200));

    // SIGTERM: every process closes and the supervisor exits cleanly. (Only Tasdeed's own processes: tsx's esbuild
    // service is a child too and ends on its own once its pipe closes.)
    const everyone = childrenOf(supervisor.process.pid!).filter((child) => child.args.includes('--roles')).map((child) => child.pid);
    expect(everyone).toHaveLength(3);
    supervisor.process.kill('SIGTERM');
    const [code] = await once(supervisor.process, 'exit') as [number | null];
    expect(code).toBe(0);
    expect(everyone.filter(alive)).toEqual([]);
  });

  it('refuses PGlite, with a message in English and Arabic, and starts nothing', async () => {
    const refused = serve(['--processes', '2', '--port', '0', '--host', '127.0.0.1'], { DATABASE_URL: undefined, TASDEED_DATA_DIR: 'memory://' });
    const [code] = await once(refused.process, 'exit') as [number | null];
    expect(code).toBe(1);
    expect(refused.out.join('\n')).toMatch(/--processes needs DATABASE_URL.*يحتاج/);
  });
});
