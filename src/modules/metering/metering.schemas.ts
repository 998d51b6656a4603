import { z } from 'zod';
import { bilingual, dateSchema } from '../../http/schemas.js';

const units = z.string().meta({ description: 'Whole units (kWh or imperial gallons)', example: '1500' });

export const submitReadingBody = z.object({
  accountNumber: z.string().min(1).max(32).optional(),
  meterNumber: z.string().min(1).max(32).optional(),
  // Checked by the service, so "12.5", "-3" and "abc" each get their own code rather than a generic failure.
  reading: z.union([z.string().max(40), z.number()]).meta({ description: 'The register value as shown on the meter, digits only', example: '012345' }),
  readOn: z.string().max(20).optional().meta({ description: 'Day of the reading (YYYY-MM-DD); today when left out', example: '2026-11-21' }),
}).strict();

export const expectedSchema = z.object({ units, low: units, high: units }).strict()
  .meta({ description: 'Use expected from the account\'s history over the same days, and the band outside which a reading is held' });

export const readingSchema = z.object({
  id: z.string(),
  accountNumber: z.string(),
  meterNumber: z.string(),
  readOn: dateSchema,
  value: units,
  consumption: units,
  unit: z.enum(['kWh', 'imp_gal']),
  rollover: z.boolean(),
  source: z.enum(['customer', 'staff', 'import', 'install', 'removal']),
  status: z.enum(['accepted', 'held', 'rejected']),
  code: z.string(),
}).strict().meta({ id: 'MeterReading' });

export const readingDecisionSchema = z.object({
  decision: z.enum(['accepted', 'held', 'rejected']),
  code: z.string(),
  message: bilingual,
  reading: readingSchema,
  expected: expectedSchema.nullable(),
}).strict().meta({ id: 'ReadingDecision' });

export const readingsResponse = z.object({ readings: z.array(readingSchema) }).strict();
export const readingParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const reviewBody = z.object({ accept: z.boolean() }).strict();
export const importBody = z.object({ csv: z.string().min(1).max(2_000_000) }).strict()
  .meta({ description: 'The handheld export as text (or send the file itself as text/csv)' });

export const importResponse = z.object({
  rows: z.number().int(),
  accepted: z.number().int(),
  held: z.number().int(),
  refused: z.number().int(),
  results: z.array(z.object({
    line: z.number().int(),
    meterNumber: z.string().nullable(),
    accountNumber: z.string().nullable(),
    reading: z.string(),
    readOn: z.string().nullable(),
    decision: z.enum(['accepted', 'held', 'refused']),
    code: z.string(),
    message: bilingual,
    readingId: z.string().nullable(),
    consumption: units.nullable(),
  }).strict()),
}).strict().meta({ id: 'ReadingsImport' });
