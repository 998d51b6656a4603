// The accounts module's surface: utility accounts, their meters and consumption categories. Other modules import
// only this file; its store and tables stay inside.
export {
  ACCOUNT_STAFF, accountsOfPerson, addMeter, assertAccountAccess, changeAccountStatus, createAccount, findAccountById, findAccountsByIds,
  findAccountByNumber, findAccountsByNumbers, findMeterTarget, getAccount, meters, setConnection,
  type AccountWithMeter, type CreateAccountInput, type MeterInput,
} from './accounts.service.js';
export type { AccountRow as Account, MeterRow as Meter } from './accounts.store.js';
export { CATEGORIES, CATEGORY_NAMES, GOVERNMENT_HOLD, isCategory, type Category } from './categories.js';
export { presentAccount, presentMeter } from './accounts.present.js';
export * as accountSchemas from './accounts.schemas.js';
export { accountsRoutes } from './accounts.routes.js';
