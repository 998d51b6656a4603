// Several workers against one PostgreSQL: two dispatchers with their own connection pools and SMPP binds never send
// a message twice for one outbox row; a worker process killed with SIGKILL mid-batch loses nothing, and after its
// lease the survivors send what it held exactly once. PostgreSQL only: PGlite has one connection and one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { notifications } from '../../src/db/schema/index.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { countSegments } from '../../src/modules/notifications/sms/sms.encoding.js';
import { listenForOutbox } from '../../src/modules/notifications/notifications.worker.js';
import { testDatabaseKind } from '../support/database.js';
import { createHarness, eventually, type Harness } from './harness.js';
import { billIssued, emit } from './events.js';

const onPostgres = testDatabaseKind() === 'postgres';
let h: Harness;
const extraHandles: DatabaseHandle[] = [];

beforeAll(async () => {
  if (onPostgres) h = await createHarness({ people: 12 });
});
afterAll(async () => {
  for (const handle of extraHandles) await handle.close();
  await h?.close();
});

const billNumber = (n: number) => `EB-2026-11-${String(n).padStart(6, '0')}`;

async function rowsOf(ids: bigint[]) {
  return h.ctx.db.select().from(notifications).where(inArray(notifications.outboxId, ids));
}

function countsIn(texts: string[], numbers: string[]): Map<string, number> {
  const counts = new Map(numbers.map((n) => [n, 0]));
  for (const text of texts) for (const n of numbers) if (text.includes(n)) counts.set(n, counts.get(n)! + 1);
  return counts;
}

describe.runIf(onPostgres)('several workers on PostgreSQL', () => {
  it('two dispatchers, each with its own pool and bind, send every message exactly once', async () => {
    const second = await openDatabase({ databaseUrl: h.database.url!, poolSize: 10 });
    extraHandles.push(second);
    const a = h.dispatcher({ workerId: 'worker-a' });
    const b = h.dispatcher({ workerId: 'worker-b', ctx: { ...h.ctx, db: second.db } });
    const stopA = await listenForOutbox(h.database, () => a.wake());
    const stopB = await listenForOutbox(second, () => b.wake());
    try {
      const numbers: string[] = [];
      const ids: bigint[] = [];
      // Events committed from several writers at once while both dispatchers run.
      await Promise.all([0, 1, 2, 3].map(async (writer) => {
        for (let i = 0; i < 30; i++) {
          const n = 1000 + writer * 100 + i;
          ids.push(await emit(h.ctx, 'bill.issued', billIssued(h.people[n % h.people.length]!.id, n)));
          numbers.push(billNumber(n));
        }
      }));
      await eventually(async () => {
        const rows = await rowsOf(ids);
        expect(rows).toHaveLength(240);
        expect(rows.every((r) => r.status === 'sent' || r.status === 'delivered')).toBe(true);
      });
      const rows = await rowsOf(ids);
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      expect([...countsIn(h.smsc!.messages().map((m) => m.text), numbers).values()]).toEqual(Array(120).fill(1));
      expect([...countsIn(h.mail.messages().map((m) => m.subject), numbers).values()]).toEqual(Array(120).fill(1));
      // Both took part (with 120 events arriving over time, one alone taking all would mean no concurrency at all).
      expect(a.stats().sent).toBeGreaterThan(0);
      expect(b.stats().sent).toBeGreaterThan(0);
      expect(a.stats().sent + b.stats().sent).toBe(240);
    } finally {
      await stopA();
      await stopB();
      await a.stop();
      await b.stop();
    }
  });

  it('a worker process killed with SIGKILL mid-batch: after its lease, every message arrives exactly once', async () => {
    const numbers: string[] = [];
    const ids: bigint[] = [];
    h.smsc!.holdResponses(true); // the SMS centre takes the child's submits and does not answer yet
    const submitsBefore = h.smsc!.submitsReceived();
    for (let n = 2000; n < 2006; n++) {
      ids.push(await emit(h.ctx, 'bill.issued', billIssued(h.people[n % h.people.length]!.id, n)));
      numbers.push(billNumber(n));
    }
    const child = spawnWorker('child-worker');
    try {
      await eventually(async () => {
        const rows = await rowsOf(ids);
        const sms = rows.filter((r) => r.channel === 'sms');
        expect(sms.map((r) => `${r.status}:${r.claimedBy}`)).toEqual(Array(6).fill('sending:child-worker'));
        expect(rows.filter((r) => r.channel === 'email').map((r) => r.status)).toEqual(Array(6).fill('sent'));
        expect(h.smsc!.submitsReceived() - submitsBefore).toBe(sms.reduce((sum, r) => sum + countSegments(r.body), 0));
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      // The child's exit can reach us before the SMS centre has read the end of its socket: wait until the centre has
      // dropped the submits it held for that bind, or releasing them below would "accept" them for a dead client.
      await eventually(() => expect(h.smsc!.heldResponses()).toBe(0));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    h.smsc!.holdResponses(false);
    expect([...countsIn(h.smsc!.messages().map((m) => m.text), numbers).values()]).toEqual(Array(6).fill(0));

    const survivor = h.dispatcher({ workerId: 'survivor' });
    await survivor.idle();
    expect((await rowsOf(ids)).filter((r) => r.channel === 'sms').every((r) => r.status === 'sending')).toBe(true); // lease still held
    h.clock.advance(h.config.NOTIFY_LEASE_SECONDS * 1000 + 1_000);
    await eventually(async () => {
      survivor.wake();
      const rows = await rowsOf(ids);
      expect(rows.every((r) => r.status === 'sent' || r.status === 'delivered')).toBe(true);
    });
    await survivor.stop();
    expect([...countsIn(h.smsc!.messages().map((m) => m.text), numbers).values()]).toEqual(Array(6).fill(1));
    expect([...countsIn(h.mail.messages().map((m) => m.subject), numbers).values()]).toEqual(Array(6).fill(1));
    expect((await rowsOf(ids)).filter((r) => r.channel === 'sms').map((r) => r.attempts)).toEqual(Array(6).fill(2));
  });
});

function spawnWorker(workerId: string): ChildProcess {
  const script = fileURLToPath(new URL('./worker.child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, CHILD_DATABASE_URL: h.database.url!, CHILD_SMPP_PORT: String(h.smsPort), CHILD_SMTP_PORT: String(h.mail.smtpPort), CHILD_WORKER_ID: workerId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return child;
}
