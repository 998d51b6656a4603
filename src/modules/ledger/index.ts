// The ledger's surface: double-entry postings and balances, the single source of truth for money. It depends on no
// other module.
export {
  accounts, ACCOUNT_TYPES, balance, balancesByPrefix, balancesOf, entriesOf, findTransaction, lockAccounts, post, postingParts, postMany, trialBalance,
  type AccountType, type LedgerLine, type PostingInput,
} from './ledger.service.js';
