// Checkout: the payer picks payables (fully or partly) or an amount to spread oldest-due first, and is sent to the
// card gateway's page. Nothing posts here: a `pending` payment with its items is recorded, committed, and the
// gateway's page address made (no network call). The money posts only when the gateway confirms (knet-flow.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizePlate, plateFormatOf } from '../../shared/plates.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { parsePositiveAmount } from '../../shared/money.js';
import type { Actor } from '../../platform/actor.js';
import { amountDue, payables, type Payable } from '../billers/index.js';
import type { PaymentGateway } from './gateways/index.js';
import { assertPlannedItems } from './direct-posting.js';
import { allocateOldestFirst, assertPayable } from './payment-rules.js';
import { partyOf, partyOfLookup } from './parties.js';
import { sumItems, type PlannedItem } from './posting.js';
import * as store from './payments.store.js';
import type { checkoutBody } from './payments.schemas.js';

/** The request body once checkout() has turned payableIds into items and required the key (from the body or the header). */
export type CheckoutInput = Omit<z.output<typeof checkoutBody>, 'payableIds' | 'idempotencyKey'> & { idempotencyKey: string };

export interface CheckoutUrls {
  /** Where the gateway POSTs the result (server to server). */
  responseUrl: string;
  /** Where the gateway sends the browser when it cannot complete. */
  errorUrl: string;
}

export interface CheckoutResult {
  paymentId: string;
  status: store.PaymentStatus;
  redirectUrl: string | null;
  amount: bigint;
  currency: string;
}

/**
 * Idempotency keys are scoped to who sent them, so one payer's key never collides with another's. Anonymous payers
 * have no identity to scope by: their keys are scoped by the request itself, so the same key with another request
 * is simply another payment and never reveals (or blocks) a stranger's.
 */
export function idempotencyScope(actor: Actor, requestHash: string): string {
  return actor.kind === 'anonymous' ? `anonymous:${requestHash}` : `${actor.kind}:${actor.id}`;
}

function checkoutRequestHash(input: CheckoutInput): string {
  const items = input.items ? [...input.items].sort((a, b) => a.payableId.localeCompare(b.payableId)).map((i) => `${i.payableId}=${i.amount ?? 'due'}`) : [];
  const allocate = input.allocate ? JSON.stringify([input.allocate.lookup.civilId, input.allocate.lookup.accountNumber, input.allocate.lookup.meterNumber, input.allocate.lookup.plate, input.allocate.amount]) : '';
  return createHash('sha256').update(`${input.channel}|${items.join(',')}|${allocate}`).digest('hex');
}

/** A KNET track id: letters and digits only, at most 40, unique per attempt. */
export function newTrackId(): string {
  return `T${Date.now().toString(36).toUpperCase()}${randomBytes(10).toString('hex').toUpperCase()}`;
}

interface Plan {
  items: PlannedItem[];
  currency: string;
  creditAmount: bigint;
  creditParty: string;
  first: Payable;
}

/** Turns the request into priced items, checked against the payables as they are now (checked again at posting). */
async function planCheckout(ctx: Ctx, input: CheckoutInput, currency: string): Promise<Plan> {
  if (input.items && input.items.length > 0 && input.allocate) throw new AppError('validation_failed', { reason: 'send items or allocate, not both' });
  if (input.allocate) {
    const given = input.allocate.lookup;
    const lookup = given.plate ? { ...given, plate: normalizePlate(given.plate, plateFormatOf(ctx.config.TASDEED_COUNTRY)) } : given;
    if (!lookup.civilId && !lookup.accountNumber && !lookup.meterNumber && !lookup.plate) throw new AppError('lookup_required');
    const amount = parsePositiveAmount(input.allocate.amount, currency);
    const open = (await payables.findOpen(ctx, lookup)).filter((p) => p.currency === currency && p.payableOnline);
    if (open.length === 0) throw new AppError('nothing_due');
    const { items, leftover } = allocateOldestFirst(open, amount);
    if (items.length === 0) throw new AppError('payment_below_minimum', { reason: 'the amount pays none of the oldest dues' });
    const first = open.find((p) => p.id === items[0]!.payableId)!;
    return { items, currency, creditAmount: leftover, creditParty: partyOfLookup(lookup) ?? partyOf(first), first };
  }
  const requested = input.items ?? [];
  if (requested.length === 0) throw new AppError('payment_items_required');
  if (new Set(requested.map((i) => i.payableId)).size !== requested.length) throw new AppError('payment_items_duplicate');
  const rows = new Map((await payables.findMany(ctx, requested.map((i) => i.payableId))).map((row) => [row.id, row]));
  const items = requested.map((item) => {
    const payable = rows.get(item.payableId);
    if (!payable) throw new AppError('payable_not_found', { payableId: item.payableId });
    if (payable.currency !== currency) throw new AppError('payment_currency_mixed', { payableId: payable.id, currency: payable.currency });
    const amount = item.amount === undefined ? amountDue(payable) : parsePositiveAmount(item.amount, currency);
    assertPayable(payable, amount);
    return { payableId: payable.id, amount };
  });
  assertPlannedItems(items);
  const first = rows.get(items[0]!.payableId)!;
  return { items, currency, creditAmount: 0n, creditParty: partyOf(first), first };
}

/**
 * Starts a card payment. The same idempotency key from the same payer returns the first result (the same payment
 * and page), whatever happened since; the same key with a different request is refused.
 */
export async function startCheckout(ctx: Ctx, actor: Actor, input: CheckoutInput, gateway: PaymentGateway | undefined, urls: (paymentId: string) => CheckoutUrls, currency: string): Promise<CheckoutResult> {
  // A kiosk's checkout is a KNET card payment like the web's, recorded under the kiosk channel (its own receipts).
  if (input.channel !== 'knet' && input.channel !== 'kiosk') throw new AppError('payment_channel_unsupported', { channel: input.channel });
  const requestHash = checkoutRequestHash(input);
  const scope = idempotencyScope(actor, requestHash);
  const replay = (existing: store.PaymentRow): CheckoutResult => {
    if (existing.requestHash !== requestHash) throw new AppError('idempotency_conflict', { paymentId: existing.id });
    return presentCheckout(existing, gateway, urls);
  };
  const existing = await store.findPaymentByIdempotencyKey(ctx.db, scope, input.idempotencyKey);
  if (existing) return replay(existing);
  if (!gateway) throw new AppError('payment_gateway_not_configured');

  const plan = await planCheckout(ctx, input, currency);
  const id = newId('pay');
  const trackId = newTrackId();
  const total = sumItems(plan.items) + plan.creditAmount;
  // Made before anything is stored: the gateway's own checks (amount, URLs) refuse a payment it could not take.
  const { redirectUrl } = gateway.startPayment({ trackId, amount: total, currency, language: input.language, ...urls(id), udf: [id] });
  const now = ctx.clock.now();
  const payment = await inTransaction(ctx, async (tx) => {
    const inserted = await store.insertPayment(tx.db, {
      id,
      channel: input.channel,
      status: 'pending',
      currency,
      amount: total,
      creditAmount: plan.creditAmount,
      creditParty: plan.creditParty,
      personId: actor.kind === 'person' ? actor.id : null,
      civilId: actor.kind === 'person' ? actor.civilId : null,
      actorKind: actor.kind,
      actorId: actor.kind === 'anonymous' ? null : actor.id,
      language: input.language,
      idempotencyScope: scope,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      gateway: gateway.name,
      trackId,
      createdAt: now,
      updatedAt: now,
    });
    if (inserted) await store.insertItems(tx.db, id, plan.items);
    return inserted;
  });
  if (!payment) {
    // Two tabs sent the same key at once: the one stored first is the answer for both.
    const winner = await store.findPaymentByIdempotencyKey(ctx.db, scope, input.idempotencyKey);
    if (!winner) throw new AppError('conflict');
    return replay(winner);
  }
  return { paymentId: id, status: 'pending', redirectUrl, amount: total, currency };
}

function presentCheckout(payment: store.PaymentRow, gateway: PaymentGateway | undefined, urls: (paymentId: string) => CheckoutUrls): CheckoutResult {
  // The page address is made again from what was stored (no network call): a retry lands on the same attempt.
  const redirectUrl = payment.status === 'pending' && gateway && payment.trackId
    ? gateway.startPayment({ trackId: payment.trackId, amount: payment.amount, currency: payment.currency, language: payment.language as 'ar' | 'en', ...urls(payment.id), udf: [payment.id] }).redirectUrl
    : null;
  return { paymentId: payment.id, status: payment.status as store.PaymentStatus, redirectUrl, amount: payment.amount, currency: payment.currency };
}
