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

export const reportQuery = z.object({
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json').meta({ description: 'json (default), csv (UTF-8 with BOM), xlsx or pdf' }),
  lang: z.enum(['ar', 'en']).optional().meta({ description: 'Language of the XLSX headings and of the PDF; from Accept-Language when left out, else English' }),
  from: dateSchema.optional().meta({ description: 'First business day (Asia/Kuwait), included; the 1st of the month of `to` when left out' }),
  to: dateSchema.optional().meta({ description: 'Last business day, included; today when left out' }),
  billerCode: z.string().min(1).max(64).optional().meta({ description: 'Only this biller' }),
  by: z.string().max(64).optional().meta({ description: 'collections-breakdown only: comma-separated day, channel, biller, office, bank (default day,channel,biller)' }),
}).strict();

const reportCell = z.union([z.string(), z.number(), z.null()]);

export const reportTableResponse = z.object({
  report: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  filters: z.record(z.string(), z.string().nullable()),
  generatedAt: z.string(),
  columns: z.array(z.object({ key: z.string(), labelAr: z.string(), labelEn: z.string(), kind: z.enum(['text', 'count', 'amount', 'percent']) }).strict()),
  rows: z.array(z.record(z.string(), reportCell)),
  totals: z.array(z.record(z.string(), reportCell)).meta({ description: 'One row per currency; amounts are never added across currencies' }),
}).strict().meta({ id: 'ReportTable' });

/** JSON is the table; CSV, XLSX and PDF are files (XLSX and PDF binary bodies). */
export const reportResponse = z.union([reportTableResponse, z.string().meta({ description: 'The CSV, XLSX or PDF file' })]);
