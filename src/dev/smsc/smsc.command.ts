// `tasdeed dev smsc [--port 2775] [--http-port 2776] [--failure-rate 0] [--receipt-delay-ms 500]`: runs the SMS
// centre simulator until Ctrl-C and prints what the application needs to bind to it.
import { InvalidArgumentError, type Command } from 'commander';
import { SMSC_DEMO_CREDENTIALS, startSmscSimulator, type SmscSimulator } from './smsc.simulator.js';

export const SMSC_DEFAULT_PORTS = { smpp: 2775, http: 2776 } as const;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

function parseRate(text: string): number {
  const rate = Number(text);
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw new InvalidArgumentError('must be a number from 0 to 1');
  return rate;
}

function parseDelay(text: string): number {
  const ms = Number(text);
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError('must be a whole number of milliseconds');
  return ms;
}

interface SmscCommandOptions {
  port: number;
  httpPort: number;
  host: string;
  systemId: string;
  password: string;
  failureRate: number;
  receiptDelayMs: number;
}

export function registerSmscCommand(dev: Command): Command {
  return dev
    .command('smsc')
    .description('run a local SMS centre (SMPP 3.4): accepts binds, sends delivery receipts, shows an inbox page')
    .option('--port <port>', 'SMPP port', parsePort, SMSC_DEFAULT_PORTS.smpp)
    .option('--http-port <port>', 'inbox page port', parsePort, SMSC_DEFAULT_PORTS.http)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--system-id <id>', 'system_id the application must bind with', SMSC_DEMO_CREDENTIALS.systemId)
    .option('--password <password>', 'password the application must bind with', SMSC_DEMO_CREDENTIALS.password)
    .option('--failure-rate <rate>', 'share of messages reported UNDELIV (0..1)', parseRate, 0)
    .option('--receipt-delay-ms <ms>', 'delay before each delivery receipt', parseDelay, 500)
    .action(async (options: SmscCommandOptions, command: Command) => {
      let simulator: SmscSimulator;
      try {
        simulator = await startSmscSimulator({
          smppPort: options.port,
          httpPort: options.httpPort,
          host: options.host,
          systemId: options.systemId,
          password: options.password,
          failureRate: options.failureRate,
          receiptDelayMs: options.receiptDelayMs,
        });
      } catch (error) {
        command.error(`smsc could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
      console.log(`SMS centre simulator: SMPP on ${options.host}:${simulator.smppPort}`);
      console.log(`  inbox:     ${simulator.httpUrl}/`);
      console.log(`  bind with: system_id=${options.systemId} password=${options.password} (bind_transceiver)`);
      console.log(`  receipts:  after ${options.receiptDelayMs} ms, ${Math.round(options.failureRate * 100)} % UNDELIV`);
      console.log('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await simulator.close();
    });
}
