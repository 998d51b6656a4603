import { defineErrors } from '../../platform/errors/define.js';

export const ledgerErrors = defineErrors({
  ledger_unbalanced: { status: 500, ar: 'قيد محاسبي غير متوازن.', en: 'A ledger transaction does not balance.' },
  ledger_already_posted: { status: 409, ar: 'تم تسجيل هذا القيد سابقاً.', en: 'This ledger transaction was already posted.' },
  ledger_account_invalid: { status: 500, ar: 'حساب محاسبي غير صالح.', en: 'A ledger account code is not valid.' },
});
