// A notifications set-up over loopback: a fresh database with a few people, the SMS centre and mail simulators,
// the real SMPP client and mailer, and dispatchers on demand. The clock is real time plus an offset a test can
// move forward (to let a lease expire or a retry fall due) without waiting.
import { createServer, type AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';
import { seedFoundation, type SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { startMailSimulator, type MailSimulator } from '../../src/dev/mail/mail.simulator.js';
import { SMSC_DEMO_CREDENTIALS, startSmscSimulator, type SmscSimulator, type SmscSimulatorOptions } from '../../src/dev/smsc/smsc.simulator.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Ctx } from '../../src/platform/context.js';
import { createMailer, type Mailer } from '../../src/modules/notifications/email/mailer.js';
import { createSmppSender, type SmppSender } from '../../src/modules/notifications/sms/smpp.client.js';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/modules/notifications/dispatcher.js';
import type { Transports } from '../../src/modules/notifications/deliver.js';
import { createReceiptRecorder } from '../../src/modules/notifications/receipts.js';
import { handleInboundSms } from '../../src/modules/notifications/preferences.service.js';
import { ensureDefaultTemplates } from '../../src/modules/notifications/templates.service.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { WAIT_BOUND_MS } from '../support/wait.js';

export type MovableClock = Clock & { advance(ms: number): void };

export function movableClock(): MovableClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => { offset += ms; } };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Harness {
  database: TestDatabase;
  ctx: Ctx;
  config: Config;
  clock: MovableClock;
  people: SeededPerson[];
  smsc: SmscSimulator | null;
  mail: MailSimulator;
  smsPort: number;
  /** Starts the SMS centre simulator (again) on the harness's port. */
  startSmsc(options?: SmscSimulatorOptions): Promise<SmscSimulator>;
  /** A new SMPP bind and mailer, with receipts and inbound messages wired to the database. */
  transports(options?: { messagesPerSecond?: number; windowSize?: number }): Transports & { sms: SmppSender; mailer: Mailer };
  dispatcher(options?: Partial<DispatcherOptions> & { transports?: Transports }): Dispatcher;
  close(): Promise<void>;
}

export async function createHarness(options: { people?: number; config?: Record<string, unknown>; smsc?: SmscSimulatorOptions | false } = {}): Promise<Harness> {
  const database = await createTestDatabase();
  // Retries and expired leases come when a test moves the clock (clock.advance), not because a busy machine was slow:
  // both are far longer than any wait here (worker.child.ts holds the same lease).
  const config = testConfig({ NOTIFY_RETRY_BASE_MS: 10 * 60_000, NOTIFY_LEASE_SECONDS: 600, NOTIFY_POLL_MS: 20, ...options.config });
  const clock = movableClock();
  const ctx: Ctx = { db: database.db, clock, config };
  const { people } = await seedFoundation(ctx, { people: options.people ?? 4 });
  await ensureDefaultTemplates(ctx);
  const mail = await startMailSimulator({ smtpPort: 0, httpPort: 0, rejectRecipients: /^nobody@/ });
  const smsPort = await freePort();
  const closers: (() => Promise<void> | void)[] = [];
  const dispatchers: Dispatcher[] = [];

  const harness: Harness = {
    database, ctx, config, clock, people, mail, smsPort, smsc: null,
    async startSmsc(smscOptions = {}) {
      harness.smsc = await startSmscSimulator({ smppPort: smsPort, httpPort: 0, receiptDelayMs: 0, ...smscOptions });
      return harness.smsc;
    },
    transports(transportOptions = {}) {
      const sms = createSmppSender({
        host: '127.0.0.1', port: smsPort, systemId: SMSC_DEMO_CREDENTIALS.systemId, password: SMSC_DEMO_CREDENTIALS.password,
        sourceAddr: 'Tasdeed', messagesPerSecond: transportOptions.messagesPerSecond ?? 1_000, windowSize: transportOptions.windowSize ?? 20,
        // Timeouts no busy machine reaches: a late answer from the loopback SMS centre is not a fault under test here.
        reconnectDelayMs: { initial: 50, max: 200 }, sendTimeoutMs: WAIT_BOUND_MS, responseTimeoutMs: WAIT_BOUND_MS,
      });
      const receipts = createReceiptRecorder(ctx, { maxWaitMs: 5 });
      sms.onReceipt((receipt) => receipts.record(receipt));
      sms.onInbound(async (message) => {
        await handleInboundSms(ctx, message);
      });
      const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort, secure: false, from: config.MAIL_FROM, timeoutMs: WAIT_BOUND_MS });
      closers.push(() => receipts.close(), () => sms.close(), () => mailer.close());
      return { sms, mailer };
    },
    dispatcher(dispatcherOptions = {}) {
      const dispatcher = startDispatcher({ ctx, transports: dispatcherOptions.transports ?? harness.transports(), ...dispatcherOptions });
      dispatchers.push(dispatcher);
      return dispatcher;
    },
    async close() {
      for (const dispatcher of dispatchers) await dispatcher.stop();
      for (const close of closers.reverse()) await close();
      await harness.smsc?.close();
      await mail.close();
      await database.destroy();
    },
  };
  if (options.smsc !== false) await harness.startSmsc(options.smsc || {});
  return harness;
}

// Polls until `check` passes, bounded generously (test/support/wait.ts). Never asserts on time itself.
export { eventually } from '../support/wait.js';
