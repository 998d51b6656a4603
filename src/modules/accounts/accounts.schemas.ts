import { z } from 'zod';
import { bilingual, civilIdSchema, dateSchema } from '../../http/schemas.js';
import { ACCOUNT_STATUSES, CATEGORIES } from './categories.js';

const digits = z.string().regex(/^\d{1,13}$/).meta({ description: 'A register value, digits only', example: '012345' });
/** Register values in requests are sent as digits; the services take them as bigint. */
const toBigInt = (value: string) => BigInt(value);

export const meterSchema = z.object({
  meterNumber: z.string(),
  unit: z.enum(['kWh', 'imp_gal']),
  multiplier: z.number().int(),
  dials: z.number().int(),
  initialReading: z.string(),
  installedOn: dateSchema,
  removedOn: dateSchema.nullable(),
  status: z.enum(['active', 'removed']),
}).strict().meta({ id: 'Meter' });

export const accountSchema = z.object({
  accountNumber: z.string(),
  billerCode: z.string(),
  category: z.enum(CATEGORIES),
  categoryName: bilingual,
  owner: z.object({ civilId: z.string().nullable(), name: bilingual.nullable() }).strict(),
  area: bilingual,
  address: bilingual,
  status: z.enum(ACCOUNT_STATUSES),
  /** Government accounts are billed but not collected from citizens. */
  collectedOnline: z.boolean(),
  meters: z.array(meterSchema),
}).strict().meta({ id: 'UtilityAccount' });

export const accountsResponse = z.object({ accounts: z.array(accountSchema) }).strict();
export const accountParams = z.object({ accountNumber: z.string().min(1).max(32) }).strict();
export const accountsQuery = z.object({ civilId: civilIdSchema }).strict();
export const accountStatusBody = z.object({ status: z.enum(ACCOUNT_STATUSES) }).strict();

const meterFields = {
  meterNumber: z.string().regex(/^[A-Za-z0-9-]{3,20}$/).optional(),
  multiplier: z.number().int().min(1).max(10_000).optional(),
  dials: z.number().int().min(3).max(12).optional(),
  initialReading: digits.transform(toBigInt).optional(),
};

export const openAccountBody = z.object({
  billerCode: z.string().min(2).max(40),
  accountNumber: z.string().regex(/^\d{6,16}$/).optional(),
  ownerCivilId: civilIdSchema.optional(),
  ownerName: bilingual.optional().meta({ description: 'For government bodies and companies without a civil ID' }),
  category: z.enum(CATEGORIES),
  area: bilingual.optional(),
  address: bilingual.optional(),
  meter: z.object({ ...meterFields, installedOn: dateSchema }).strict(),
}).strict();

export const meterReplacementBody = z.object({
  finalReading: digits.meta({ description: "The old meter's register on the day it comes out" }).transform(toBigInt),
  replacedOn: dateSchema,
  newMeter: z.object(meterFields).strict(),
}).strict();

export const meterReplacementResponse = z.object({ removed: meterSchema, installed: meterSchema }).strict();
