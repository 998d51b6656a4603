// `tasdeed knet-settlement [--date YYYY-MM-DD]`: runs the KNET settlement check for one KNET business day
// (default: yesterday in Kuwait) against the KNET terminal the environment configures (KNET_*), and prints one
// JSON line with what it found and fixed. Safe to run again: a second run finds nothing new.
import type { Command } from 'commander';
import { withDatabase } from '../../cli/shared.js';
import { AppError } from '../../platform/errors/app-error.js';
import { systemActor } from '../../platform/actor.js';
import { knetGatewayOf } from './payments.gateway.js';
import { previousKnetDay, runKnetSettlement } from './knet-settlement.service.js';

export function registerKnetSettlementCommand(program: Command): void {
  program.command('knet-settlement')
    .description('Compare what KNET captured with what Tasdeed posted for one KNET business day, and fix the differences with ledger postings')
    .option('--date <date>', 'KNET business day, YYYY-MM-DD (default: yesterday in Kuwait)')
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (options: { date?: string; dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        const gateway = knetGatewayOf(ctx.config);
        if (!gateway) throw new AppError('payment_gateway_not_configured');
        const summary = await runKnetSettlement(ctx, systemActor('cli:knet-settlement'), gateway, options.date ?? previousKnetDay(ctx.clock.now()));
        console.log(JSON.stringify(summary));
      });
    });
}
