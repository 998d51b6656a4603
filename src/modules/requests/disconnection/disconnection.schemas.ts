import { z } from 'zod';
import { amountSchema } from '../../../http/schemas.js';

export const ruleParams = z.object({ category: z.string().min(1).max(40), currency: z.string().length(3) }).strict();

export const ruleBody = z.object({
  minDebt: amountSchema,
  minAgeDays: z.number().int().min(0).max(3650),
  graceDays: z.number().int().min(0).max(365),
  disconnectionSlaHours: z.number().int().min(1).max(24 * 90),
  reconnectionFee: amountSchema,
  reconnectionSlaHours: z.number().int().min(1).max(24 * 30),
  active: z.boolean(),
}).strict();

export const ruleResponse = z.object({
  category: z.string(), currency: z.string(), minDebt: z.string(), minAgeDays: z.number(), graceDays: z.number(),
  disconnectionSlaHours: z.number(), reconnectionFee: z.string(), reconnectionSlaHours: z.number(), active: z.boolean(),
  updatedAt: z.string(), updatedBy: z.string().nullable(),
});

export const runResponse = z.object({ warned: z.array(z.string()), ordered: z.array(z.string()), settled: z.array(z.string()), reconnecting: z.array(z.string()) });

export const ordersQuery = z.object({
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  kind: z.enum(['disconnect', 'reconnect']).optional(),
  accountNumber: z.string().min(1).max(20).optional(),
}).strict();

export const orderParams = z.object({ id: z.string().min(1).max(64) }).strict();
export const completeBody = z.object({ note: z.string().max(2000).optional() }).strict();

export const orderResponse = z.object({
  id: z.string(), caseId: z.string(), kind: z.enum(['disconnect', 'reconnect']), accountNumber: z.string(), areaAr: z.string(), areaEn: z.string(),
  status: z.enum(['open', 'done', 'cancelled']), dueBy: z.string(), late: z.boolean(), feePayableId: z.string().nullable(), note: z.string().nullable(),
  createdAt: z.string(), doneAt: z.string().nullable(), doneBy: z.string().nullable(),
});
