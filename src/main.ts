// The `tasdeed` program: every role and one-shot command. `tasdeed --help` lists them.
import { Command } from 'commander';
import { registerServeCommand } from './cli/serve.command.js';
import { registerDatabaseCommands } from './cli/database.command.js';
import { registerDemoCameraCommand } from './cli/demo-camera.command.js';
import { registerBillingCommands } from './modules/billing/index.js';
import { registerIdentityCommands } from './modules/identity/index.js';
import { registerKnetSettlementCommand } from './modules/payments/index.js';
import { registerReconciliationCommands } from './modules/reconciliation/index.js';
import { registerKnetSimCommand } from './dev/knet-sim/knet-sim.command.js';
import { registerSmscCommand } from './dev/smsc/smsc.command.js';
import { registerMailCommand } from './dev/mail/mail.command.js';
import { registerStationCommand } from './dev/station/station.command.js';
import { registerBankCommand } from './dev/bank/bank.command.js';

const program = new Command('tasdeed')
  .description('Tasdeed (تسديد): bills and fines presented and paid in one place')
  .showHelpAfterError();

registerServeCommand(program);
registerDatabaseCommands(program);
registerDemoCameraCommand(program);
registerBillingCommands(program);
registerIdentityCommands(program);
registerKnetSettlementCommand(program);
registerReconciliationCommands(program);

const dev = program.command('dev').description('Local simulators of the outside world, for development and the demo');
registerKnetSimCommand(dev);
registerSmscCommand(dev);
registerMailCommand(dev);
registerStationCommand(dev);
registerBankCommand(dev);

await program.parseAsync(process.argv);
