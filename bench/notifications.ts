// `npm run bench -- notifications [--events 5000] [--paced 5000] [--rate 500] [--people 2000] [--concurrency 256]
// [--window 64] [--receipt-delay-ms 500]`: SMS through the real outbox, dispatcher, SMPP client and the in-process
// SMS centre simulator, on PostgreSQL (DATABASE_URL; the run creates a database of its own and drops it).
//
//  1. burst: `--events` bill.issued events are committed (one transaction each) while no worker runs; then the
//     dispatcher starts and the figure is how fast the SMS centre receives them all: smsPerSecond.
//  2. paced: with the dispatcher running and LISTENing, `--paced` events are committed at `--rate` a second by
//     several writers; for each, commit → the SMS centre's receipt of its submit_sm (last segment): p50 / p99.
//  3. limit: the same SMPP client sends the same texts straight to the simulator, no database: the machine's
//     ceiling for this path, so smsPerSecond can be read as a ratio.
// Every event goes to a person with one phone and no email (SMS only), 3 in 4 in Arabic: real templates, so most
// messages are 2–3 UCS-2 segments. Delivery receipts flow back as in production. Last line: the JSON figures.
import { cpus, loadavg } from 'node:os';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { createScratchDatabase } from '../src/db/scratch-database.js';
import { people, personPhones } from '../src/db/schema/index.js';
import { startSmscSimulator, SMSC_DEMO_CREDENTIALS, type SmscSimulator } from '../src/dev/smsc/smsc.simulator.js';
import { systemClock } from '../src/platform/clock.js';
import { inTransaction, type Ctx } from '../src/platform/context.js';
import { newId } from '../src/shared/ids.js';
import { emitEvent } from '../src/platform/outbox.js';
import { startDispatcher } from '../src/modules/notifications/dispatcher.js';
import { listenForOutbox } from '../src/modules/notifications/notifications.worker.js';
import { createReceiptRecorder } from '../src/modules/notifications/receipts.js';
import { createSmppSender, type SmppSender } from '../src/modules/notifications/sms/smpp.client.js';
import { ensureDefaultTemplates } from '../src/modules/notifications/templates.service.js';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return value;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function run(args: string[]): Promise<void> {
  const events = option(args, 'events', 5000);
  const paced = option(args, 'paced', 5000);
  const rate = option(args, 'rate', 500);
  const personCount = option(args, 'people', 2000);
  const concurrency = option(args, 'concurrency', 256);
  const windowSize = option(args, 'window', 64);
  const receiptDelayMs = option(args, 'receipt-delay-ms', 500);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the notifications benchmark needs PostgreSQL: set DATABASE_URL (it creates and drops its own database)');

  const target = await createScratchDatabase(url, 'tasdeed_bench_notifications_');
  const database = await openDatabase({ databaseUrl: target.url, poolSize: 24 });
  const writers = await openDatabase({ databaseUrl: target.url, poolSize: 16 });
  const smsc = await startSmscSimulator({ smppPort: 0, httpPort: 0, receiptDelayMs });
  const senders: SmppSender[] = [];
  const newSender = () => {
    const sender = createSmppSender({
      host: '127.0.0.1', port: smsc.smppPort, ...SMSC_DEMO_CREDENTIALS, sourceAddr: 'Tasdeed', windowSize, messagesPerSecond: 100_000,
    });
    senders.push(sender);
    return sender;
  };
  try {
    await migrateDatabase(database);
    const config = loadConfig({}, { LOG_LEVEL: 'silent', NOTIFY_CONCURRENCY: concurrency, NOTIFY_POLL_MS: 200 });
    const ctx: Ctx = { db: database.db, clock: systemClock, config };
    const writerCtx: Ctx = { ...ctx, db: writers.db };
    await ensureDefaultTemplates(ctx);
    const personIds = await seedPeople(database, personCount);
    log(`database ${database.kind}, ${personCount} people, SMS centre on 127.0.0.1:${smsc.smppPort}, receipts after ${receiptDelayMs} ms`);

    // 1. burst
    const burstNumbers = await writeEvents(writerCtx, personIds, 0, events, 16);
    log(`burst: ${events} events committed`);
    const sms = newSender();
    const receipts = createReceiptRecorder(ctx);
    sms.onReceipt((receipt) => receipts.record(receipt));
    await sms.whenBound();
    const dispatcher = startDispatcher({ ctx, transports: { sms } });
    const stopListening = await listenForOutbox(database, () => dispatcher.wake());
    const burstStart = performance.now();
    const firstBurstMessage = smsc.messages().length;
    await waitFor(() => smsc.messages().length - firstBurstMessage >= events, 600_000);
    const burstSeconds = (performance.now() - burstStart) / 1000;
    const smsPerSecond = events / burstSeconds;
    const burstSegments = smsc.messages().slice(firstBurstMessage).reduce((sum, m) => sum + m.segments, 0);
    log(`burst: ${events} SMS (${burstSegments} segments) in ${burstSeconds.toFixed(2)} s → ${smsPerSecond.toFixed(0)} SMS/s`);
    checkOnce(smsc, burstNumbers, firstBurstMessage);

    // 2. paced
    const before = smsc.messages().length;
    const commits = new Map<string, number>();
    const pacedStart = performance.now();
    await writePaced(writerCtx, personIds, events, paced, rate, commits);
    await waitFor(() => smsc.messages().length - before >= paced, 600_000);
    const pacedSeconds = (performance.now() - pacedStart) / 1000;
    const received = smsc.messages().slice(before);
    const latencies = received.map((m) => Date.parse(m.receivedAt) - commits.get(billNumberIn(m.text)!)!).sort((a, b) => a - b);
    const pacedPerSecond = paced / pacedSeconds;
    log(`paced: ${paced} events at ${rate}/s → ${pacedPerSecond.toFixed(0)} SMS/s; commit → submit_sm p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms, max ${latencies.at(-1)} ms`);
    checkOnce(smsc, [...commits.keys()], before);

    await stopListening();
    await dispatcher.stop();
    await receipts.close();
    const outcome = dispatcher.stats();

    // 3. limit: the same texts over the same client, straight to the SMS centre.
    const limit = await measureLimit(newSender(), received.map((m) => ({ to: m.to, text: m.text })), smsc);
    log(`limit: ${limit.messages} SMS straight through SMPP, no database: ${limit.perSecond.toFixed(0)} SMS/s`);

    console.log(JSON.stringify({
      scenario: 'notifications', database: database.kind, cpus: cpus().length, loadAverage1m: round(loadavg()[0]!),
      smsPerSecond: Math.round(smsPerSecond),
      p50CommitToSubmitMs: percentile(latencies, 0.5),
      p99CommitToSubmitMs: percentile(latencies, 0.99),
      maxCommitToSubmitMs: latencies.at(-1),
      pacedRate: rate, pacedSmsPerSecond: Math.round(pacedPerSecond),
      limitSmsPerSecond: Math.round(limit.perSecond), ratio: round(smsPerSecond / limit.perSecond, 2),
      segmentsPerSms: round(burstSegments / events, 2), events, paced, concurrency, window: windowSize, receiptDelayMs,
      sent: outcome.sent, failed: outcome.failed, dead: outcome.dead,
    }));
  } finally {
    for (const sender of senders) await sender.close().catch(() => undefined);
    await smsc.close();
    await writers.close();
    await database.close();
    await target.drop();
  }
}

async function seedPeople(database: DatabaseHandle, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, k) => start + k);
    const rows = batch.map((i) => ({
      id: newId('per'), civilId: `9${String(i).padStart(11, '0')}`, // unique, never shown: no check digit needed here
      nameAr: `مواطن ${i}`, nameEn: `Citizen ${i}`, preferredLanguage: i % 4 === 3 ? 'en' : 'ar',
    }));
    await database.db.insert(people).values(rows);
    await database.db.insert(personPhones).values(rows.map((row, k) => ({ id: newId('phn'), personId: row.id, phone: `+9655${String(1_000_000 + start + k).padStart(7, '0')}`, isPrimary: true })));
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

const billNumber = (n: number) => `EB-2026-11-${String(n).padStart(7, '0')}`;
const billNumberIn = (text: string) => /EB-2026-11-\d{7}/.exec(text)?.[0];

function payload(personId: string, n: number) {
  return {
    personId, payableId: `pbl_${n}`, billId: `bill_${n}`,
    vars: {
      billNumber: billNumber(n), billerAr: 'وزارة الكهرباء والماء - الكهرباء', billerEn: 'Ministry of Electricity & Water - Electricity',
      period: '2026-11', amount: `${10 + (n % 90)}.${String(n % 1000).padStart(3, '0')}`, currency: 'KWD', dueDate: '2026-12-28', payUrl: `https://tasdeed.example/pay/pbl_${n}`,
    },
  };
}

/** Commits events n = first … first+count−1, one transaction each, `parallel` writers at a time. */
async function writeEvents(ctx: Ctx, personIds: string[], first: number, count: number, parallel: number): Promise<string[]> {
  let next = first;
  const numbers: string[] = [];
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < first + count) {
      const n = next++;
      await inTransaction(ctx, (tx) => emitEvent(tx, 'bill.issued', payload(personIds[n % personIds.length]!, n)));
      numbers.push(billNumber(n));
    }
  }));
  return numbers;
}

/** Commits `count` events at `rate` a second (started on a schedule, not one after another), noting each commit. */
async function writePaced(ctx: Ctx, personIds: string[], first: number, count: number, rate: number, commits: Map<string, number>): Promise<void> {
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let k = 0; k < count; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const n = first + k;
    const write: Promise<void> = inTransaction(ctx, (tx) => emitEvent(tx, 'bill.issued', payload(personIds[n % personIds.length]!, n)))
      .then(() => { commits.set(billNumber(n), Date.now()); })
      .finally(() => inFlight.delete(write));
    inFlight.add(write);
  }
  await Promise.all(inFlight);
}

function checkOnce(smsc: SmscSimulator, numbers: string[], from: number): void {
  const counts = new Map<string, number>();
  for (const message of smsc.messages().slice(from)) {
    const n = billNumberIn(message.text);
    if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const missing = numbers.filter((n) => !counts.has(n)).length;
  const twice = [...counts.values()].filter((c) => c > 1).length;
  if (missing > 0 || twice > 0) throw new Error(`delivery check failed: ${missing} missing, ${twice} sent more than once`);
}

async function measureLimit(sender: SmppSender, messages: { to: string; text: string }[], smsc: SmscSimulator): Promise<{ messages: number; perSecond: number }> {
  await sender.whenBound();
  const before = smsc.messages().length;
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 256 }, async () => {
    while (next < messages.length) await sender.send(messages[next++]!);
  }));
  await waitFor(() => smsc.messages().length - before >= messages.length, 120_000);
  return { messages: messages.length, perSecond: messages.length / ((performance.now() - started) / 1000) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the SMS centre to receive every message');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

