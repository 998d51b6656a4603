import { z } from 'zod';
import { bilingual, civilIdSchema, languageSchema } from '../../http/schemas.js';
import { ROLES } from '../../platform/actor.js';

export const citizenLoginBody = z.object({ civilId: civilIdSchema, password: z.string().min(1).max(200) }).strict();
const authenticatorCode = z.string().regex(/^\d{6}$/, 'six digits');
/** `code`: the authenticator's six digits, sent once the first answer was `second_factor_required`. */
export const staffLoginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200), code: authenticatorCode.optional() }).strict();
export const secondFactorEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() }).strict();
/** `currentCode`: required when replacing an enrolled authenticator, a code from the one enrolled now. No body (Fastify hands zod `null`) starts a first enrolment. */
export const secondFactorStartBody = z.object({ currentCode: authenticatorCode.optional() }).strict().nullish();
export const secondFactorConfirmBody = z.object({ code: authenticatorCode }).strict();

export const signInCodeRequestBody = z.object({ civilId: civilIdSchema }).strict();
export const signInCodeBody = z.object({ civilId: civilIdSchema, code: z.string().regex(/^\d{6}$/, 'six digits') }).strict();
export const signInCodeRequested = z.object({ status: z.literal('sent_if_registered') }).strict();

export const meResponse = z.object({
  kind: z.enum(['person', 'staff', 'client']),
  role: z.enum(ROLES),
  name: bilingual,
  civilId: z.string().optional(),
  preferredLanguage: languageSchema.optional(),
  unit: z.string().nullable().optional(),
}).strict().meta({ id: 'Me' });

export const registerPersonBody = z.object({
  civilId: civilIdSchema,
  nameAr: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  preferredLanguage: languageSchema.optional(),
  password: z.string().min(1).max(200).optional(),
  phones: z.array(z.string().max(20)).max(5).optional(),
  emails: z.array(z.string().max(254)).max(5).optional(),
}).strict();

export const idResponse = z.object({ id: z.string() }).strict();

export const profileResponse = z.object({
  id: z.string(),
  civilId: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  preferredLanguage: languageSchema,
  phones: z.array(z.string()),
  emails: z.array(z.string()),
}).strict().meta({ id: 'PersonProfile' });

export const createStaffBody = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,40}$/),
  nameAr: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(1).max(200),
  unit: z.string().max(100).optional(),
}).strict();

export const createApiClientBody = z.object({
  name: z.string().min(1).max(200),
  role: z.enum(['bank', 'station', 'camera']),
}).strict();

export const apiClientResponse = z.object({ id: z.string(), keyId: z.string(), secret: z.string() }).strict();

export const languageBody = z.object({ language: languageSchema }).strict();

export const auditQuery = z.object({ entityType: z.string().min(1).max(50), entityId: z.string().min(1).max(100) }).strict();
export const auditResponse = z.object({
  entries: z.array(z.object({
    at: z.string(), actorKind: z.string(), actorId: z.string().nullable(), actorRole: z.string().nullable(),
    action: z.string(), outcome: z.string(), detail: z.record(z.string(), z.unknown()), requestId: z.string().nullable(),
  }).strict()),
}).strict();
