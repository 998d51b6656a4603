import { describe, expect, it } from 'vitest';
import { AppError, errorDefinition, isDefinedError } from './app-error.js';
import { composeCatalogue, errorCatalogue } from './catalogue.js';

describe('the error catalogue', () => {
  it('holds every module\'s codes, each with a status and both languages', () => {
    const catalogue = errorCatalogue();
    for (const code of ['validation_failed', 'bill_not_found', 'payable_not_found', 'plate_invalid', 'sms_rejected', 'pdf_document_invalid']) {
      expect(catalogue.has(code), code).toBe(true);
    }
    for (const [code, definition] of catalogue) {
      expect(definition.ar, code).toMatch(/[\u0600-\u06FF]/);
      expect(definition.en, code).toMatch(/[A-Za-z]/);
      expect(definition.status, code).toBeGreaterThanOrEqual(400);
    }
  });

  it('answers a code with its status and messages, and an unknown one (as data) with a plain 500', () => {
    expect(new AppError('bill_not_found').status).toBe(404);
    expect(new AppError('forbidden').toBody().message.en).toBe(errorDefinition('forbidden').en);
    expect(isDefinedError('no_such_code')).toBe(false);
    // @ts-expect-error a misspelt code does not compile (this line fails the typecheck if it ever does)
    expect(new AppError('bill_not_fuond').status).toBe(500);
  });

  it('refuses one code defined twice with different meanings', () => {
    const a = { same: { status: 400, ar: 'أ', en: 'A' } };
    expect(() => composeCatalogue([a, { same: { status: 404, ar: 'ب', en: 'B' } }])).toThrow(/defined twice/);
    expect(composeCatalogue([a, a]).size).toBe(1);
  });
});
