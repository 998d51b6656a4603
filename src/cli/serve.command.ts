import cluster from 'node:cluster';
import type { Command } from 'commander';
import { startTasdeed } from '../server.js';
import { ConfigError } from '../config.js';
import type { StopOutcome } from '../platform/bounded-stop.js';
import { reportFailure } from './shared.js';
import { reportReady, runSupervisor } from './serve-processes.js';
import { DEMO_PASSWORD, DEMO_STAFF } from '../db/seed/demo-accounts.js';
import { demoPeople } from '../db/seed/foundation.seed.js';

export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('Run Tasdeed: the API and web portal, and the background workers (outbox, schedules)')
    .option('--port <n>', 'port to listen on (PORT)', (v) => Number(v))
    .option('--host <host>', 'address to listen on (HOST, default 0.0.0.0)')
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set (default ./data)')
    .option('--roles <roles>', 'which roles this process runs: api, worker, or api,worker', 'api,worker')
    .option('--demo', 'seed demo data when the database is empty and start the KNET, SMS and mail simulators in-process')
    .option('--processes <n>', 'run N API processes sharing the port, and the workers in a process of their own (PostgreSQL only)', (v) => Number(v))
    .action(async (options: { port?: number; host?: string; dataDir?: string; roles: string; demo?: boolean; processes?: number }) => {
      const roles = options.roles.split(',').map((r) => r.trim()).filter((r): r is 'api' | 'worker' => r === 'api' || r === 'worker');
      try {
        if (options.processes !== undefined) {
          await superviseProcesses(options.processes, roles, options);
          return;
        }
        const running = await startTasdeed({ port: options.port, host: options.host, dataDir: options.dataDir, demo: options.demo, roles, log: (line) => console.log(line) });
        if (cluster.isWorker) {
          console.log(`${roles.join(',')} process ${process.pid} ready${running.url ? ` on ${running.url}` : ''}`);
          reportReady(running.url);
        } else {
          printBanner(running.url, running.deps.database.kind, options.demo === true, running.simulators.map((s) => s.describe));
        }
        const shutdown = closeOnSignals(running.close, 'closing');
        // A supervisor killed outright: its processes do not live on holding the port.
        if (cluster.isWorker) process.once('disconnect', () => void shutdown('supervisor gone'));
      } catch (error) {
        reportFailure(error);
        process.exit(1);
      }
    });
}

async function superviseProcesses(processes: number, roles: ('api' | 'worker')[], options: { port?: number; host?: string; demo?: boolean }): Promise<void> {
  if (!Number.isInteger(processes) || processes < 1 || processes > 64) throw new ConfigError('--processes must be a whole number from 1 to 64 / --processes عدد صحيح من 1 إلى 64');
  // The demo's simulators and PGlite live inside one process.
  if (options.demo) throw new ConfigError('--processes cannot run the demo: use it with DATABASE_URL, without --demo / لا يعمل --processes مع --demo');
  const supervisor = await runSupervisor({ processes, roles, port: options.port, host: options.host, log: (line) => console.log(line) });
  console.log(`Tasdeed is running on ${supervisor.url || '(worker only)'}  (database: postgres, ${roles.includes('api') ? processes : 0} API processes${roles.includes('worker') ? ' and a worker process' : ''})`);
  closeOnSignals(supervisor.close, 'closing every process');
}

/**
 * SIGINT and SIGTERM run `close` once, then exit: 0 when everything stopped, 1 when some part had to be left behind
 * (named in the log). Returns the same shutdown for other reasons to stop.
 */
function closeOnSignals(close: () => Promise<StopOutcome | void>, saying: string): (reason: string) => Promise<void> {
  const shutdown = async (reason: string) => {
    console.log(`${reason}: ${saying}`);
    const outcome = await close();
    process.exit(outcome && outcome.unfinished.length > 0 ? 1 : 0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return shutdown;
}

function printBanner(url: string, database: string, demo: boolean, simulators: string[]): void {
  const lines = [`Tasdeed is running on ${url || '(worker only)'}  (database: ${database})`];
  if (url) lines.push(`  portal:  ${url}/`, `  API docs: ${url}/docs`);
  if (demo) {
    const citizen = demoPeople(1)[0]!;
    lines.push('', 'Demo sign-ins (password for all: ' + DEMO_PASSWORD + '):', `  citizen civil ID ${citizen.civilId} (${citizen.nameEn})`);
    for (const staff of DEMO_STAFF) lines.push(`  staff ${staff.username} (${staff.role}) at ${url}/staff`);
    for (const line of simulators) lines.push(`  ${line}`);
  }
  console.log(lines.join('\n'));
}
