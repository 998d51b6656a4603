// `tasdeed import-statement FILE`: imports a camt.053/054 file as the system and prints one JSON line.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { withDatabase } from '../../cli/shared.js';
import { systemActor } from '../../platform/actor.js';
import { importStatement } from './import.service.js';

export function registerReconciliationCommands(program: Command): void {
  program.command('import-statement <file>')
    .description('Import an ISO 20022 bank statement (camt.053) or notification (camt.054) and match it to payments; prints one JSON line')
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (file: string, options: { dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        const { statementId: _statementId, ...summary } = await importStatement(ctx, systemActor('cli:import-statement'), basename(file), await readFile(file));
        console.log(JSON.stringify(summary));
      });
    });
}
