// Background work that runs beside the API (or alone with `serve --roles worker`): the outbox dispatcher,
// schedules. A module adds its starter to WORKERS; each returns a stop function that finishes in-flight work.
import type { AppDeps } from '../http/app.js';
import type { StopPart } from '../platform/bounded-stop.js';
import { emailAttachments } from './attachments.js';
import { createLogger } from '../platform/logger.js';
import { finesRemindersWorker } from '../modules/fines/index.js';
import { notificationsWorker } from '../modules/notifications/index.js';
import { knetSettlementWorker, paymentsReconciler } from '../modules/payments/index.js';
import { billRemindersWorker, billRunScheduler } from '../modules/billing/index.js';
import { prepaidWorker } from '../modules/prepaid/index.js';
import { disconnectionWorker, requestsWorker } from '../modules/requests/index.js';

export type WorkerStarter = { name: string; start: (deps: AppDeps) => Promise<() => Promise<void>> };

const WORKERS: WorkerStarter[] = [
  finesRemindersWorker,
  notificationsWorker,
  paymentsReconciler,
  knetSettlementWorker,
  billRunScheduler,
  billRemindersWorker,
  prepaidWorker,
  requestsWorker,
  disconnectionWorker,
];

/** Starts every worker; returns how to stop each, in the order they should stop (the last started first). */
export async function startWorkers(given: AppDeps, log: (line: string) => void = () => undefined): Promise<StopPart[]> {
  // One logger and one set of email attachments for every worker of the process.
  const deps: AppDeps = { ...given, attachments: given.attachments ?? emailAttachments(), logger: given.logger ?? createLogger(given.config) };
  const parts: StopPart[] = [];
  for (const worker of WORKERS) {
    parts.unshift({ name: `worker ${worker.name}`, stop: await worker.start(deps) });
    log(`worker started: ${worker.name}`);
  }
  return parts;
}
