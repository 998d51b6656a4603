// The mail simulator as a `serve --demo` entry (add `mailDemoSimulator` to DEMO_SIMULATORS in src/dev/demo.ts).
// It puts the relay to use into `services.mail`, so the notification worker can create its mailer from it.
import type { DemoSimulator } from '../demo.js';
import { MAIL_DEFAULT_PORTS } from './mail.command.js';
import { startMailSimulator, type MailSimulator, type MailSimulatorOptions } from './mail.simulator.js';

/** What `services.mail` holds in the demo: createMailer({ ...relay, from }) reaches the simulator. */
export interface DemoMailConnection {
  relay: { host: string; port: number; secure: false };
  inboxUrl: string;
  simulator: MailSimulator;
}

export const mailDemoSimulator: DemoSimulator = {
  name: 'mail',
  async start(_config, services) {
    const options: MailSimulatorOptions = { host: '127.0.0.1', smtpPort: MAIL_DEFAULT_PORTS.smtp, httpPort: MAIL_DEFAULT_PORTS.http };
    // A separately running `tasdeed dev mail` may hold the usual ports: then any free ones will do.
    const simulator = await startMailSimulator(options).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      return startMailSimulator({ ...options, smtpPort: 0, httpPort: 0 });
    });
    const connection: DemoMailConnection = { relay: { host: '127.0.0.1', port: simulator.smtpPort, secure: false }, inboxUrl: simulator.httpUrl, simulator };
    services.mail = connection;
    return { name: 'mail', describe: `Mail inbox ${simulator.httpUrl}/ (SMTP on 127.0.0.1:${simulator.smtpPort})`, close: () => simulator.close() };
  },
};
