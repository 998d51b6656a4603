// Issue 15 point 6: the server's own role could drop the audit log's append-only trigger because it owned the tables
// (it ran the migrations). With MIGRATION_DATABASE_URL the owner migrates and the server serves as a role without
// DDL rights: that role writes rows as usual but can neither drop nor disable the trigger nor change audit rows.
// PostgreSQL only; the test makes its own two roles and database (unique names) and drops them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { migrateForServing } from '../../src/db/serving-role.js';
import { queryRows } from '../../src/db/query-rows.js';
import { seedFoundation } from '../../src/db/seed/foundation.seed.js';
import { recordAudit } from '../../src/platform/audit.js';
import { systemActor } from '../../src/platform/actor.js';
import { systemClock } from '../../src/platform/clock.js';
import { testDatabaseKind } from '../support/database.js';
import { testConfig } from '../support/config.js';

const onPostgres = testDatabaseKind() === 'postgres';
const suffix = `${Date.now()}_${randomBytes(3).toString('hex')}`;
const owner = `tasdeed_owner_${suffix}`;
const server = `tasdeed_serve_${suffix}`;
const databaseName = `tasdeed_roles_${suffix}`;
const password = randomBytes(12).toString('hex');
let serving: DatabaseHandle;

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function urlFor(role: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.username = role;
  url.password = password;
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/** The SQLSTATE a statement failed with, or 'ok'. */
async function outcome(handle: DatabaseHandle, statement: string): Promise<string> {
  try {
    await handle.db.execute(sql.raw(statement));
    return 'ok';
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.code ?? e.cause?.code ?? String(error);
  }
}

const auditRows = async (handle: DatabaseHandle) => (await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;

beforeAll(async () => {
  if (!onPostgres) return;
  await asAdmin(`CREATE ROLE "${owner}" LOGIN PASSWORD '${password}'`);
  await asAdmin(`CREATE ROLE "${server}" LOGIN PASSWORD '${password}'`);
  await asAdmin(`CREATE DATABASE "${databaseName}" OWNER "${owner}"`);
  serving = await openDatabase({ databaseUrl: urlFor(server), poolSize: 2 });
  // What `tasdeed serve` does with DATABASE_URL (serving role) and MIGRATION_DATABASE_URL (owner) both set.
  await migrateForServing(serving, urlFor(owner));
});

afterAll(async () => {
  if (!onPostgres) return;
  await serving?.close();
  await asAdmin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await asAdmin(`DROP ROLE IF EXISTS "${server}"`);
  await asAdmin(`DROP ROLE IF EXISTS "${owner}"`);
});

describe.runIf(onPostgres)('serving role and owner role', () => {
  it('serves normally: the serving role writes business rows and audit rows', async () => {
    const ctx = { db: serving.db, clock: systemClock, config: testConfig() };
    const { people } = await seedFoundation(ctx, { people: 2 });
    expect(people).toHaveLength(2);
    const before = await auditRows(serving);
    await recordAudit(ctx, systemActor('roles-test'), { action: 'roles.test', entityType: 'test', entityId: 'x' });
    expect(await auditRows(serving)).toBe(before + 1);
  });

  it('cannot drop or disable the append-only trigger, replace its function, or change audit rows', async () => {
    const before = await auditRows(serving);
    expect(before).toBeGreaterThan(0);
    const attacks = [
      'DROP TRIGGER audit_log_no_update ON audit_log',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'DROP FUNCTION tasdeed_audit_log_immutable() CASCADE',
      "CREATE OR REPLACE FUNCTION tasdeed_audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
      "SET session_replication_role = 'replica'",
      "UPDATE audit_log SET action = 'forged'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'DROP TABLE audit_log CASCADE',
      'CREATE TABLE intruder (id int)',
    ];
    for (const attack of attacks) expect(await outcome(serving, attack), attack).toBe('42501'); // insufficient_privilege
    expect(await auditRows(serving)).toBe(before);
    const [triggers] = await queryRows<{ n: number }>(serving.db, sql`
      SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal AND tgenabled = 'O'`);
    expect(triggers!.n).toBe(2);
  });

  it('without a separate owner (one role does both) the same attack succeeds: the reason for the split', async () => {
    const ownerHandle = await openDatabase({ databaseUrl: urlFor(owner), poolSize: 1 });
    try {
      await ownerHandle.db.transaction(async (tx) => {
        await tx.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER ALL'));
        await tx.execute(sql.raw("UPDATE audit_log SET action = 'forged'"));
        tx.rollback(); // leaves the log as it was
      }).catch((error: unknown) => {
        if (!(error instanceof Error && error.message.includes('Rollback'))) throw error;
      });
    } finally {
      await ownerHandle.close();
    }
    expect((await queryRows<{ n: number }>(serving.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged'`))[0]!.n).toBe(0);
  });
});
