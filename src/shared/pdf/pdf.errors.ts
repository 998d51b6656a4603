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
  pdf_render_busy: {
    status: 503,
    ar: 'خدمة إنشاء المستندات مشغولة الآن. يرجى المحاولة بعد قليل.',
    en: 'Documents are being produced for many requests right now. Please try again shortly.',
  },
});

export function invalidDocument(document: string, reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('pdf_document_invalid', { document, reason, ...details });
}

export function renderBusy(queued: number): AppError {
  return new AppError('pdf_render_busy', { queued });
}
