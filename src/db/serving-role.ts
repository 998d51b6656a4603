// Two PostgreSQL roles: the owner runs the migrations (it owns every table, trigger and function), and the server
// serves as a role that may read and write rows but change no schema. Only an owner may drop or disable a trigger,
// so the audit log's append-only trigger holds even against the serving role; that role is also not granted
// UPDATE, DELETE or TRUNCATE on the audit log at all. With MIGRATION_DATABASE_URL unset, one role does both (the
// PGlite default and the simplest PostgreSQL set-up) and these guarantees do not hold.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type DatabaseHandle } from './client.js';
import { queryRows } from './query-rows.js';

/** Migrates the database `serving` uses: as the owner when `migrationDatabaseUrl` is given, else as itself. */
export async function migrateForServing(serving: DatabaseHandle, migrationDatabaseUrl: string | undefined): Promise<void> {
  if (!migrationDatabaseUrl || serving.kind !== 'postgres') {
    await migrateDatabase(serving);
    return;
  }
  const owner = await openDatabase({ databaseUrl: migrationDatabaseUrl, poolSize: 2 });
  try {
    await migrateDatabase(owner);
    const [role] = await queryRows<{ name: string }>(serving.db, sql`SELECT current_user AS name`);
    await grantServingRole(owner, role!.name);
  } finally {
    await owner.close();
  }
}

/**
 * What the serving role may do, granted by the owner after every migration (new tables included). Idempotent.
 * Nothing is granted when the serving role is the owner itself.
 */
export async function grantServingRole(owner: DatabaseHandle, servingRole: string): Promise<void> {
  const [me] = await queryRows<{ name: string }>(owner.db, sql`SELECT current_user AS name`);
  if (me!.name === servingRole) return;
  const role = pg.escapeIdentifier(servingRole);
  for (const statement of [
    // No role but the owner creates objects in the application's schema (PostgreSQL before 15 allowed everyone).
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    // The audit log is append-only: read and add, nothing else (the trigger refuses the rest even to the owner).
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${role}`,
  ]) {
    await owner.db.execute(sql.raw(statement));
  }
}
