// Every module's tables. A module adds its file here; it reads and writes only its own tables.
export * from './identity.js';
export * from './billers.js';
export * from './platform.js';
export * from './ledger.js';
export * from './fines.js';
export * from './payments.js';
export * from './accounts.js';
export * from './metering.js';
export * from './tariffs.js';
export * from './billing.js';
export * from './notifications.js';
export * from './prepaid.js';
export * from './requests.js';
export * from './channels.js';
export * from './reconciliation.js';
