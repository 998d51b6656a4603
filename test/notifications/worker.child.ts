// A notifications worker in its own process, for the test that kills one with SIGKILL mid-batch. Reads where to
// connect from the environment, prints its worker id once running, and runs until killed.
import { openDatabase } from '../../src/db/client.js';
import { systemClock } from '../../src/platform/clock.js';
import { startDispatcher } from '../../src/modules/notifications/dispatcher.js';
import { createMailer } from '../../src/modules/notifications/email/mailer.js';
import { listenForOutbox } from '../../src/modules/notifications/notifications.worker.js';
import { createSmppSender } from '../../src/modules/notifications/sms/smpp.client.js';
import { testConfig } from '../support/config.js';
import { WAIT_BOUND_MS } from '../support/wait.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = await openDatabase({ databaseUrl: env('CHILD_DATABASE_URL'), poolSize: 4 });
const config = testConfig({ NOTIFY_LEASE_SECONDS: 600, NOTIFY_POLL_MS: 20 }); // the harness's lease
const sms = createSmppSender({ host: '127.0.0.1', port: Number(env('CHILD_SMPP_PORT')), systemId: 'tasdeed', password: 'tasdeed1', sourceAddr: 'Tasdeed', messagesPerSecond: 1000, windowSize: 50, sendTimeoutMs: WAIT_BOUND_MS, responseTimeoutMs: WAIT_BOUND_MS });
const mailer = createMailer({ host: '127.0.0.1', port: Number(env('CHILD_SMTP_PORT')), secure: false, from: config.MAIL_FROM });
const dispatcher = startDispatcher({ ctx: { db: database.db, clock: systemClock, config }, transports: { sms, mailer }, workerId: env('CHILD_WORKER_ID') });
await listenForOutbox(database, () => dispatcher.wake());
process.stdout.write(`ready ${dispatcher.workerId}\n`);
setInterval(() => undefined, 60_000);
