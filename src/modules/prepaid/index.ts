// The prepaid module's surface: tanker operators and their wallets (ledger accounts), filling stations and the
// dispensing protocol of their terminals.
export { prepaidRoutes } from './prepaid.routes.js';
export { seedPrepaidReference, DEMO_PRICE_PER_THOUSAND_GALLONS } from './prepaid.seed.js';
export { creditPaidTopups } from './wallet.service.js';
export { walletBalances, PREPAID_BILLER } from './wallet.accounts.js';
export { prepaidWorker } from './prepaid.worker.js';
export { settleStuckDispenses } from './stuck.service.js';
export { allowListSignatureValid } from './offline.service.js';
