// The notifications worker as `serve` runs it: connects the SMS centre (SMPP) and the mail relay named by the
// configuration (or, in the demo, by the simulators in `services`), seeds the default templates, listens for
// NOTIFY on PostgreSQL, and runs the dispatcher. Delivery receipts and STOP replies that arrive on the bind are
// recorded here too.
import type pg from 'pg';
import type { AppDeps } from '../../http/app.js';
import type { Config } from '../../config.js';
import type { DatabaseHandle } from '../../db/client.js';
import type { Ctx } from '../../platform/context.js';
import type { WorkerStarter } from '../../workers/index.js';
import { startDispatcher, type Dispatcher } from './dispatcher.js';
import type { Transports } from './deliver.js';
import { createMailer, type MailRelayConfig } from './email/mailer.js';
import { handleInboundSms } from './preferences.service.js';
import { createReceiptRecorder } from './receipts.js';
import { createSmppSender, type SmppLog, type SmppSenderOptions } from './sms/smpp.client.js';
import { ensureDefaultTemplates } from './templates.service.js';
import { createLogger } from '../../platform/logger.js';

/** What a simulator (or a test) puts in `services.smsc` to be used instead of the SMPP_* settings. */
export interface SmscConnection {
  host: string;
  port: number;
  systemId: string;
  password: string;
}

/** `services.mail` as the mail simulator's demo entry sets it. */
interface MailConnection {
  relay: { host: string; port: number; secure: boolean };
}

export const OUTBOX_CHANNEL = 'tasdeed_outbox';

export function smppOptions(config: Config, services: Record<string, unknown> = {}): SmppSenderOptions | null {
  const given = services.smsc as SmscConnection | undefined;
  const base = {
    sourceAddr: config.SMPP_SOURCE_ADDR, windowSize: config.SMPP_WINDOW, messagesPerSecond: config.SMPP_MESSAGES_PER_SECOND,
    enquireLinkSeconds: config.SMPP_ENQUIRE_LINK_SECONDS,
    // A send must give up well before the row's lease ends, or a second worker could take the row while this one
    // still waits for the SMS centre.
    sendTimeoutMs: Math.min(60_000, (config.NOTIFY_LEASE_SECONDS * 1000) / 2),
  };
  if (given) return { ...base, host: given.host, port: given.port, systemId: given.systemId, password: given.password };
  if (!config.SMPP_HOST) return null;
  return { ...base, host: config.SMPP_HOST, port: config.SMPP_PORT, systemId: config.SMPP_SYSTEM_ID ?? '', password: config.SMPP_PASSWORD ?? '', systemType: config.SMPP_SYSTEM_TYPE };
}

export function mailRelay(config: Config, services: Record<string, unknown> = {}): MailRelayConfig | null {
  const given = services.mail as MailConnection | undefined;
  if (given?.relay) return { ...given.relay, from: config.MAIL_FROM };
  if (!config.SMTP_HOST) return null;
  return { host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_SECURE, user: config.SMTP_USER, pass: config.SMTP_PASS, from: config.MAIL_FROM };
}

export interface RunningNotifications {
  dispatcher: Dispatcher;
  transports: Transports;
  stop(): Promise<void>;
}

/** Starts everything notifications needs to run in this process. */
export async function startNotifications(deps: AppDeps, options: { log?: (message: string, data?: Record<string, unknown>) => void; warn?: (message: string) => void; smppLog?: SmppLog } = {}): Promise<RunningNotifications> {
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const ctx: Ctx = { db: deps.database.db, clock: deps.clock, config: deps.config };
  await ensureDefaultTemplates(ctx);
  const smpp = smppOptions(deps.config, deps.services);
  const relay = mailRelay(deps.config, deps.services);
  const transports: Transports = {
    sms: smpp ? createSmppSender({ ...smpp, log: options.smppLog ?? { info: (m, d) => log(m, d), warn: (m, d) => log(m, d) } }) : null,
    mailer: relay ? createMailer(relay) : null,
    attachments: deps.attachments,
  };
  if (!smpp) warn('notifications: no SMS centre configured (SMPP_HOST): SMS wait and are dead-lettered after NOTIFY_MAX_ATTEMPTS');
  if (!relay) warn('notifications: no mail relay configured (SMTP_HOST): emails wait and are dead-lettered after NOTIFY_MAX_ATTEMPTS');
  // A failed listener rejects: the adapter answers the SMS centre with a temporary error and it tries again later.
  const receipts = createReceiptRecorder(ctx);
  transports.sms?.onReceipt((receipt) => receipts.record(receipt));
  transports.sms?.onInbound(async (message) => {
    const outcome = await handleInboundSms(ctx, message);
    if (outcome.action !== 'ignored') log(`notifications: SMS keyword from a handset: ${outcome.action}`, { people: outcome.people });
  });
  const dispatcher = startDispatcher({ ctx, transports, log });
  const stopListening = await listenForOutbox(deps.database, () => dispatcher.wake(), log);
  return {
    dispatcher,
    transports,
    async stop() {
      await stopListening();
      await dispatcher.stop();
      await transports.sms?.close();
      await receipts.close();
      transports.mailer?.close();
    },
  };
}

export const notificationsWorker: WorkerStarter = {
  name: 'notifications',
  async start(deps) {
    // Only what an operator must act on reaches the console: a channel with no server to send through.
    const warn = (message: string) => {
      if (deps.config.NODE_ENV !== 'test') process.stderr.write(`${message}\n`);
    };
    // Binds, drops and re-binds of the SMS centre link go to the process's logger (an operator needs them).
    const logger = deps.logger ?? createLogger(deps.config);
    const smppLog: SmppLog = { info: (message, data) => logger.info({ ...data }, message), warn: (message, data) => logger.warn({ ...data }, message) };
    const running = await startNotifications(deps, { warn, smppLog });
    return running.stop;
  },
};

/**
 * LISTEN on one connection of the pool (PostgreSQL only). `writeOutbox` sends pg_notify in the writer's
 * transaction, so the worker wakes when it commits. A dropped connection is replaced; polling covers the gap.
 *
 * At most one connection is held and at most one reconnect is waiting: a cut that lands while LISTEN is in flight
 * both rejects the query and emits 'error', and answering each with a reconnect of its own used to leave one
 * LISTEN connection that was never given back, so the pool's end() (the process's stop) waited for it forever.
 */
export async function listenForOutbox(database: DatabaseHandle, onNotify: () => void, log: (message: string) => void = () => undefined): Promise<() => Promise<void>> {
  if (database.kind !== 'postgres') return async () => undefined;
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  let client: pg.PoolClient | null = null;
  /** Connections already given back to the pool: giving one back twice throws. */
  const returned = new WeakSet<pg.PoolClient>();
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const reconnectIn = (ms: number): void => {
    if (closed || retry) return; // one reconnect waiting is enough, whichever failure asked first
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, ms);
  };
  const connect = async (): Promise<void> => {
    if (closed || client) return;
    let connection: pg.PoolClient | undefined;
    // A broken connection goes back to the pool exactly once, destroyed: one never returned would make the pool's
    // end() (shutdown) wait for it forever.
    const discard = () => {
      if (!connection || returned.has(connection)) return;
      returned.add(connection);
      connection.release(true);
      if (client === connection) client = null;
    };
    try {
      connection = await pool.connect();
      connection.on('notification', (message) => {
        if (message.channel === OUTBOX_CHANNEL) onNotify();
      });
      connection.on('error', () => {
        discard();
        reconnectIn(1_000);
      });
      await connection.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (returned.has(connection)) return; // it broke during LISTEN; its 'error' has asked for a reconnect
      client = connection;
      if (closed) await release();
    } catch (error) {
      // The LISTEN itself failed (the database went away mid-query), or no connection could be had.
      discard();
      log(`notifications: LISTEN failed, polling until it works again: ${error instanceof Error ? error.message : String(error)}`);
      reconnectIn(5_000);
    }
  };
  const release = async (): Promise<void> => {
    const connection = client;
    client = null;
    if (!connection) return;
    await connection.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
    if (returned.has(connection)) return; // it broke meanwhile and was discarded
    returned.add(connection);
    connection.release();
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    retry = undefined;
    await release();
  };
}
