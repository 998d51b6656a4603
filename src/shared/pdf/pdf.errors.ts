// Error codes of the document renderers. A view model that contradicts itself (lines that do not add up to the
// total, a credit with a positive amount) is our own modules' bug: refusing to print it beats a wrong bill.
import { AppError } from '../../platform/errors/app-error.js';
import { defineErrors } from '../../platform/errors/define.js';

export const pdfErrors = defineErrors({
  pdf_document_invalid: {
    status: 500,
    ar: 'تعذّر إنشاء المستند لأن بياناته غير متسقة.',
    en: 'The document could not be produced because its data is inconsistent.',
  },
});

export function invalidDocument(document: string, reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('pdf_document_invalid', { document, reason, ...details });
}
