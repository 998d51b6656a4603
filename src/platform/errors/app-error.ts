// One error type with stable codes. Each module declares its codes in `<module>.errors.ts` (./define.ts); the
// catalogue composes them into one typed union, and the HTTP layer maps an AppError to
// `{code, message: {ar, en}}` with the code's status.
import { errorCatalogue, type ErrorCode } from './catalogue.js';
import type { ErrorDefinition } from './define.js';

export type { ErrorCode } from './catalogue.js';
export type { ErrorDefinition } from './define.js';

/** A code's definition; a code that arrived as data and is not defined answers as internal_error. */
export function errorDefinition(code: ErrorCode): ErrorDefinition {
  const catalogue = errorCatalogue();
  return catalogue.get(code) ?? catalogue.get('internal_error')!;
}

/** For codes that arrive as data (a stored decision code, a zod refinement's `appCode`). */
export function isDefinedError(code: string): code is ErrorCode {
  return errorCatalogue().has(code);
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}) {
    super(`${code}: ${errorDefinition(code).en}`);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorDefinition(this.code).status;
  }

  toBody(): { code: string; message: { ar: string; en: string }; details?: Record<string, unknown> } {
    const { ar, en } = errorDefinition(this.code);
    return Object.keys(this.details).length > 0 ? { code: this.code, message: { ar, en }, details: this.details } : { code: this.code, message: { ar, en } };
  }
}
