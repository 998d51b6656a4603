// The billing module's surface: bill runs, bills and their e-bill documents.
export { runBillRun, type BillRunProgress } from './bill-run.service.js';
export { billRemindersWorker, billRunScheduler } from './billing.worker.js';
export { billingDemoSeeder } from './billing.seed.js';
export { registerBillingCommands } from './billing.command.js';
export { utilityBillingRoutes } from './utility-billing.routes.js';
export { billEmailAttachment } from './bills.service.js';
