// Payments that arrive already made: a bank's payment notification, a counter's cash, credit the party already
// holds. They post at once, in strict mode, idempotent on the channel's own id: the same bank transaction id
// asked twice answers the first result and posts nothing more.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, isInTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { payables } from '../billers/index.js';
import { partyOf } from './parties.js';
import { postInOneStatement } from './one-statement-posting.js';
import * as store from './payments.store.js';
import {
  RECEIPT_POINT_OF_CHANNEL, applyItems, paymentLines, postPaymentLedger, queueReceipt, receiptYear, sourceAccountOf, sumItems,
  type PlannedItem,
} from './posting.js';

export type DirectChannel = 'bank' | 'counter' | 'credit';

export interface DirectPaymentInput {
  channel: DirectChannel;
  /** The channel's own transaction id (bank transaction id, counter receipt id): posting is once per id. */
  externalId: string;
  items: PlannedItem[];
  currency: string;
  language?: 'ar' | 'en';
  /** channel `credit`: the credit account that pays. */
  creditAccount?: string;
  personId?: string | null;
  civilId?: string | null;
  /** channel `counter`: the receipt number the counter drew from its own sequence. */
  receiptNumber?: string;
  /**
   * 'strict' (default): what does not fit is refused and nothing posts. 'keep': the money was already taken (a
   * counter's offline journal replayed after the bill was paid elsewhere): what no longer fits becomes the party's
   * credit, never lost; the payables must still exist and be in the payment's currency.
   */
  mode?: 'strict' | 'keep';
}

export interface DirectPaymentResult {
  payment: store.PaymentRow;
  /** mode 'keep': what became the party's credit (0 when everything fitted). */
  credited: bigint;
  /** True when this id had already posted: the first result is returned and nothing new happened. */
  replayed: boolean;
}

export function assertPlannedItems(items: PlannedItem[]): void {
  if (items.length === 0) throw new AppError('payment_items_required');
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.payableId)) throw new AppError('payment_items_duplicate', { payableId: item.payableId });
    seen.add(item.payableId);
    if (item.amount <= 0n) throw new AppError('amount_not_positive', { payableId: item.payableId });
  }
}

export function directRequestHash(input: Pick<DirectPaymentInput, 'channel' | 'items' | 'currency'>): string {
  const canonical = [...input.items].sort((a, b) => a.payableId.localeCompare(b.payableId)).map((i) => `${i.payableId}=${i.amount}`).join(',');
  return createHash('sha256').update(`${input.channel}|${input.currency}|${canonical}`).digest('hex');
}

// Thrown inside the transaction when another request with the same id committed first: roll back, answer theirs.
class ExternalIdTaken extends Error {}

export async function postDirectPayment(ctx: Ctx, actor: Actor, input: DirectPaymentInput): Promise<DirectPaymentResult> {
  assertPlannedItems(input.items);
  const requestHash = directRequestHash(input);
  const replay = (existing: store.PaymentRow): DirectPaymentResult => {
    if (existing.requestHash !== requestHash) throw new AppError('idempotency_conflict', { externalId: input.externalId, paymentId: existing.id });
    return { payment: existing, replayed: true, credited: existing.creditAmount };
  };
  const row = directPaymentRow(ctx, actor, input, requestHash);
  // The common case, a strict payment that fits, in one round trip; anything else decides below.
  if (input.mode !== 'keep' && !isInTransaction(ctx)) {
    const posted = await postInOneStatement(ctx, input, row);
    if (posted) return posted;
  }
  try {
    return await inTransaction(ctx, async (tx) => {
      // The payment row first: it claims the channel's id (a repeat finds it taken and answers the first result),
      // and a payment refused below rolls back with it. A refused payment leaves a gap in the receipt numbers.
      const payment = await store.insertPostedPaymentWithItems(tx.db, row, input.items, { point: RECEIPT_POINT_OF_CHANNEL[input.channel], year: receiptYear(tx), ...(input.receiptNumber ? { number: input.receiptNumber } : {}) });
      if (!payment) throw new ExternalIdTaken();
      if (input.mode === 'keep') return await postKeepingTheMoney(tx, actor, payment, input);
      const { applied } = await applyItems(tx, input.items, input.currency, 'strict');
      await postPaymentLedger(tx, payment, paymentLines(sourceAccountOf(input.channel, input.creditAccount), row.amount, applied));
      await queueReceipt(tx, payment, applied);
      return { payment, replayed: false, credited: 0n };
    });
  } catch (error) {
    // The id was taken (a repeat, or a concurrent request that committed first): that payment is the answer.
    if (error instanceof ExternalIdTaken || (error instanceof AppError && error.code.startsWith('payable_'))) {
      const existing = await store.findPaymentByExternalId(ctx.db, input.channel, actorIdOf(actor), input.externalId);
      if (existing) return replay(existing);
      if (error instanceof ExternalIdTaken) throw new AppError('conflict', { externalId: input.externalId });
    }
    throw error;
  }
}

const actorIdOf = (actor: Actor): string => (actor.kind === 'anonymous' ? 'anonymous' : actor.id);

/** The posted payment's row, before its receipt number is drawn: the same for the one-statement and transactional paths. */
export function directPaymentRow(ctx: Ctx, actor: Actor, input: DirectPaymentInput, requestHash: string): store.UnnumberedPaymentRow {
  const now = ctx.clock.now();
  return {
    id: newId('pay'),
    channel: input.channel,
    status: 'posted',
    currency: input.currency,
    amount: sumItems(input.items),
    creditAmount: 0n,
    // Credit paying a bill: which party's credit paid, so a refund gives it back there.
    creditParty: input.creditAccount ? input.creditAccount.slice('credit:'.length) : null,
    refundedAmount: 0n,
    personId: input.personId ?? null,
    civilId: input.civilId ?? null,
    actorKind: actor.kind,
    actorId: actorIdOf(actor),
    language: input.language ?? 'ar',
    idempotencyScope: null,
    idempotencyKey: null,
    requestHash,
    externalId: input.externalId,
    gateway: null,
    trackId: null,
    gatewayPaymentId: null,
    gatewayStatus: null,
    gatewayResult: null,
    failureCode: null,
    inquiryAttempts: 0,
    lastInquiryAt: null,
    createdAt: now,
    updatedAt: now,
    postedAt: now,
    closedAt: null,
  };
}

/** Money already in hand: apply what still fits, the rest to the first payable's party as credit (audited). */
async function postKeepingTheMoney(tx: Ctx, actor: Actor, payment: store.PaymentRow, input: DirectPaymentInput): Promise<DirectPaymentResult> {
  const found = await payables.findMany(tx, input.items.map((i) => i.payableId));
  const byId = new Map(found.map((p) => [p.id, p]));
  for (const item of input.items) {
    const payable = byId.get(item.payableId);
    if (!payable) throw new AppError('payable_not_found', { payableId: item.payableId });
    if (payable.currency !== input.currency) throw new AppError('payment_currency_mixed', { payableId: item.payableId });
  }
  const { applied, appliedByPayable, leftover } = await applyItems(tx, input.items, input.currency, 'captured');
  let posted = payment;
  if (leftover > 0n) {
    const creditParty = partyOf(byId.get(input.items[0]!.payableId)!);
    const items = await store.itemsOf(tx.db, [payment.id]);
    const changed = items.filter((i) => appliedByPayable.get(i.payableId) !== i.amount).map((i) => ({ id: i.id, amount: appliedByPayable.get(i.payableId) ?? 0n }));
    await store.recordCapturedShortfall(tx.db, payment.id, leftover, creditParty, changed);
    posted = { ...payment, creditAmount: leftover, creditParty };
    await recordAudit(tx, actor, { action: 'payment.taken_to_credit', entityType: 'payment', entityId: payment.id, detail: { leftover: leftover.toString(), creditParty, channel: input.channel, externalId: input.externalId } });
  }
  const lines = paymentLines(sourceAccountOf(input.channel, input.creditAccount), payment.amount, applied, { party: posted.creditParty ?? '', amount: posted.creditAmount });
  await postPaymentLedger(tx, posted, lines);
  await queueReceipt(tx, posted, applied);
  return { payment: posted, replayed: false, credited: leftover };
}
