// The billers module's surface: billers, currencies, and the payable every biller issues (a bill, a fine, a top-up).
// Issuing a payable posts its receivable in the ledger in the same transaction.
export { amountDue, forgetBillerCache, getBiller, listBillers, OPEN_STATUSES, payables, receivableAccountOf } from './billers.service.js';
export { issuePayable, issuePayables, PAYABLE_KINDS, type IssuePayableInput, type IssuePayablesRow, type PayableKind } from './payables.issue.js';
export { issueCreditNote, type CreditNoteInput, type CreditNoteResult } from './payables.credit-note.js';
export type { BillerRow as Biller } from './billers.store.js';
export type { PayableRow as Payable, PayableLookup, PayableStatus, OverdueDebt } from './payables.store.js';
export { seedBillers } from './billers.seed.js';
export { billersRoutes } from './billers.routes.js';
