// `tasdeed dev knet-sim [--port 4010] [--host 127.0.0.1]`: runs the KNET simulator until Ctrl-C and prints what
// the application needs to talk to it.
import { InvalidArgumentError, type Command } from 'commander';
import type { KnetSimTerminal } from './knet-sim.protocol.js';
import { startKnetSimulator } from './knet-sim.server.js';

/** Demo terminal: fixed so `serve --demo` and a separately started simulator agree without set-up. Never real. */
export const KNET_DEMO_CREDENTIALS: Readonly<KnetSimTerminal> = Object.freeze({
  tranportalId: '700100',
  tranportalPassword: 'demo700100',
  resourceKey: 'TasdeedDemoKey16',
});

export const KNET_SIM_DEFAULT_PORT = 4010;

/** The terminal the simulator plays: KNET_TRANPORTAL_ID / KNET_TRANPORTAL_PASSWORD / KNET_RESOURCE_KEY, else the demo one. */
export function knetSimCredentials(env: NodeJS.ProcessEnv = process.env): KnetSimTerminal {
  return {
    tranportalId: env.KNET_TRANPORTAL_ID || KNET_DEMO_CREDENTIALS.tranportalId,
    tranportalPassword: env.KNET_TRANPORTAL_PASSWORD || KNET_DEMO_CREDENTIALS.tranportalPassword,
    resourceKey: env.KNET_RESOURCE_KEY || KNET_DEMO_CREDENTIALS.resourceKey,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}

export function registerKnetSimCommand(dev: Command): Command {
  return dev
    .command('knet-sim')
    .description('run a local KNET payment gateway simulator: hosted card page, REDIRECT= handshake, action 8 inquiry')
    .option('--port <port>', 'port to listen on', parsePort, KNET_SIM_DEFAULT_PORT)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: { port: number; host: string }, command: Command) => {
      const terminal = knetSimCredentials();
      let simulator;
      try {
        simulator = await startKnetSimulator({ ...terminal, port: options.port, host: options.host });
      } catch (error) {
        command.error(`knet-sim could not start: ${error instanceof Error ? error.message : String(error)}`);
      }
      console.log(`KNET simulator listening on ${simulator.url}`);
      console.log(`  payments list:   ${simulator.url}/`);
      console.log(`  gateway baseUrl: ${simulator.url}   (hosted page /kpg/PaymentHTTP.htm, inquiry /kpg/tranPipe.htm)`);
      console.log(`  terminal:        KNET_TRANPORTAL_ID=${terminal.tranportalId} KNET_TRANPORTAL_PASSWORD=${terminal.tranportalPassword} KNET_RESOURCE_KEY=${terminal.resourceKey}`);
      console.log('Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await simulator.close();
    });
}
