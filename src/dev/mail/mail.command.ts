// `tasdeed dev mail [--port 2525] [--http-port 2526]`: runs the mail simulator until Ctrl-C and prints how the
// application reaches it.
import { InvalidArgumentError, type Command } from 'commander';
import { startMailSimulator, type MailSimulator } from './mail.simulator.js';

export const MAIL_DEFAULT_PORTS = { smtp: 2525, http: 2526 } as const;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

export function registerMailCommand(dev: Command): Command {
  return dev
    .command('mail')
    .description('run a local SMTP server (no TLS, any login) that keeps every message, with an inbox page')
    .option('--port <port>', 'SMTP port', parsePort, MAIL_DEFAULT_PORTS.smtp)
    .option('--http-port <port>', 'inbox page port', parsePort, MAIL_DEFAULT_PORTS.http)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: { port: number; httpPort: number; host: string }, command: Command) => {
      let simulator: MailSimulator;
      try {
        simulator = await startMailSimulator({ smtpPort: options.port, httpPort: options.httpPort, host: options.host });
      } catch (error) {
        command.error(`mail could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
      console.log(`Mail simulator: SMTP on ${options.host}:${simulator.smtpPort} (no TLS, any login or none)`);
      console.log(`  inbox: ${simulator.httpUrl}/`);
      console.log(`  relay: host=${options.host} port=${simulator.smtpPort} secure=false`);
      console.log('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await simulator.close();
    });
}
