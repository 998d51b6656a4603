// `tasdeed serve --processes N`: a supervisor that migrates once, then runs N API processes sharing one port
// (node:cluster hands each accepted connection to the next process) and the background workers in a process of
// their own. The outbox, the schedules and the bill runs are already safe with several processes on one database
// (row claims and scheduled_jobs, test/cluster/two-processes.test.ts), so every process may run them.
//
// A process that dies after it was ready is started again (the others keep serving meanwhile); one that dies before
// it was ever ready is a start-up failure (bad configuration, no database), which stops everything with exit code 1
// rather than restarting in a loop. SIGTERM or SIGINT closes every process cleanly, then the supervisor exits.
import cluster, { type Worker } from 'node:cluster';
import { loadConfig, ConfigError } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrateForServing } from '../db/serving-role.js';
import { acceptMetricsRequests } from '../http/metrics-cluster.js';
import type { StopOutcome } from '../platform/bounded-stop.js';

type Role = 'api' | 'worker';

export interface SupervisorOptions {
  processes: number;
  roles: Role[];
  port?: number;
  host?: string;
  log: (line: string) => void;
}

/** What a child tells the supervisor once it serves. */
export interface ReadyMessage { tasdeed: 'ready'; url: string }

const RESTART_DELAY_MS = 1_000;
const RESTART_DELAY_MAX_MS = 30_000;

export async function runSupervisor(options: SupervisorOptions): Promise<{ url: string; close(): Promise<StopOutcome> }> {
  const config = loadConfig(process.env, options.port !== undefined ? { PORT: options.port } : {});
  if (!config.DATABASE_URL) {
    throw new ConfigError('--processes needs DATABASE_URL (PostgreSQL): PGlite is the database of one process / --processes يحتاج DATABASE_URL (PostgreSQL)');
  }
  // Once, here, so N processes do not race to migrate; each child then finds nothing to do.
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
  try {
    await migrateForServing(database, config.MIGRATION_DATABASE_URL);
  } finally {
    await database.close();
  }
  acceptMetricsRequests();

  const plans: { role: Role; args: string[] }[] = [];
  const host = options.host ?? config.HOST;
  if (options.roles.includes('api')) {
    for (let n = 0; n < options.processes; n++) plans.push({ role: 'api', args: ['serve', '--roles', 'api', '--port', String(config.PORT), '--host', host] });
  }
  if (options.roles.includes('worker')) plans.push({ role: 'worker', args: ['serve', '--roles', 'worker'] });

  let stopping = false;
  let failStart: (error: Error) => void = () => undefined;
  const startFailed = new Promise<never>((_, reject) => { failStart = reject; });
  startFailed.catch(() => undefined);
  const running = new Set<Worker>();

  const start = (plan: { role: Role; args: string[] }, delay: number, everReady: boolean): Promise<string> => {
    cluster.setupPrimary({ args: plan.args });
    const child = cluster.fork();
    running.add(child);
    let ready = false;
    const startedAt = Date.now();
    return new Promise<string>((resolve) => {
      child.on('message', (message: ReadyMessage) => {
        if (message?.tasdeed !== 'ready') return;
        ready = true;
        resolve(message.url);
      });
      child.on('exit', (code, signal) => {
        running.delete(child);
        if (stopping) return;
        if (!ready && !everReady) {
          failStart(new Error(`the ${plan.role} process ${child.process.pid} stopped while starting (${signal ?? `exit code ${code}`})`));
          return;
        }
        // Crashing again soon after a restart: wait longer each time, up to half a minute.
        const next = Date.now() - startedAt < RESTART_DELAY_MAX_MS ? Math.min(delay * 2, RESTART_DELAY_MAX_MS) : RESTART_DELAY_MS;
        options.log(`the ${plan.role} process ${child.process.pid} stopped (${signal ?? `exit code ${code}`}): starting another in ${delay} ms`);
        setTimeout(() => { if (!stopping) void start(plan, next, true); }, delay).unref();
      });
    });
  };

  // Each child bounds its own stop (SHUTDOWN_GRACE_SECONDS) and exits 1 when it had to leave a part behind: the
  // supervisor then names it and exits 1 too, so whoever stopped it learns that the stop was not clean.
  const close = async (): Promise<StopOutcome> => {
    stopping = true;
    const exits = [...running].map((child) => new Promise<string | undefined>((resolve) => {
      const verdict = () => (child.process.exitCode === 0 ? undefined : `process ${child.process.pid} (${child.process.signalCode ?? `exit code ${child.process.exitCode}`})`);
      if (child.isDead()) resolve(verdict());
      else child.once('exit', () => resolve(verdict()));
    }));
    for (const child of running) child.process.kill('SIGTERM');
    const unfinished = (await Promise.all(exits)).filter((name): name is string => name !== undefined);
    for (const name of unfinished) options.log(`stop: ${name} did not stop cleanly`);
    return { unfinished };
  };

  try {
    const urls = await Promise.race([Promise.all(plans.map((plan) => start(plan, RESTART_DELAY_MS, false))), startFailed]);
    return { url: urls.find((u) => u !== '') ?? '', close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** In a child of the supervisor: tell it this process serves. */
export function reportReady(url: string): void {
  if (cluster.isWorker && process.send) process.send({ tasdeed: 'ready', url } satisfies ReadyMessage);
}
