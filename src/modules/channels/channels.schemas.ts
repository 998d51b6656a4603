import { z } from 'zod';
import { bilingual, currencySchema, dateSchema } from '../../http/schemas.js';

const moneyText = z.string().max(32).meta({ description: 'Decimal string in the currency scale', example: '12.500' });
const transactionId = z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/).meta({ description: "The bank's own transaction id: a notification posts once per id" });

export const inquiryQuery = z.object({
  accountNumber: z.string().min(1).max(64).optional(),
  meterNumber: z.string().min(1).max(64).optional(),
  civilId: z.string().min(1).max(32).optional(),
  plate: z.string().min(1).max(32).optional(),
}).strict();

export const bankBill = z.object({
  billId: z.string(),
  billerCode: z.string(),
  billerName: bilingual,
  kind: z.string(),
  description: bilingual,
  dueDate: z.string(),
  currency: z.string(),
  amountDue: z.string(),
  minAmount: z.string(),
  maxAmount: z.string(),
  partialAllowed: z.boolean(),
}).meta({ id: 'BankBill' });

export const inquiryResponse = z.object({ billingNumber: z.string(), bills: z.array(bankBill) });

export const notificationBody = z.object({
  transactionId,
  currency: currencySchema,
  bills: z.array(z.object({ billId: z.string().min(1).max(64), amount: moneyText }).strict()).min(1).max(50),
}).strict();

export const notificationResponse = z.object({
  transactionId: z.string(),
  paymentId: z.string(),
  receiptNumber: z.string().nullable(),
  status: z.string(),
  amount: z.string(),
  currency: z.string(),
  postedAt: z.string(),
  replayed: z.boolean(),
});

export const reversalBody = z.object({ transactionId, reason: z.string().min(3).max(500) }).strict();
export const reversalResponse = z.object({ transactionId: z.string(), paymentId: z.string(), reversalId: z.string(), amount: z.string(), currency: z.string(), status: z.string() });

export const reportQuery = z.object({ date: dateSchema }).strict();
const total = z.object({ currency: z.string(), paymentCount: z.number(), paid: z.string(), reversalCount: z.number(), reversed: z.string(), net: z.string() });
export const reportResponse = z.object({
  businessDate: z.string(),
  bank: z.string(),
  payments: z.array(z.object({ transactionId: z.string(), paymentId: z.string(), receiptNumber: z.string().nullable(), postedAt: z.string(), amount: z.string(), currency: z.string(), status: z.string() })),
  reversals: z.array(z.object({ transactionId: z.string(), paymentId: z.string(), reversalId: z.string(), kind: z.string(), at: z.string(), amount: z.string(), currency: z.string(), reason: z.string() })),
  totals: z.array(total),
});
