// Zod building blocks shared by every module's request schemas. A refinement carries the stable error code in
// `params.appCode`, so the error handler answers `civil_id_invalid` rather than a generic validation failure.
import { z } from 'zod';
import { validateKuwaitiCivilId } from '../shared/civil-id.js';

export const appIssue = (appCode: string, message: string) => ({ code: 'custom' as const, message, params: { appCode } });

/** A Kuwaiti civil ID: 12 digits with a valid check digit and birth date. */
export const civilIdSchema = z.string().superRefine((value, ctx) => {
  const result = validateKuwaitiCivilId(value);
  if (!result.ok) ctx.addIssue({ ...appIssue('civil_id_invalid', `civil ID ${result.problem}`), params: { appCode: 'civil_id_invalid', problem: result.problem } });
}).meta({ description: 'Kuwaiti civil ID, 12 digits', example: '289011200032' });

/** A money amount as a decimal string ("12.500"). The currency's scale is checked where the currency is known. */
export const amountSchema = z.string().superRefine((value, ctx) => {
  if (!/^\d{1,15}(\.\d+)?$/.test(value)) ctx.addIssue(appIssue('amount_invalid', 'amount must be a decimal string like 12.500'));
}).meta({ description: 'Decimal string in the currency scale', example: '12.500' });

export const currencySchema = z.string().regex(/^[A-Z]{3}$/).meta({ example: 'KWD' });
export const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ example: '2026-11-28' });
export const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).meta({ example: '2026-11' });
export const languageSchema = z.enum(['ar', 'en']);

export const bilingual = z.object({ ar: z.string(), en: z.string() });

export const errorBodySchema = z.object({
  code: z.string(),
  message: bilingual,
  details: z.record(z.string(), z.unknown()).optional(),
}).meta({ id: 'Error' });

/** Response map entries for the usual errors, so /docs shows them. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  429: errorBodySchema,
} as const;
