// Request and response shapes of the reports API. Amounts are decimal strings in the currency's scale.
import { z } from 'zod';
import { dateSchema } from '../../http/schemas.js';

export const collectionsQuery = z.object({
  date: dateSchema.optional().meta({ description: 'Business day (Asia/Kuwait); today when left out' }),
}).strict();

export const collectionsResponse = z.object({
  date: z.string(),
  timeZone: z.string(),
  from: z.string().meta({ description: 'The day starts at this instant (inclusive)' }),
  to: z.string().meta({ description: '…and ends at this one (exclusive)' }),
  byChannel: z.array(z.object({ channel: z.string(), currency: z.string(), count: z.number().int(), amount: z.string() }).strict()),
  byBiller: z.array(z.object({
    billerCode: z.string(), nameAr: z.string(), nameEn: z.string(), currency: z.string(), count: z.number().int(), amount: z.string(),
  }).strict()),
  refunds: z.array(z.object({ currency: z.string(), count: z.number().int(), amount: z.string() }).strict()),
  totals: z.array(z.object({
    currency: z.string(), payments: z.number().int(), collected: z.string(), refunded: z.string(), net: z.string(),
  }).strict()),
}).strict().meta({ id: 'DayCollections' });

export const demoResponse = z.object({
  citizen: z.object({ civilId: z.string(), nameAr: z.string(), nameEn: z.string() }).strict(),
  password: z.string(),
  staff: z.array(z.object({ username: z.string(), role: z.string() }).strict()),
  inboxes: z.object({ sms: z.string().nullable(), email: z.string().nullable() }).strict(),
}).strict().meta({ id: 'DemoFacts' });
