// Starting Tasdeed: open the database, migrate, seed the demo when empty, start simulators (demo), the API and
// the workers. Used by `tasdeed serve`, `npm start` and the end-to-end tests.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config, type RawConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { migrateForServing } from './db/serving-role.js';
import { isEmpty, seedDemo } from './db/seed/index.js';
import { buildApp, type AppDeps } from './http/app.js';
import { systemClock, type Clock } from './platform/clock.js';
import { startDemoSimulators, type RunningSimulator } from './dev/demo.js';
import { startWorkers } from './workers/index.js';
import { stopInTurn, type StopOutcome, type StopPart } from './platform/bounded-stop.js';
import { refuseDemoOnSharedDatabase, settleSecret } from './server-secret.js';

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /**
   * A database already open, used instead of opening one (the browser tests hand each file's server a demo database
   * the previous file's server gave back); closed with the server, like one opened here.
   */
  database?: DatabaseHandle;
  databaseUrl?: string;
  demo?: boolean;
  roles?: ('api' | 'worker')[];
  clock?: Clock;
  config?: Partial<RawConfig>;
  log?: (line: string) => void;
}

export interface RunningTasdeed {
  url: string;
  app?: FastifyInstance;
  deps: AppDeps;
  simulators: RunningSimulator[];
  /** Stops everything, each part bounded by SHUTDOWN_GRACE_SECONDS; says which parts did not end in time. */
  close(): Promise<StopOutcome>;
}

export async function startTasdeed(options: StartOptions = {}): Promise<RunningTasdeed> {
  const log = options.log ?? (() => undefined);
  const config: Config = loadConfig(process.env, {
    ...options.config,
    ...(options.port !== undefined ? { PORT: options.port } : {}),
    ...(options.dataDir ? { TASDEED_DATA_DIR: options.dataDir } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const roles = options.roles ?? ['api', 'worker'];
  const host = options.host ?? config.HOST;
  // Refused before anything opens; the demo's own secret is read or made once PGlite has made its folder.
  await settleSecret(config, { host, demo: false, listens: roles.includes('api') && !options.demo });
  if (options.demo) refuseDemoOnSharedDatabase(config);
  const database: DatabaseHandle = options.database ?? await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.TASDEED_DATA_DIR });
  const clock = options.clock ?? systemClock;
  // Closed in this order: stop taking requests, finish background work, stop simulators, close the database.
  let app: FastifyInstance | undefined;
  let workers: StopPart[] = [];
  let simulators: RunningSimulator[] = [];
  const close = once(() => stopInTurn([
    ...(app ? [{ name: 'HTTP server', stop: () => app!.close() }] : []),
    ...workers,
    ...simulators.map((simulator) => ({ name: `${simulator.name} simulator`, stop: () => simulator.close() })),
    { name: 'database', stop: () => database.close() },
  ], config.SHUTDOWN_GRACE_SECONDS * 1000, log));
  try {
    if (options.demo) await settleSecret(config, { host, demo: true, listens: roles.includes('api') });
    await migrateForServing(database, config.MIGRATION_DATABASE_URL);
    const ctx = { db: database.db, clock, config };
    if (options.demo && (await isEmpty(ctx))) {
      log('empty database: seeding the demo data set');
      await seedDemo(ctx, { log });
    }
    const services: Record<string, unknown> = {};
    simulators = options.demo ? await startDemoSimulators(config, services) : [];
    const deps: AppDeps = { config, database, clock, services };
    let url = '';
    if (roles.includes('api')) {
      app = await buildApp(deps);
      await app.listen({ port: config.PORT, host });
      const address = app.server.address() as AddressInfo;
      url = `http://${address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address}:${address.port}`;
      if (!options.config?.PUBLIC_URL && !process.env.PUBLIC_URL) config.publicUrl = url;
    }
    if (roles.includes('worker')) workers = await startWorkers(deps, log);
    return { url, app, deps, simulators, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function once<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => (running ??= work());
}
