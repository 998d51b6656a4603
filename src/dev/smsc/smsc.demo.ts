// The SMS centre simulator as a `serve --demo` entry (add `smscDemoSimulator` to DEMO_SIMULATORS in src/dev/demo.ts).
// It puts where to bind into `services.smsc`, so the notification worker can create its SMPP sender from it.
import type { DemoSimulator } from '../demo.js';
import { SMSC_DEFAULT_PORTS } from './smsc.command.js';
import { SMSC_DEMO_CREDENTIALS, startSmscSimulator, type SmscSimulator, type SmscSimulatorOptions } from './smsc.simulator.js';

/** What `services.smsc` holds in the demo: enough for createSmppSender (plus a sourceAddr of your choice). */
export interface DemoSmscConnection {
  host: string;
  port: number;
  systemId: string;
  password: string;
  inboxUrl: string;
  simulator: SmscSimulator;
}

export const smscDemoSimulator: DemoSimulator = {
  name: 'smsc',
  async start(_config, services) {
    const options: SmscSimulatorOptions = { host: '127.0.0.1', smppPort: SMSC_DEFAULT_PORTS.smpp, httpPort: SMSC_DEFAULT_PORTS.http, receiptDelayMs: 1500 };
    // A separately running `tasdeed dev smsc` may hold the usual ports: then any free ones will do.
    const simulator = await startSmscSimulator(options).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      return startSmscSimulator({ ...options, smppPort: 0, httpPort: 0 });
    });
    const connection: DemoSmscConnection = { host: '127.0.0.1', port: simulator.smppPort, ...SMSC_DEMO_CREDENTIALS, inboxUrl: simulator.httpUrl, simulator };
    services.smsc = connection;
    return { name: 'smsc', describe: `SMS inbox ${simulator.httpUrl}/ (SMPP on 127.0.0.1:${simulator.smppPort})`, close: () => simulator.close() };
  },
};
