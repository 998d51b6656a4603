import type { Command } from 'commander';
import { startTasdeed } from '../server.js';
import { reportFailure } from './shared.js';
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
    .action(async (options: { port?: number; host?: string; dataDir?: string; roles: string; demo?: boolean }) => {
      const roles = options.roles.split(',').map((r) => r.trim()).filter((r): r is 'api' | 'worker' => r === 'api' || r === 'worker');
      try {
        const running = await startTasdeed({ port: options.port, host: options.host, dataDir: options.dataDir, demo: options.demo, roles, log: (line) => console.log(line) });
        printBanner(running.url, running.deps.database.kind, options.demo === true, running.simulators.map((s) => s.describe));
        const shutdown = async (signal: string) => {
          console.log(`${signal}: closing`);
          await running.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void shutdown('SIGINT'));
        process.once('SIGTERM', () => void shutdown('SIGTERM'));
      } catch (error) {
        reportFailure(error);
        process.exit(1);
      }
    });
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
