// `tasdeed bill-run --biller mew-electricity --period 2026-11` and `tasdeed import-readings FILE`. Both run as the
// system (whoever can run them can reach the database anyway) and are audited as such.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withDatabase } from '../../cli/shared.js';
import { systemActor } from '../../platform/actor.js';
import { importReadings } from '../metering/index.js';
import { runBillRun, type BillRunProgress } from './bill-run.service.js';

export function registerBillingCommands(program: Command): void {
  program.command('bill-run')
    .description('Issue the bills of a biller for a period (resumes an interrupted run; running it again creates nothing new)')
    .requiredOption('--biller <code>', 'biller code, e.g. mew-electricity')
    .requiredOption('--period <YYYY-MM>', 'the billing period, e.g. 2026-11 (it must have ended: its bill day is past)')
    .option('--batch-size <n>', 'accounts per transaction', (v) => Number(v), 5000)
    .option('--concurrency <n>', 'batches in flight (default 2 on PostgreSQL, 1 on PGlite)', (v) => Number(v))
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (options: { biller: string; period: string; batchSize: number; concurrency?: number; dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        const progress = progressReporter();
        const run = await runBillRun(ctx, systemActor('cli:bill-run'), { billerCode: options.biller, period: options.period }, {
          batchSize: options.batchSize,
          concurrency: options.concurrency ?? (ctx.database.kind === 'postgres' ? 2 : 1),
          onProgress: progress.update,
        }).finally(progress.stop);
        console.log(`${run.billerCode} ${run.period}: ${run.status}; ${run.billedCount} bills (${run.estimatedCount} estimated) of ${run.totalAccounts} active accounts, ${run.failedCount} failed, run ${run.id}`);
        if (run.lastError) console.log(`note: ${run.lastError}`);
        if (run.failedCount > 0) console.log(`the accounts that failed and why: GET /api/v1/bill-runs/${run.id}; run the command again to retry them (until a later period bills them)`);
      });
    });

  program.command('import-readings <file>')
    .description('Import a meter readers\' CSV file (columns: meter_number or account_number, reading, read_on); every row is decided and reported')
    .option('--strict', 'exit with status 2 when any row was refused')
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (file: string, options: { strict?: boolean; dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        const result = await importReadings(ctx, systemActor('cli:import-readings'), await readFile(file, 'utf8'));
        for (const row of result.results.filter((r) => r.decision !== 'accepted')) {
          console.log(`line ${row.line}: ${row.decision} ${row.code} — ${row.message.en} (${row.meterNumber ?? row.accountNumber ?? '?'} ${row.reading})`);
        }
        console.log(`${result.rows} rows: ${result.accepted} accepted, ${result.held} held for review, ${result.refused} refused`);
        if (options.strict && result.refused > 0) process.exitCode = 2;
      });
    });
}

/** A progress bar on a terminal; a line every tenth of the way otherwise (logs, CI). */
function progressReporter(): { update: (p: BillRunProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'billing [{bar}] {percentage}% | {value}/{total} accounts | {failed} failed | {eta_formatted} left' }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.total, 0, { failed: 0 });
        started = true;
        bar.update(Math.min(p.total, p.billed + p.failed), { failed: p.failed });
      },
      stop: () => { if (started) bar.stop(); },
    };
  }
  let shownTenth = -1;
  return {
    update: (p) => {
      const tenth = p.total === 0 ? 10 : Math.floor(((p.billed + p.failed) * 10) / p.total);
      if (tenth > shownTenth) {
        shownTenth = tenth;
        process.stderr.write(`billing: ${p.billed + p.failed}/${p.total} accounts (${p.failed} failed)\n`);
      }
    },
    stop: () => undefined,
  };
}
