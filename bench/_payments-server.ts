// The server under test for `bench/payments.ts`, in a process of its own so the load generator does not share its
// event loop: the real app (buildApp) on loopback over the benchmark's PostgreSQL database. Prints {"port":…}.
// BENCH_PROCESSES=N: N such processes share the port through node:cluster, as `tasdeed serve --processes N` runs them.
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { buildApp } from '../src/http/app.js';
import { systemClock } from '../src/platform/clock.js';

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_DATABASE_URL is required');
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
// Rate limits stay on (their cost is part of every request) but high enough for one client sending thousands a second.
const config = loadConfig({}, { LOG_LEVEL: 'silent', NODE_ENV: 'production', TASDEED_SECRET: process.env.BENCH_SECRET!, DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: 100_000_000, INQUIRY_RATE_LIMIT_PER_MINUTE: 100_000_000 });
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
if (processes > 1 && cluster.isPrimary) {
  for (let n = 0; n < processes; n++) cluster.fork();
  // The port is told once every process listens, so the load reaches all of them from the start.
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === processes) process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
  });
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.on('exit', () => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  await serve();
}

async function serve(): Promise<void> {
  const database = await openDatabase({ databaseUrl, poolSize });
  const app = await buildApp({ config, database, clock: systemClock, services: {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  if (!cluster.isWorker) process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port })}\n`);

  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
}
