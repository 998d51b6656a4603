import { z } from 'zod';
import { bilingual, dateSchema, languageSchema, periodSchema } from '../../http/schemas.js';

const amount = z.string().meta({ description: 'Decimal string in the currency scale', example: '12.500' });
const units = z.string().meta({ description: 'Whole units (kWh or imperial gallons)', example: '1500' });

export const billLineSchema = z.object({
  kind: z.enum(['consumption', 'fixed', 'estimate_correction', 'credit_brought_forward', 'previous_balance']),
  label: bilingual,
  quantity: units.nullable(),
  tierFrom: units.nullable(),
  tierTo: units.nullable(),
  rate: z.object({ price: amount, perUnits: units, label: bilingual }).strict().nullable(),
  amount,
  countsInTotal: z.boolean().meta({ description: 'false for the previous balance: shown, not added into this bill' }),
}).strict();

export const billSummarySchema = z.object({
  id: z.string(),
  billNumber: z.string(),
  billerCode: z.string(),
  accountNumber: z.string(),
  meterNumber: z.string().nullable(),
  period: periodSchema,
  periodFrom: dateSchema,
  periodTo: dateSchema,
  issuedOn: dateSchema,
  dueDate: dateSchema,
  estimated: z.boolean(),
  consumption: units,
  unit: z.enum(['kWh', 'imp_gal']),
  amount,
  currency: z.string(),
  previousBalance: amount.meta({ description: 'Unpaid earlier bills when this one was issued (not included in amount)' }),
  payable: z.object({ id: z.string(), status: z.string(), amountDue: amount, payableOnline: z.boolean(), holdReason: bilingual.nullable() }).strict(),
  pdfUrl: z.string(),
}).strict().meta({ id: 'BillSummary' });

export const billDetailSchema = billSummarySchema.extend({
  category: z.string(),
  readings: z.object({
    previous: z.object({ value: units, readOn: dateSchema }).strict().nullable(),
    current: z.object({ value: units, readOn: dateSchema }).strict().nullable(),
  }).strict(),
  lines: z.array(billLineSchema),
  creditCarriedForward: amount,
  creditNote: amount.meta({ description: 'Given back by this bill through the ledger (an actual reading below the estimates): lowers the open estimates, then becomes credit' }),
  history: z.array(z.object({ period: periodSchema, consumption: units, estimated: z.boolean() }).strict()),
}).strict().meta({ id: 'Bill' });

export const billsResponse = z.object({ bills: z.array(billSummarySchema) }).strict();
export const accountBillsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(60).default(12),
}).strict();
export const accountBillsResponse = z.object({
  accountNumber: z.string(),
  bills: z.array(billSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Bills matching the filter, across all pages. */
  total: z.number().int(),
  /** Years the account has bills in, newest first. */
  years: z.array(z.number().int()),
}).strict().meta({ id: 'AccountBills' });
export const billParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const accountParams = z.object({ accountNumber: z.string().min(1).max(32) }).strict();
export const billPdfQuery = z.object({ lang: languageSchema.default('ar') }).strict();

export const billRunBody = z.object({ biller: z.string().min(2).max(40), period: z.string().max(7) }).strict();
export const billRunParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const billRunListQuery = z.object({ biller: z.string().max(40).optional() }).strict();

export const billRunSchema = z.object({
  id: z.string(),
  biller: z.string(),
  period: periodSchema,
  status: z.enum(['running', 'completed', 'completed_with_failures', 'interrupted', 'failed']),
  issuedOn: dateSchema,
  dueDate: dateSchema,
  totalAccounts: z.number().int(),
  billed: z.number().int(),
  estimated: z.number().int(),
  failed: z.number().int(),
  amountTotal: amount,
  currency: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  failures: z.array(z.object({ accountId: z.string(), code: z.string(), message: z.string(), at: z.string() }).strict()).optional(),
}).strict().meta({ id: 'BillRun' });

export const billRunsResponse = z.object({ runs: z.array(billRunSchema) }).strict();
