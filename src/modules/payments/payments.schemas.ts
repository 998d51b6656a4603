// Request and response shapes of the payments API. The portal reads these: keep them stable. Amounts are
// decimal strings in the currency's scale ("12.500"); ids are opaque strings.
import { z } from 'zod';
import { appIssue, bilingual, civilIdSchema, currencySchema, languageSchema } from '../../http/schemas.js';

const lookupValue = z.string().regex(/^[A-Za-z0-9-]{1,32}$/);

const lookupFields = {
  civilId: civilIdSchema.optional(),
  accountNumber: lookupValue.optional().meta({ example: '100200300' }),
  meterNumber: lookupValue.optional().meta({ example: 'M-55012' }),
  // Plates are written many ways ("12/34567", "12 - 34567", Arabic-Indic digits); the service normalises them.
  plate: z.string().min(1).max(32).regex(/^[\p{L}\p{N} /-]+$/u).optional().meta({ example: '12/34567' }),
};

function exactlyOneLookup(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const given = ['civilId', 'accountNumber', 'meterNumber', 'plate'].filter((key) => value[key] !== undefined);
  if (given.length !== 1) ctx.addIssue(appIssue('lookup_required', 'give exactly one of civilId, accountNumber, meterNumber, plate'));
}

export const lookupSchema = z.object(lookupFields).strict().superRefine(exactlyOneLookup);

export const duesQuery = z.object(lookupFields).strict().superRefine(exactlyOneLookup);

export const duesPayableSchema = z.object({
  id: z.string(),
  biller: z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() }).strict(),
  kind: z.string(),
  /** The biller's reference (a bill's holds the account number): null unless the caller owns the payable or is staff. */
  reference: z.string().nullable(),
  description: bilingual,
  amountDue: z.string(),
  currency: z.string(),
  dueDate: z.string(),
  status: z.string(),
  payableOnline: z.boolean(),
  holdReason: bilingual.nullable(),
  allowsPartialPayment: z.boolean(),
  minPartialAmount: z.string(),
  /** Masked initials (م*** ع***) unless the signed-in citizen owns the payable, or staff ask; null when unknown. */
  owner: z.object({ name: bilingual }).strict().nullable(),
}).strict().meta({ id: 'DuesPayable' });

export const duesResponse = z.object({
  payables: z.array(duesPayableSchema).meta({ description: 'What can be paid now, oldest due first' }),
  held: z.array(duesPayableSchema).meta({ description: 'Owed but not payable now (a fine held for legal process, a government account): shown apart' }),
  total: z.string().meta({ description: 'What can be paid now: the payables above, in `currency` (held items are not in it)' }),
  heldTotal: z.string().meta({ description: 'What the held items add up to, in `currency`' }),
  currency: z.string(),
}).strict().meta({ id: 'Dues' });

// Amounts in payment requests are checked by the service (amount_invalid, amount_not_positive…) rather than here,
// so a malformed or negative amount is refused with its code *and* audited like any other refused payment.
const moneyText = z.string().max(32).meta({ description: 'Decimal string in the currency scale', example: '12.500' });

const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/).meta({ description: 'Unique per attempt; a retry with the same key returns the first result. The Idempotency-Key header is accepted too.' });

export const checkoutBody = z.object({
  items: z.array(z.object({
    payableId: z.string().min(1).max(64),
    amount: moneyText.optional().meta({ description: 'Omit to pay what is due in full; less is a partial payment where the biller allows it' }),
  }).strict()).max(50).optional(),
  /** Shorthand for items each paid in full. */
  payableIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  allocate: z.object({ lookup: lookupSchema, amount: moneyText }).strict().optional()
    .meta({ description: 'Pay an amount spread over the open payables of a look-up, oldest due first; what is left becomes credit' }),
  channel: z.enum(['knet', 'kiosk']).default('knet').meta({ description: "knet: the portal's card payment; kiosk: the same KNET payment made at a self-service kiosk (KSK receipts, the kiosk's result page)" }),
  language: languageSchema.default('ar'),
  idempotencyKey: idempotencyKeySchema.optional(),
}).strict();

export const checkoutHeaders = z.object({ 'idempotency-key': idempotencyKeySchema.optional() }).passthrough();

export const paymentStatusSchema = z.enum(['pending', 'posted', 'failed', 'refunded', 'reversed', 'partially_refunded']);

export const checkoutResponse = z.object({
  paymentId: z.string(),
  status: paymentStatusSchema,
  /** The gateway's hosted page; null once the payment is no longer pending. */
  redirectUrl: z.string().nullable(),
  amount: z.string(),
  currency: currencySchema,
}).strict().meta({ id: 'CheckoutStarted' });

export const directPaymentBody = z.object({
  items: z.array(z.object({ payableId: z.string().min(1).max(64), amount: moneyText }).strict()).min(1).max(50),
  channel: z.enum(['bank', 'counter']),
  externalId: z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/).meta({ description: "The bank's transaction id or the counter's receipt id: posting is once per id" }),
  language: languageSchema.default('ar'),
}).strict();

export const paymentView = z.object({
  paymentId: z.string(),
  status: paymentStatusSchema,
  channel: z.string(),
  amount: z.string(),
  credit: z.string(),
  refunded: z.string(),
  currency: z.string(),
  receiptNumber: z.string().nullable(),
  verifyUrl: z.string().nullable(),
  failureCode: z.string().nullable(),
  /**
   * A card payment's ids at the gateway, to quote to the bank (KNET manual K-064 §8): the gateway's payment id
   * (null until it answers) and our track id. Null for other channels.
   */
  gateway: z.object({ name: z.string(), paymentId: z.string().nullable(), trackId: z.string().nullable() }).strict().nullable(),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
}).strict().meta({ id: 'Payment' });

/** The gateway's return page: the payment, and what it was for (ids and amounts only) so it can be tried again. */
export const paymentResultView = paymentView.extend({
  items: z.array(z.object({ payableId: z.string(), amount: z.string() }).strict()),
}).strict().meta({ id: 'PaymentResult' });

export const myPaymentsResponse = z.object({ payments: z.array(paymentView) }).strict();

export const directPaymentResponse = paymentView.extend({ replayed: z.boolean() }).strict();

export const paymentParams = z.object({ paymentId: z.string().regex(/^pay_[0-9A-Z]{26}$/) }).strict();

export const refundBody = z.object({
  reason: z.string().min(3).max(500),
  kind: z.enum(['refund', 'reversal']).default('refund'),
  payableIds: z.array(z.string().min(1).max(64)).min(1).max(50).optional()
    .meta({ description: 'Refund only what the payment paid on these payables (a partial refund); default: the whole payment' }),
  idempotencyKey: idempotencyKeySchema.optional().meta({ description: 'The same key on the same payment answers the first refund instead of making another' }),
}).strict();

export const refundParams = z.object({ refundId: z.string().regex(/^rfd_[0-9A-Z]{26}$/) }).strict();

export const refundResponse = z.object({
  refundId: z.string(), paymentId: z.string(), amount: z.string(), currency: z.string(),
  /** The payment's status after the refund. */
  status: paymentStatusSchema,
  /** requested: a card refund the gateway has not answered yet (it is sent again until it answers); refunded; failed. */
  refundStatus: z.enum(['requested', 'refunded', 'failed']),
  failureCode: z.string().nullable(),
  replayed: z.boolean(),
}).strict().meta({ id: 'Refund' });

/** A receipt number: a point and its year (WEB-2026-000123), or an office and its counter (SALMIYA-C01-000123). */
/** OFFICE-COUNTER-000123; a counter's offline series has X before the digits (SALMIYA-C01-X000123). */
export const RECEIPT_NUMBER = /^[A-Z0-9]{2,12}-[A-Z0-9]{2,12}-X?\d{6,}$/;
export const receiptParams = z.object({ receiptNumber: z.string().regex(RECEIPT_NUMBER) }).strict();
export const receiptQuery = z.object({ sig: z.string().max(64).optional() }).strict();
export const receiptPdfQuery = z.object({
  lang: languageSchema.default('ar'),
  sig: z.string().max(64).optional(),
  /** 'thermal': an 80 mm roll, for a counter's or a kiosk's receipt printer. */
  format: z.enum(['a4', 'thermal']).default('a4'),
}).strict();

export const receiptResponse = z.object({
  receiptNumber: z.string(),
  paymentId: z.string(),
  status: z.enum(['paid', 'partially_refunded', 'refunded', 'reversed']),
  channel: z.string(),
  issuingPoint: z.object({ code: z.string(), ar: z.string(), en: z.string() }).strict(),
  paidAt: z.string(),
  currency: z.string(),
  total: z.string(),
  credit: z.string(),
  refunded: z.string(),
  payer: z.object({ name: bilingual.nullable(), civilId: z.string().nullable() }).strict(),
  items: z.array(z.object({
    payableId: z.string(),
    biller: z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() }).strict(),
    reference: z.string(),
    description: bilingual,
    amount: z.string(),
  }).strict()),
  gateway: z.object({
    name: z.string(), paymentId: z.string().nullable(), authCode: z.string().nullable(), reference: z.string().nullable(),
    transactionId: z.string().nullable(), trackId: z.string().nullable(),
  }).strict().nullable(),
  verifyUrl: z.string(),
}).strict().meta({ id: 'Receipt' });

export const gatewayCallbackBody = z.record(z.string(), z.string());


export const governmentTransferBody = z.object({
  transferReference: z.string().min(1).max(100).meta({ description: "The finance ministry's transfer number: a transfer is recorded once" }),
  payableIds: z.array(z.string()).min(1).max(1000).meta({ description: "The government accounts' bills (payables) the transfer settles, each in full" }),
}).strict();

export const governmentTransferResponse = z.object({
  transferReference: z.string(),
  transactionId: z.string(),
  total: z.string(),
  currency: z.string(),
  settled: z.array(z.object({ payableId: z.string(), reference: z.string(), amount: z.string() }).strict()),
}).strict().meta({ id: 'GovernmentTransfer' });

export const knetSettlementParams = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ example: '2026-12-04' }) }).strict();

const knetExceptionKind = z.enum(['captured_not_posted', 'posted_but_voided']);

export const knetSettlementRunResponse = z.object({
  businessDate: z.string(),
  attempts: z.number().int(),
  agreed: z.number().int(),
  unanswered: z.number().int(),
  found: z.array(z.object({ kind: knetExceptionKind, paymentId: z.string(), status: z.enum(['resolved', 'open']), resolutionRef: z.string().nullable() }).strict()),
}).strict().meta({ id: 'KnetSettlementRun' });

export const knetSettlementExceptionsResponse = z.object({
  businessDate: z.string(),
  exceptions: z.array(z.object({
    id: z.string(), kind: knetExceptionKind, paymentId: z.string(), trackId: z.string(), knetPaymentId: z.string().nullable(),
    amount: z.string(), currency: z.string(), tasdeedStatus: z.string(), knetResult: z.string(),
    status: z.enum(['resolved', 'open']), resolutionRef: z.string().nullable(), detectedAt: z.string(),
  }).strict()),
}).strict().meta({ id: 'KnetSettlementExceptions' });
