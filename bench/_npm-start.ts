// `npm start` as a person runs it (build the portal only if stale, then `tasdeed serve --demo`), in a process group of
// its own, on a free port and a data directory of the benchmark's, for bench/portal.ts and bench/start.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StartedPortal {
  url: string;
  /** Seconds from spawning `npm start` until `GET /` answered 200. */
  secondsToPortal: number;
  /** Whether this start rebuilt the portal (build-web-if-stale.mjs said so). */
  rebuilt: boolean;
  output: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One GET on a connection of its own: the status, or 0 when nothing answers yet. */
export function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    request.on('error', () => resolve(0));
  });
}

/** Starts `npm start` with `dataDir` and waits (polling every 50 ms, bounded by `limitSeconds`) for the portal. */
export async function npmStart(dataDir: string, limitSeconds = 600): Promise<StartedPortal> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn('npm', ['start', '--silent', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TASDEED_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));

  // One SIGTERM to the server itself, which then closes its database cleanly; npm and tsx end with it. (Signalling
  // the whole group hands the server a second SIGTERM from tsx while it closes, which ends it before PGlite has
  // written its files, and the next start from that data directory aborts.)
  const stop = async () => {
    if (!exited && child.pid) {
      const server = serverPid(child.pid);
      try {
        process.kill(server ?? -child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killLater = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 20_000);
      await exit;
      clearTimeout(killLater);
    }
  };

  for (;;) {
    if (exited) throw new Error(`npm start ended before the portal answered:\n${text}`);
    if ((await statusOf(`${url}/`)) === 200) break;
    if (Number(process.hrtime.bigint() - started) / 1e9 > limitSeconds) {
      await stop();
      throw new Error(`the portal did not answer within ${limitSeconds} s:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const secondsToPortal = Number(process.hrtime.bigint() - started) / 1e9;
  return { url, secondsToPortal, rebuilt: text.includes('Building the portal'), output: () => text, stop };
}

/** The process of the group that runs `src/main.ts serve` and has no child doing the same (tsx runs it in a child). */
function serverPid(groupId: number): number | undefined {
  const listing = spawnSync('ps', ['-o', 'pid=,ppid=,args=', '-g', String(groupId)], { encoding: 'utf8' }).stdout ?? '';
  const rows = listing.split('\n').map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)).filter((m) => m !== null).map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const serving = rows.filter((row) => row.args.includes('src/main.ts') && row.args.includes('serve'));
  return serving.find((row) => !serving.some((other) => other.ppid === row.pid))?.pid;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
