// The dues inquiry's scale-out parts (#19): its audit lines are buffered and written in batches, and a clean stop
// (the server's close hook) writes every one still in memory; with DATABASE_REPLICA_URL the payables are read from
// the replica while the audit lines go to the primary.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/http/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { makeKuwaitiCivilId } from '../../src/shared/civil-id.js';
import { queryRows } from '../../src/db/query-rows.js';
import type { Executor } from '../../src/db/client.js';
import { testConfig } from '../support/config.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/database.js';
import { issueTestPayable } from './support.js';

const NOW = '2026-11-02T09:00:00+03:00';
const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.destroy()));
});

async function database(): Promise<TestDatabase> {
  const d = await createTestDatabase({ seeded: 'demo' });
  opened.push(d);
  return d;
}

const inquiryLines = async (db: Executor) =>
  (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dues.inquiry'`))[0]!.n;

describe('inquiry audit lines', () => {
  it('are all written on a clean stop, however long the flush interval', async () => {
    const d = await database();
    const clock = fixedClock(NOW);
    // A minute between flushes: within this test only the close hook can write them.
    const app = await buildApp({ config: testConfig({ READ_AUDIT_FLUSH_MS: 60_000 }), database: d, clock, services: {} });
    await app.ready();
    const before = await inquiryLines(d.db);
    const civilIds = Array.from({ length: 60 }, (_, i) => makeKuwaitiCivilId('1980-05-05', 3000 + i));
    const answers = await Promise.all(civilIds.map((civilId) => app.inject({ url: `/api/v1/dues?civilId=${civilId}` })));
    expect(answers.map((a) => a.statusCode)).toEqual(civilIds.map(() => 200));
    await app.close();
    expect(await inquiryLines(d.db)).toBe(before + civilIds.length);
    const rows = await queryRows<{ entity_id: string }>(d.db, sql`SELECT entity_id FROM audit_log WHERE action = 'dues.inquiry' ORDER BY id DESC LIMIT 60`);
    expect(new Set(rows.map((r) => r.entity_id))).toEqual(new Set(civilIds.map((c) => `civilId:${c}`)));
  });

  it('are seen by a reader of the audit log at once (auditByAction flushes the buffer first)', async () => {
    const d = await database();
    const app = await buildApp({ config: testConfig({ READ_AUDIT_FLUSH_MS: 60_000 }), database: d, clock: fixedClock(NOW), services: {} });
    try {
      const { auditByAction } = await import('../../src/platform/audit.js');
      const ctx = { db: d.db, clock: fixedClock(NOW), config: testConfig() };
      const before = (await auditByAction(ctx, 'dues.inquiry', 1000)).length;
      const civilId = makeKuwaitiCivilId('1981-06-06', 4100);
      expect((await app.inject({ url: `/api/v1/dues?civilId=${civilId}` })).statusCode).toBe(200);
      const after = await auditByAction(ctx, 'dues.inquiry', 1000);
      expect(after.length).toBe(before + 1);
      expect(after[0]).toMatchObject({ entityId: `civilId:${civilId}`, actorKind: 'anonymous' });
    } finally {
      await app.close();
    }
  });
});

describe.runIf(testDatabaseKind() === 'postgres')('DATABASE_REPLICA_URL', () => {
  it('serves the inquiry from the replica and audits it on the primary', async () => {
    const primary = await database();
    const replica = await database();
    const clock = fixedClock(NOW);
    const ctxOf = (d: TestDatabase) => ({ db: d.db, clock, config: testConfig() });
    const civilId = makeKuwaitiCivilId('1975-03-03', 5150);
    // The same civil ID owes 7.000 on the primary and 9.000 on the "replica": the answer says which one was read.
    await issueTestPayable(ctxOf(primary), { billerCode: 'mew-water', amount: 7_000n, civilId, accountNumber: 'RPL-P' });
    await issueTestPayable(ctxOf(replica), { billerCode: 'mew-water', amount: 9_000n, civilId, accountNumber: 'RPL-R' });

    const app = await buildApp({ config: testConfig({ DATABASE_REPLICA_URL: replica.url }), database: primary, clock, services: {} });
    const before = { primary: await inquiryLines(primary.db), replica: await inquiryLines(replica.db) };
    try {
      const dues = (await app.inject({ url: `/api/v1/dues?civilId=${civilId}` })).json();
      expect(dues).toMatchObject({ total: '9.000', payables: [{ amountDue: '9.000' }] });
    } finally {
      await app.close();
    }
    expect(await inquiryLines(primary.db)).toBe(before.primary + 1);
    expect(await inquiryLines(replica.db)).toBe(before.replica);
  });

  it('answers the same as without a replica when the replica URL names the primary itself', async () => {
    const primary = await database();
    const clock = fixedClock(NOW);
    const civilId = makeKuwaitiCivilId('1976-04-04', 5151);
    await issueTestPayable({ db: primary.db, clock, config: testConfig() }, { billerCode: 'mew-electricity', amount: 12_345n, civilId, accountNumber: 'RPL-S' });
    const app = await buildApp({ config: testConfig({ DATABASE_REPLICA_URL: primary.url }), database: primary, clock, services: {} });
    try {
      const dues = (await app.inject({ url: `/api/v1/dues?civilId=${civilId}` })).json();
      expect(dues).toMatchObject({ total: '12.345', held: [], payables: [{ amountDue: '12.345', biller: { code: 'mew-electricity' } }] });
    } finally {
      await app.close();
    }
  });
});
