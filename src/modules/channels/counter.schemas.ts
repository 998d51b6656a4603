import { z } from 'zod';
import { currencySchema, dateSchema, languageSchema } from '../../http/schemas.js';

const moneyText = z.string().max(32).meta({ description: 'Decimal string in the currency scale', example: '12.500' });
const code = (what: string) => z.string().regex(/^[A-Z0-9]{2,12}$/).meta({ description: `${what}: upper-case letters and digits, printed in receipt numbers` });
const name = z.string().trim().min(1).max(200);

export const officeBody = z.object({ code: code('Office code'), nameAr: name, nameEn: name, areaAr: z.string().max(200).optional(), areaEn: z.string().max(200).optional() }).strict();
export const counterBody = z.object({ code: code('Counter code'), nameAr: name, nameEn: name }).strict();
export const officeParams = z.object({ officeCode: z.string().min(1).max(12) }).strict();

const counterView = z.object({ id: z.string(), code: z.string(), nameAr: z.string(), nameEn: z.string(), active: z.boolean() });
const offlineLimitsView = z.object({
  currency: z.string(),
  maxPerPayment: z.string().nullable().meta({ description: 'The most one payment taken offline may be; null: no limit' }),
  maxTotal: z.string().nullable().meta({ description: 'The most one drawer may take offline in all; null: no limit' }),
}).meta({ id: 'CounterOfflineLimits' });
export const officeView = z.object({
  id: z.string(), code: z.string(), nameAr: z.string(), nameEn: z.string(), areaAr: z.string(), areaEn: z.string(), active: z.boolean(), counters: z.array(counterView),
  offlineLimits: offlineLimitsView,
}).meta({ id: 'CounterOffice' });
export const offlineLimitsBody = z.object({ maxPerPayment: moneyText.nullable(), maxTotal: moneyText.nullable() }).strict();
export const receiptBlockView = z.object({
  blockId: z.string(), drawerId: z.string(), officeCode: z.string(), counterCode: z.string(),
  prefix: z.string().meta({ description: 'An offline receipt number is the prefix and the sequence number, six digits at least: SALMIYA-C01-X000123' }),
  first: z.string().meta({ description: 'First sequence number of the block (decimal integer)' }), last: z.string(),
  firstReceiptNumber: z.string(), lastReceiptNumber: z.string(), allocatedAt: z.string(),
}).meta({ id: 'CounterReceiptBlock' });
export const officesResponse = z.object({ offices: z.array(officeView) });
export { counterView };

export const openDrawerBody = z.object({ counterCode: z.string().min(1).max(12), openingFloat: moneyText }).strict();
export const drawerParams = z.object({ drawerId: z.string().min(1).max(64) }).strict();
export const closeDrawerBody = z.object({ countedCash: moneyText, note: z.string().max(500).optional() }).strict();
export const drawerView = z.object({
  drawerId: z.string(), officeId: z.string(), counterId: z.string(), cashierId: z.string(), businessDate: z.string(), currency: z.string(), status: z.string(),
  openingFloat: z.string(), expectedCash: z.string().nullable(), countedCash: z.string().nullable(), difference: z.string().nullable(),
  openedAt: z.string(), closedAt: z.string().nullable(),
}).meta({ id: 'CounterDrawer' });
export const currentDrawerResponse = z.object({ drawer: drawerView.nullable() });

const clientId = z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/).meta({ description: "The counter page's own id for this payment (a replay of the same id answers the first result)" });
const tender = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), amount: moneyText }).strict(),
  z.object({ kind: z.literal('card'), amount: moneyText, reference: z.string().trim().min(4).max(64).meta({ description: 'The KNET POS reference of the card transaction' }) }).strict(),
  z.object({ kind: z.literal('cheque'), amount: moneyText, chequeNumber: z.string().trim().min(1).max(32), bank: z.string().trim().min(2).max(100) }).strict(),
]);
export const counterPaymentBody = z.object({
  id: clientId,
  currency: currencySchema.optional(),
  items: z.array(z.object({ payableId: z.string().min(1).max(64), amount: moneyText }).strict()).min(1).max(50),
  tenders: z.array(tender).min(1).max(10),
  language: languageSchema.optional(),
  takenOffline: z.boolean().optional().meta({ description: "Taken while the counter page was offline (its journal's replay): a bill paid meanwhile elsewhere turns the money to the account's credit instead of a refusal" }),
  offlineReceiptNumber: z.string().max(64).optional().meta({ description: "Taken offline: the receipt number the page printed, from a block given to the counter (POST /api/v1/counter/receipt-blocks); the payment posts under it. Implies takenOffline" }),
}).strict();
export const counterPaymentParams = z.object({ id: clientId }).strict();
export const counterPaymentView = z.object({
  id: z.string(), paymentId: z.string(), receiptNumber: z.string(), officeCode: z.string(), counterCode: z.string(), businessDate: z.string(),
  status: z.string(), currency: z.string(), amount: z.string(), changeGiven: z.string(),
  items: z.array(z.object({ payableId: z.string(), billerCode: z.string(), amount: z.string() })),
  tenders: z.array(z.object({ kind: z.string(), amount: z.string(), reference: z.string().nullable(), chequeNumber: z.string().nullable(), chequeBank: z.string().nullable() })),
  takenOffline: z.boolean(),
  offlineReceipt: z.boolean().meta({ description: "Its receipt number came from the counter's offline block (printed while offline)" }),
  overOfflineLimit: z.boolean().meta({ description: "Taken offline over the office's offline limits: posted (the money was taken), flagged for the supervisor" }),
  credited: z.string().meta({ description: "What became the account's credit (a bill paid meanwhile elsewhere); 0 when all fitted" }),
  voidReason: z.string().nullable(), createdAt: z.string(), replayed: z.boolean(),
}).meta({ id: 'CounterPayment' });
export const officePaymentsResponse = z.object({ officeCode: z.string(), businessDate: z.string(), payments: z.array(counterPaymentView) });

export const voidBody = z.object({ reason: z.string().min(3).max(500) }).strict();
export const voidResponse = z.object({ id: z.string(), paymentId: z.string(), status: z.string(), reversalId: z.string(), amount: z.string(), currency: z.string() });

export const dayQuery = z.object({ date: dateSchema }).strict();
export const dayCloseBody = z.object({ date: dateSchema }).strict();
const tally = z.object({ count: z.number(), amount: z.string() });
export const dayReportResponse = z.object({
  officeCode: z.string(), businessDate: z.string(), closed: z.boolean(), closedAt: z.string().nullable(), closedBy: z.string().nullable(),
  currency: z.string(), paymentCount: z.number(), paid: z.string(), voidCount: z.number(), voided: z.string(), overShort: z.string(),
  byTender: z.array(tally.extend({ kind: z.enum(['cash', 'card', 'cheque']) })),
  byBiller: z.array(tally.extend({ billerCode: z.string() })),
  drawers: z.array(z.object({
    drawerId: z.string(), counterCode: z.string(), cashierId: z.string(), status: z.string(), openingFloat: z.string(),
    expectedCash: z.string().nullable(), countedCash: z.string().nullable(), difference: z.string().nullable(),
  })),
}).meta({ id: 'CounterDayReport' });
