import { defineErrors } from '../../platform/errors/define.js';

// Every refusal of a bank statement. Each is audited (reconciliation.audit.ts) with the same code; nothing else is written.
export const reconciliationErrors = defineErrors({
  recon_file_too_large: { status: 413, ar: 'ملف الكشف أكبر من الحد المسموح.', en: 'The statement file is larger than allowed.' },
  recon_xml_doctype_refused: { status: 400, ar: 'الملف يحتوي على تعريف DOCTYPE أو ENTITY وهذا غير مسموح.', en: 'The file declares a DOCTYPE or ENTITY, which is not allowed.' },
  recon_xml_malformed: { status: 400, ar: 'ملف الكشف ليس XML سليماً.', en: 'The statement file is not well-formed XML.' },
  recon_namespace_unknown: { status: 400, ar: 'نوع الكشف غير مدعوم (يُقبل camt.053 وcamt.054 من الإصدار 02 إلى 08).', en: 'The statement type is not supported (camt.053 and camt.054, versions 02 to 08).' },
  recon_statement_invalid: { status: 400, ar: 'الكشف ينقصه حقل مطلوب أو فيه قيمة غير صحيحة.', en: 'The statement lacks a required field or has an invalid value.' },
  recon_currency_unknown: { status: 400, ar: 'عملة غير معروفة في الكشف.', en: 'The statement uses an unknown currency.' },
  recon_currency_mismatch: { status: 400, ar: 'عملة حركة في الكشف تختلف عن عملة الحساب.', en: 'An entry\'s currency is not the account\'s currency.' },
  recon_amount_invalid: { status: 400, ar: 'مبلغ في الكشف غير صحيح أو فيه خانات عشرية أكثر مما تسمح به العملة.', en: 'An amount in the statement is invalid or has more decimals than its currency allows.' },
  recon_entry_not_found: { status: 404, ar: 'حركة الكشف غير موجودة.', en: 'The statement entry was not found.' },
  recon_entry_not_in_suspense: { status: 409, ar: 'الحركة ليست في قائمة المعلّقات.', en: 'The entry is not in the suspense list.' },
  recon_payment_not_matchable: { status: 409, ar: 'الدفعة غير موجودة أو لا تطابق مبلغ الحركة وعملتها.', en: 'The payment does not exist or does not match the entry\'s amount and currency.' },
  recon_statement_not_found: { status: 404, ar: 'الكشف غير موجود.', en: 'The statement was not found.' },
});
