// Request and response schemas of the reconciliation API (admins only).
import { z } from 'zod';

const id = z.string().min(1).max(64);
export const idParams = z.object({ id }).strict();
export const importQuery = z.object({ file: z.string().trim().min(1).max(200).optional() }).strict();
export const matchBody = z.object({ paymentId: id, note: z.string().trim().min(1).max(500) }).strict();
export const returnBody = z.object({ note: z.string().trim().min(1).max(500) }).strict();
export const reportQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ example: '2026-12-05' }) }).strict();

export const importResponse = z.object({
  file: z.string(), format: z.string(), statementId: z.string(), entries: z.number(), booked: z.number(), pending: z.number(), matched: z.number(),
  suspense: z.number(), reversed: z.number(), duplicate: z.boolean(), openingBalance: z.string().nullable(), closingBalance: z.string().nullable(), balanced: z.boolean().nullable(),
});

export const statementView = z.object({
  id: z.string(), format: z.string(), statementId: z.string(), account: z.string(), currency: z.string(), fileName: z.string(),
  openingBalance: z.string().nullable(), closingBalance: z.string().nullable(), balanced: z.boolean().nullable(), importedAt: z.string(),
});
export const entryView = z.object({
  id: z.string(), statementId: z.string(), position: z.number(), direction: z.string(), reversal: z.boolean(), bookingStatus: z.string(),
  amount: z.string(), currency: z.string(), bookingDate: z.string().nullable(), endToEndId: z.string().nullable(), accountServicerRef: z.string().nullable(),
  transactionId: z.string().nullable(), remittance: z.array(z.string()), state: z.string(), suspenseReason: z.string().nullable(), paymentId: z.string().nullable(),
  note: z.string().nullable(),
});
export const statementsResponse = z.object({ statements: z.array(statementView) });
export const statementResponse = z.object({ statement: statementView, entries: z.array(entryView) });
export const entriesResponse = z.object({ entries: z.array(entryView) });

const line = z.object({
  channel: z.string(), bank: z.string(), currency: z.string(),
  expected: z.object({ count: z.number(), amount: z.string() }), settled: z.object({ count: z.number(), amount: z.string() }),
  postedNotSettled: z.array(z.object({ paymentId: z.string(), amount: z.string() })),
  settledNotPosted: z.array(z.object({ entryId: z.string(), paymentId: z.string().nullable(), amount: z.string() })),
});
export const reportResponse = z.object({ date: z.string(), lines: z.array(line) });
