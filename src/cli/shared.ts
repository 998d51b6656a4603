// Helpers for one-shot commands: open the configured database, run, close it cleanly, exit non-zero on failure.
import { loadConfig, ConfigError, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/client.js';
import { migrateForServing } from '../db/serving-role.js';
import { systemClock } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';
import { AppError } from '../platform/errors/app-error.js';

export interface CommandContext extends Ctx {
  database: DatabaseHandle;
  config: Config;
}

export async function withDatabase(options: { dataDir?: string }, work: (ctx: CommandContext) => Promise<void>): Promise<void> {
  let database: DatabaseHandle | undefined;
  try {
    const config = loadConfig(process.env, options.dataDir ? { TASDEED_DATA_DIR: options.dataDir } : {});
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.TASDEED_DATA_DIR });
    await migrateForServing(database, config.MIGRATION_DATABASE_URL);
    await work({ db: database.db, clock: systemClock, config, database });
  } catch (error) {
    reportFailure(error);
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}

export function reportFailure(error: unknown): void {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof AppError) console.error(`${error.code}: ${error.toBody().message.en} ${JSON.stringify(error.details)}`);
  else console.error(error instanceof Error ? error.stack ?? error.message : String(error));
}
