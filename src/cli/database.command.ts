import type { Command } from 'commander';
import { seedDemo } from '../db/seed/index.js';
import { withDatabase } from './shared.js';

export function registerDatabaseCommands(program: Command): void {
  program.command('migrate')
    .description('Apply the database migrations (also done at every start); uses DATABASE_URL or the PGlite folder')
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (options: { dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        console.log(`migrations applied (${ctx.database.kind})`);
      });
    });

  program.command('seed')
    .description('Add the deterministic demo data set: billers, people with valid civil IDs, staff, and each module\'s demo records')
    .requiredOption('--demo', 'seed the demo data set (the only kind of seed there is: production data comes from the billers)')
    .option('--people <n>', 'how many demo people', (v) => Number(v), 40)
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (options: { people: number; dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        await seedDemo(ctx, { people: options.people, log: (line) => console.log(line) });
      });
    });
}
