// The reconciliation module's surface: ISO 20022 bank statements imported and matched to channel payments.
export { importStatement, type ImportSummary } from './import.service.js';
export { matchSuspenseEntry, returnSuspenseEntry, suspenseList } from './suspense.service.js';
export { registerReconciliationCommands } from './reconciliation.command.js';
export { parseCamt, MAX_STATEMENT_BYTES } from './camt.parser.js';
export { dailyReconciliation } from './daily-report.service.js';
export { reconciliationRoutes } from './reconciliation.routes.js';
