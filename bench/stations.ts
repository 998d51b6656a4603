// `npm run bench -- stations [--dispenses 64] [--reports-per-dispense 100] [--connections 16] [--pool 10]`
//
// Station terminals reporting metered gallons, over HTTP on loopback, against PostgreSQL, in a database of its own
// (created from BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres, and dropped
// at the end). The server runs in a child process (bench/_payments-server.ts: the real app) so the load generator
// does not share its event loop. A bounded count, not a duration:
//   1. set-up (not measured): operators with a truck and a paid, credited top-up each; one station for the demo
//      terminal; `--dispenses` authorised over the signed protocol (a hold on each wallet);
//   2. reports: `--connections` terminals each own some of those dispenses and send, one after the other, signed
//      POST /api/v1/prepaid/dispenses/:id/reports with increasing sequence numbers and gallons, until every
//      dispense has `--reports-per-dispense` reports. Each request's time is measured on the client;
//   3. the limit: the same number of reports as one minimal SQL statement each (the guarded UPDATE of the dispense
//      row that a report is), from as many plain pg clients as the server's pool, on dispenses of their own.
// Then every dispense is settled over HTTP and the run checks what was written: each dispense has its last
// sequence and gallons, the charges equal the price of the gallons, and the ledger balances.
// The last line is one JSON object with the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { apiClients } from '../src/db/schema/index.js';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { DEMO_API_CLIENTS } from '../src/db/seed/demo-accounts.js';
import { seedFoundation } from '../src/db/seed/foundation.seed.js';
import { signRequest } from '../src/modules/identity/index.js';
import { postDirectPayment } from '../src/modules/payments/direct-posting.js';
import { DEMO_PRICE_PER_THOUSAND_GALLONS, seedPrepaidReference } from '../src/modules/prepaid/index.js';
import { registerOperator, registerStation, registerTruck } from '../src/modules/prepaid/registry.service.js';
import { creditPaidTopups, requestTopup } from '../src/modules/prepaid/wallet.service.js';
import { systemActor } from '../src/platform/actor.js';
import { systemClock } from '../src/platform/clock.js';

const SECRET = `bench-${randomBytes(16).toString('hex')}`;
const terminal = DEMO_API_CLIENTS.find((c) => c.role === 'station')!;
const GALLONS_PER_REPORT = 10;
const log = (line: string) => process.stderr.write(`${line}\n`);

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

export async function run(args: string[]): Promise<void> {
  const dispenses = option(args, 'dispenses', 64);
  const reportsPerDispense = option(args, 'reports-per-dispense', 100);
  const connections = Math.min(option(args, 'connections', 16), dispenses);
  const poolSize = option(args, 'pool', 10);
  if (reportsPerDispense * GALLONS_PER_REPORT > 20_000) throw new Error('--reports-per-dispense above 2000 would exceed the largest tank');
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(adminUrl, 'tasdeed_bench_');
  let server: ChildProcess | undefined;
  try {
    const { stationId } = await prepareDatabase(scratch.url, dispenses * 2, reportsPerDispense);
    log(`database ${scratch.name}: ${dispenses * 2} operators with a truck and a credited top-up, one station`);
    const started = await startServer(scratch.url, poolSize);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;
    const send = signedSender(base);

    const requested = reportsPerDispense * GALLONS_PER_REPORT;
    const apiIds = Array.from({ length: dispenses }, (_, i) => `API-${i}`);
    const limitIds = Array.from({ length: dispenses }, (_, i) => `SQL-${i}`);
    for (const [i, id] of [...apiIds, ...limitIds].entries()) {
      const answer = await send('POST', '/api/v1/prepaid/dispenses', { dispenseId: id, plate: plateOf(i), nozzle: 1 + (i % 4), requestedGallons: requested });
      if (answer.status !== 201) throw new Error(`authorise ${id}: ${answer.status} ${answer.text}`);
    }
    log(`authorised ${apiIds.length + limitIds.length} dispenses of ${requested} gallons`);

    // A short warm-up (JIT, pool, prepared plans) on the limit's dispenses would change them: warm on a retry
    // instead, which runs the whole request path and writes nothing.
    await send('POST', `/api/v1/prepaid/dispenses/${apiIds[0]}/reports`, { sequence: 1, gallons: GALLONS_PER_REPORT });
    for (let i = 0; i < 200; i++) await send('POST', `/api/v1/prepaid/dispenses/${apiIds[0]}/reports`, { sequence: 1, gallons: GALLONS_PER_REPORT });

    log(`reports: ${connections} terminals, ${dispenses} × ${reportsPerDispense} reports`);
    const api = await reportLoad(apiIds, reportsPerDispense, connections, async (id, sequence) => {
      const answer = await send('POST', `/api/v1/prepaid/dispenses/${id}/reports`, { sequence, gallons: sequence * GALLONS_PER_REPORT });
      if (answer.status !== 200) throw new Error(`report ${id}#${sequence}: ${answer.status} ${answer.text}`);
    }, 2);
    log(`  ${api.perSecond}/s, p50 ${api.p50} ms, p99 ${api.p99} ms`);

    log(`raw SQL limit: ${poolSize} clients, the same ${api.count} reports`);
    const limit = await rawLimit(scratch.url, stationId, limitIds, reportsPerDispense, poolSize);
    log(`  ${limit.perSecond}/s, p50 ${limit.p50} ms, p99 ${limit.p99} ms`);

    for (const id of [...apiIds, ...limitIds]) {
      const answer = await send('POST', `/api/v1/prepaid/dispenses/${id}/settle`, { gallons: requested });
      if (answer.status !== 200) throw new Error(`settle ${id}: ${answer.status} ${answer.text}`);
    }
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
    const check = await verify(scratch.url, reportsPerDispense, requested);
    log(`every dispense at its last sequence: ${check.allReported}; charges right: ${check.chargesRight}; ledger balanced: ${check.balanced}`);

    console.log(JSON.stringify({
      scenario: 'stations',
      database: 'postgres',
      cores: cpus().length,
      reports: api.count,
      reportsPerSecond: api.perSecond,
      p50Ms: api.p50,
      p99Ms: api.p99,
      limitReportsPerSecond: limit.perSecond,
      limitP99Ms: limit.p99,
      ratio: round(api.perSecond / limit.perSecond, 3),
      dispenses,
      reportsPerDispense,
      connections,
      pool: poolSize,
      allReported: check.allReported,
      chargesRight: check.chargesRight,
      ledgerBalanced: check.balanced,
      channel: 'station terminal (HMAC-signed POST /api/v1/prepaid/dispenses/:id/reports)',
    }));
  } finally {
    server?.kill('SIGKILL');
    await scratch.drop();
  }
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const plateOf = (i: number) => `50/${10000 + i}`;

/** Migrates; seeds the foundation (the demo terminal's API client), the prepaid price, a station, operators and wallets. */
async function prepareDatabase(databaseUrl: string, operators: number, reportsPerDispense: number): Promise<{ stationId: string }> {
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    await migrateDatabase(database);
    const ctx = { db: database.db, clock: systemClock, config: loadConfig({}, { LOG_LEVEL: 'silent', TASDEED_SECRET: SECRET }) };
    await seedFoundation(ctx, { people: 5 });
    await seedPrepaidReference(ctx);
    const admin = systemActor('bench.stations');
    const [client] = await ctx.db.select().from(apiClients).where(eq(apiClients.keyId, terminal.keyId));
    const station = await registerStation(ctx, admin, {
      code: 'BENCH-01', nameAr: 'محطة القياس', nameEn: 'Bench station', latitude: 29.3, longitude: 47.9, nozzles: 4, opensAt: '00:00', closesAt: '00:00', terminalClientId: client!.id,
    });
    const bank = { kind: 'client', id: 'cli_bench_bank', role: 'bank', name: 'Bench bank' } as const;
    // Each wallet holds what its dispense needs and a margin: the authorise must never be refused for balance.
    const topupKd = String(Math.ceil(Number(DEMO_PRICE_PER_THOUSAND_GALLONS) * reportsPerDispense * GALLONS_PER_REPORT / 1_000_000) + 1);
    for (let i = 0; i < operators; i++) {
      const operator = await registerOperator(ctx, admin, { kind: 'company', commercialRegistration: String(700000 + i), nameAr: `شركة ${i}`, nameEn: `Bench tankers ${i}` });
      await registerTruck(ctx, admin, operator.id, { plate: plateOf(i), tankCapacityGallons: 20_000 });
      const { topup, payable } = await requestTopup(ctx, admin, operator.id, `${topupKd}.000`);
      await postDirectPayment(ctx, bank, { channel: 'bank', externalId: `bench-${topup.id}`, items: [{ payableId: payable.id, amount: topup.amount }], currency: 'KWD' });
    }
    await creditPaidTopups(ctx);
    return { stationId: station.id };
  } finally {
    await database.close();
  }
}

async function startServer(databaseUrl: string, poolSize: number): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL('./_payments-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_POOL_SIZE: String(poolSize), BENCH_SECRET: SECRET, KNET_BASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port };
}

/** Signed requests of the demo terminal, as a real one sends them (fetch keeps its connections alive). */
function signedSender(base: string) {
  return async (method: 'POST', path: string, body: object): Promise<{ status: number; text: string }> => {
    const text = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${base}${path}`, {
      method, body: text,
      headers: { 'content-type': 'application/json', 'x-tasdeed-key': terminal.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(terminal.secret, method, path, timestamp, text) },
    });
    return { status: response.status, text: await response.text() };
  };
}

interface LoadResult { count: number; perSecond: number; p50: number; p99: number }

/**
 * `workers` terminals, each owning every `workers`-th dispense and sending its reports in sequence order (a
 * dispense's reports never overtake each other, as on a real meter). Each report's time is kept for percentiles.
 */
async function reportLoad(ids: string[], reportsPerDispense: number, workers: number, report: (id: string, sequence: number, worker: number) => Promise<void>, firstSequence = 1): Promise<LoadResult> {
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    const mine = ids.filter((_, i) => i % workers === w);
    for (let sequence = firstSequence; sequence <= reportsPerDispense; sequence++) {
      for (const id of mine) {
        const t0 = performance.now();
        await report(id, sequence, w);
        times.push(performance.now() - t0);
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => round(times[Math.max(0, Math.ceil(q * times.length) - 1)]!, 1);
  return { count: times.length, perSecond: Math.round(times.length / seconds), p50: at(0.5), p99: at(0.99) };
}

/** The same reports as the one guarded UPDATE each is, from `clients` plain pg connections. */
async function rawLimit(databaseUrl: string, stationId: string, ids: string[], reportsPerDispense: number, clients: number): Promise<LoadResult> {
  const connections = await Promise.all(Array.from({ length: clients }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  try {
    return await reportLoad(ids, reportsPerDispense, clients, async (id, sequence, worker) => {
      const updated = await connections[worker]!.query(`UPDATE prepaid_dispenses SET status = 'dispensing', dispensed_gallons = $3, last_sequence = $4, last_report_at = now()
        WHERE station_id = $1 AND terminal_dispense_id = $2 AND status <> 'settled' AND last_sequence < $4 AND dispensed_gallons <= $3 AND requested_gallons >= $3`,
      [stationId, id, sequence * GALLONS_PER_REPORT, sequence]);
      if (updated.rowCount !== 1) throw new Error(`raw report ${id}#${sequence} updated ${updated.rowCount} rows`);
    }, 2);
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}

async function verify(databaseUrl: string, reportsPerDispense: number, gallons: number): Promise<{ allReported: boolean; chargesRight: boolean; balanced: boolean }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query(`SELECT last_sequence, dispensed_gallons, charged_amount::text AS charged, status FROM prepaid_dispenses`)).rows as Array<{ last_sequence: number; dispensed_gallons: number; charged: string; status: string }>;
    const charge = String((BigInt(gallons) * DEMO_PRICE_PER_THOUSAND_GALLONS + 500n) / 1000n);
    const unbalanced = Number((await client.query(`SELECT count(*) AS n FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0) u`)).rows[0].n);
    const total = (await client.query(`SELECT coalesce(sum(amount), 0)::text AS t FROM ledger_entries`)).rows[0].t;
    return {
      allReported: rows.length > 0 && rows.every((r) => r.last_sequence === reportsPerDispense && r.dispensed_gallons === gallons && r.status === 'settled'),
      chargesRight: rows.every((r) => r.charged === charge),
      balanced: unbalanced === 0 && total === '0',
    };
  } finally {
    await client.end();
  }
}
