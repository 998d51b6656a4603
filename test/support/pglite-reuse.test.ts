// A database a file gives back reaches the next file as the snapshot had it, and no longer answers the file that
// gave it back; one whose schema was changed, or that was closed, is not given out again.
import { sql } from 'drizzle-orm';
import { describe, expect, it, inject } from 'vitest';
import { queryRows } from '../../src/db/query-rows.js';
import { testDatabaseKind } from './database.js';
import { reusedPglite, type ReusedDatabase } from './pglite-reuse.js';

const count = async (database: ReusedDatabase, table: string) =>
  (await queryRows<{ n: number }>(database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;

describe.runIf(testDatabaseKind() === 'pglite')('test databases reused within a worker', () => {
  const snapshot = () => {
    const snapshots = inject('tasdeedSnapshots');
    if (snapshots.kind !== 'pglite') throw new Error('the PGlite project hands out PGlite snapshots');
    return snapshots;
  };

  it('puts rows, sequences and the session back as the snapshot had them', async () => {
    const file = snapshot().seeds.demo.file;
    const first = await reusedPglite(file);
    const xact = async (database: ReusedDatabase) => BigInt((await queryRows<{ x: string }>(database.db, sql`SELECT pg_current_xact_id()::text AS x`))[0]!.x);
    const startedAt = await xact(first);
    const names = async (database: ReusedDatabase) => queryRows<{ name_en: string }>(database.db, sql`SELECT name_en FROM people ORDER BY id`);
    const people = await names(first);
    const audit = await count(first, 'audit_log');
    expect(people.length).toBeGreaterThan(0);
    const sequence = 'public.audit_log_id_seq';
    const before = await queryRows<{ v: string; c: boolean }>(first.db, sql.raw(`SELECT last_value::text AS v, is_called AS c FROM ${sequence}`));

    await first.db.execute(sql`UPDATE people SET name_en = 'changed by a test'`);
    await first.db.execute(sql`INSERT INTO audit_log (actor_kind, action, entity_type) VALUES ('test', 'test.reuse', 'none')`);
    await first.db.execute(sql.raw(`SELECT nextval('${sequence}'), nextval('${sequence}')`));
    await first.db.execute(sql`SET statement_timeout = 12345`);
    await first.db.execute(sql`BEGIN`);
    await first.release();

    const second = await reusedPglite(file);
    try {
      // The same database, not a fresh load of the snapshot: its transaction ids went on.
      expect(await xact(second)).toBeGreaterThan(startedAt);
      expect(await names(second)).toEqual(people);
      expect(await count(second, 'audit_log')).toBe(audit);
      expect(await queryRows(second.db, sql.raw(`SELECT last_value::text AS v, is_called AS c FROM ${sequence}`))).toEqual(before);
      expect((await queryRows<{ t: string }>(second.db, sql`SELECT current_setting('statement_timeout') AS t`))[0]!.t).toBe('0');
      // The file that gave it back can no longer reach it.
      await expect(first.db.execute(sql`SELECT 1`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/given back/) } });
    } finally {
      await second.release();
    }
  });

  it('does not give out a database whose schema a file changed, nor one it closed', async () => {
    const file = snapshot().migrated;
    const changed = await reusedPglite(file);
    await changed.db.execute(sql`CREATE TABLE left_behind (id int)`);
    await changed.release();
    const next = await reusedPglite(file);
    expect(await queryRows(next.db, sql`SELECT to_regclass('left_behind')::text AS t`)).toEqual([{ t: null }]);

    await next.close();
    const after = await reusedPglite(file);
    try {
      expect(await queryRows(after.db, sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    } finally {
      await after.release();
    }
  });
});
