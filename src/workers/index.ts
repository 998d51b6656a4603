// Background work that runs beside the API (or alone with `serve --roles worker`): the outbox dispatcher,
// schedules. A module adds its starter to WORKERS; each returns a stop function that finishes in-flight work.
import type { AppDeps } from '../http/app.js';
import { emailAttachments } from './attachments.js';
import { createLogger } from '../platform/logger.js';
import { finesRemindersWorker } from '../modules/fines/index.js';
import { notificationsWorker } from '../modules/notifications/index.js';
import { knetSettlementWorker, paymentsReconciler } from '../modules/payments/index.js';
import { billRunScheduler } from '../modules/billing/index.js';
import { prepaidWorker } from '../modules/prepaid/index.js';
import { disconnectionWorker, requestsWorker } from '../modules/requests/index.js';

export type WorkerStarter = { name: string; start: (deps: AppDeps) => Promise<() => Promise<void>> };

const WORKERS: WorkerStarter[] = [
  finesRemindersWorker,
  notificationsWorker,
  paymentsReconciler,
  knetSettlementWorker,
  billRunScheduler,
  prepaidWorker,
  requestsWorker,
  disconnectionWorker,
];

export async function startWorkers(given: AppDeps, log: (line: string) => void = () => undefined): Promise<() => Promise<void>> {
  // One logger and one set of email attachments for every worker of the process.
  const deps: AppDeps = { ...given, attachments: given.attachments ?? emailAttachments(), logger: given.logger ?? createLogger(given.config) };
  const stops: (() => Promise<void>)[] = [];
  for (const worker of WORKERS) {
    stops.push(await worker.start(deps));
    log(`worker started: ${worker.name}`);
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
