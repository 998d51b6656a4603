// The payments module's surface: inquiry, checkout, gateways (KNET), allocation, receipts, credits and refunds.
export { applyCreditsToPayables } from './credits.service.js';
export { creditAccountsFor } from './parties.js';
export { refundPayable } from './refunds.service.js';
export { recordGovernmentTransfer, GOVERNMENT_TRANSFER_ACCOUNT } from './government-settlement.service.js';
export { paymentsRoutes } from './payments.routes.js';
export { paymentsReconciler } from './reconciler.worker.js';
export { receiptEmailAttachment } from './receipts.attachment.js';
export { knetDemoSimulator } from './knet.demo.js';
// The KNET wire helpers the KNET simulator shares.
export { decryptTrandata, encryptTrandata, resourceKeyBytes } from './gateways/knet/knet.crypto.js';
export { parseKnetXml, toKnetXml } from './gateways/knet/knet.xml.js';
export { knetSettlementWorker } from './knet-settlement.worker.js';
export { registerKnetSettlementCommand } from './knet-settlement.command.js';
// The bank API of the channels module posts, finds, reverses and reports bank payments through these.
export { postBankNotification, findBankPayment, reverseBankPayment, bankActivityBetween, type BankPayment } from './bank-channel.service.js';
// What reconciliation reads of payments (it never reads the payments tables itself).
export { findPaymentsByReference, findPaymentForReconciliation, postedPaymentsBetween, type ReconcilablePayment } from './reconciliation.lookup.js';
// The counters of the channels module post and void counter payments through these, and find dues with inquiry's look-up.
export { postCounterPayment, voidCounterPayment, type CounterPostingInput } from './counter-channel.service.js';
export { findDues, type Dues, type DuesLookup, type DuesPayable } from './inquiry.service.js';
export type { RefundResult } from './refunds.service.js';
// The dues look-up's request and answer schemas, for the counter's route over the same look-up.
export { duesQuery as duesQuerySchema, duesResponse as duesResponseSchema } from './payments.schemas.js';
