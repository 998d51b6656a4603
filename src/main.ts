// The `tasdeed` program: every role and one-shot command. `tasdeed --help` lists them.
import { Command } from 'commander';
import { registerServeCommand } from './cli/serve.command.js';
import { registerDatabaseCommands } from './cli/database.command.js';

const program = new Command('tasdeed')
  .description('Tasdeed (تسديد): bills and fines presented and paid in one place')
  .showHelpAfterError();

registerServeCommand(program);
registerDatabaseCommands(program);

const dev = program.command('dev').description('Local simulators of the outside world, for development and the demo');
void dev;

await program.parseAsync(process.argv);
