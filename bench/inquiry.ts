// `npm run bench -- inquiry [--duration 10] [--connections 32] [--pool 10] [--limit-clients 16]`
//
// The dues inquiry over HTTP: GET /api/v1/dues?civilId=… with autocannon on loopback, rotating over 200 seeded
// people who each owe an electricity bill, a water bill and a traffic fine (each look-up audited, as in
// production), against the real server in a child process (bench/_payments-server.ts) on a PostgreSQL database of
// its own (created from BENCH_DATABASE_URL, else DATABASE_URL, and dropped at the end).
// The physical limit, measured in the same run on the same database (bench/_limit.ts): the index select of a civil
// ID's open payables — ONE prepared statement from `--limit-clients` plain clients (pgbench -M prepared when
// installed), over 200 civil IDs with the same three payables each. The last line is one JSON object.
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { measurePhysicalLimit } from './_limit.js';
import { option, prepareDatabase, sqlValue, startServer, summarise, type LoadResult } from './payments.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const LIMIT_PEOPLE = 200;

export async function run(args: string[]): Promise<void> {
  const duration = option(args, 'duration', 10);
  const connections = option(args, 'connections', 32);
  const poolSize = option(args, 'pool', 10);
  const limitClients = option(args, 'limit-clients', 16);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(adminUrl, 'tasdeed_bench_');
  let server: ChildProcess | undefined;
  try {
    // A few thousand other open bills, so the payables table is not trivially small.
    const people = await prepareDatabase(scratch.url, 5000);
    // The limit's civil IDs: computed by pgbench from a number, each with the same three open payables.
    await sqlValue(scratch.url, `SELECT count(*) FROM payables WHERE civil_id LIKE '29%'`, [], `
      INSERT INTO payables (id, biller_code, kind, source_id, reference, civil_id, account_number, plate, currency, amount, amount_paid, status,
        issued_on, due_date, description_ar, description_en, allows_partial_payment, min_partial_amount, payable_online)
      SELECT 'pbl_limit' || n || '_' || k, b.code, b.kind, 'limit-' || n || '-' || k, b.prefix || lpad(n::text, 7, '0'), (290000000000 + n)::text,
        CASE WHEN b.kind = 'bill' THEN (5000000000 + n * 3 + k)::text END, CASE WHEN b.kind = 'fine' THEN '2-' || n END,
        'KWD', 2000 + k * 10000, 0, 'open', '2026-10-28', ('2026-11-2' || k)::date, 'مستحق', 'Due', b.kind = 'bill', 1000, true
      FROM generate_series(1, ${LIMIT_PEOPLE}) n
      CROSS JOIN (VALUES (1, 'mew-electricity', 'bill', 'EB-'), (2, 'mew-water', 'bill', 'WB-'), (3, 'moi-traffic', 'fine', 'TV-')) AS b(k, code, kind, prefix);
      ANALYZE payables`);
    log(`database ${scratch.name}: ${people.length} people owing three payables each`);
    const started = await startServer(scratch.url, poolSize);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;

    log(`inquiry: ${connections} connections, ${duration} s`);
    const warm = await inquiryLoad(base, people, connections, 2); // warm-up: JIT, pool, caches
    const load1 = loadavg()[0]!;
    const inquiry = await inquiryLoad(base, people, connections, duration);
    log(`  ${inquiry.perSecond}/s, p50 ${inquiry.p50} ms, p99 ${inquiry.p99} ms, non-2xx ${inquiry.non2xx}, errors ${inquiry.errors}`);
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
    server = undefined;
    const audited = Number(await sqlValue(scratch.url, `SELECT count(*) FROM audit_log WHERE action = 'dues.inquiry'`));
    log(`  audit lines written: ${audited}`);

    log(`physical limit: select of open payables by civil ID, ${limitClients} clients, prepared, ${duration} s`);
    const limit = await measurePhysicalLimit(scratch.url, {
      sets: [`\\set n random(1, ${LIMIT_PEOPLE})`],
      statement: `SELECT * FROM payables WHERE civil_id = (290000000000 + :n)::text AND status IN ('open', 'partially_paid') ORDER BY due_date, created_at, id LIMIT 200`,
      vars: () => ({ n: 1 + Math.floor(Math.random() * LIMIT_PEOPLE) }),
    }, { clients: limitClients, seconds: duration });
    log(`  ${limit.perSecond}/s by ${limit.method}`);

    console.log(JSON.stringify({
      scenario: 'inquiry',
      database: 'postgres',
      cores: cpus().length,
      serverProcesses: Number(process.env.BENCH_PROCESSES ?? 1),
      loadAverage1m: round(load1, 1),
      durationSeconds: duration,
      inquiryPerSecond: inquiry.perSecond,
      inquiryP50Ms: inquiry.p50,
      inquiryP99Ms: inquiry.p99,
      limitInquiryPerSecond: limit.perSecond,
      limitLatencyMs: limit.latencyMs,
      limitMethod: limit.method,
      limitClients,
      inquiryRatio: round(inquiry.perSecond / limit.perSecond, 3),
      inquiryErrors: inquiry.non2xx + inquiry.errors,
      answered2xx: inquiry.ok,
      auditLines: audited,
      everyInquiryAudited: audited >= warm.ok + inquiry.ok,
      connections,
      pool: poolSize,
      channel: 'anonymous GET /api/v1/dues?civilId=…',
    }));
  } finally {
    server?.kill('SIGKILL');
    await scratch.drop();
  }
}

async function inquiryLoad(base: string, people: { civilId: string }[], connections: number, duration: number): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: base, connections, duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/dues?civilId=${people[i++ % people.length]!.civilId}` }) }],
  });
  return summarise(result);
}
