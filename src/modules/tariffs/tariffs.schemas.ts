import { z } from 'zod';
import { amountSchema, bilingual, currencySchema, dateSchema } from '../../http/schemas.js';

const unitsSchema = z.string().regex(/^\d{1,12}$/).meta({ description: 'Whole units (kWh or imperial gallons)', example: '6000' });
const unitSchema = z.enum(['kWh', 'imp_gal']);
const vatRateSchema = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).meta({ description: 'Value added tax on the charges, in percent (two decimals at most); 0 where there is none', example: '15' });

export const tierSchema = z.object({
  upTo: unitsSchema.nullable().meta({ description: 'Monthly consumption this block covers up to (cumulative); null for the last block' }),
  price: amountSchema.meta({ description: 'Price of `perUnits` units, in the currency scale', example: '0.018' }),
  perUnits: unitsSchema.meta({ description: 'How many units the price is for (1 for per-kWh, 1000 for water per 1,000 gallons)', example: '1' }),
}).strict();

export const tariffVersionSchema = z.object({
  id: z.string(),
  billerCode: z.string(),
  category: z.string(),
  effectiveFrom: dateSchema,
  effectiveTo: dateSchema.nullable().meta({ description: 'Exclusive; null while current' }),
  currency: z.string(),
  unit: unitSchema,
  fixedMonthly: z.string(),
  vatRate: vatRateSchema,
  name: bilingual,
  source: z.string(),
  tiers: z.array(tierSchema),
}).strict().meta({ id: 'TariffVersion' });

export const tariffListQuery = z.object({
  biller: z.string().max(40).optional(),
  category: z.string().max(30).optional(),
}).strict();

export const tariffListResponse = z.object({ tariffs: z.array(tariffVersionSchema) }).strict();

export const createTariffBody = z.object({
  billerCode: z.string().min(2).max(40),
  category: z.string().min(2).max(30),
  effectiveFrom: dateSchema,
  effectiveTo: dateSchema.nullable().optional(),
  currency: currencySchema,
  unit: unitSchema,
  fixedMonthly: amountSchema.default('0'),
  vatRate: vatRateSchema.default('0'),
  name: bilingual,
  source: z.string().max(500).optional(),
  tiers: z.array(tierSchema).min(1).max(20),
  supersede: z.boolean().optional().meta({ description: 'End the current open-ended version where this one starts instead of refusing the overlap' }),
}).strict();
