// What lets a counter keep taking cash safely while its page cannot reach the server:
//
// - Receipt blocks: a cashier with an open drawer is given a block of the counter's offline receipt numbers, a
//   series of its own beside the online one (SALMIYA-C01-X000001 beside SALMIYA-C01-000001: the online numbers
//   keep no gaps, and a receipt printed offline says so). No number is given twice; the page prints each payment
//   taken offline with the next number of its block. On replay the payment posts under that number, once: a
//   number outside every block of the counter, or one already used, is refused.
// - Risk limits: an office's admin sets the most one offline payment may be and the most a drawer may take offline.
//   The page keeps to them while offline; on replay the server checks again and flags what is over. The cash was
//   already taken and the receipt printed, so refusing would lose track of real money: it posts, flagged and
//   audited, for the supervisor.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../shared/ids.js';
import { parseAmount } from '../../shared/money.js';
import { officeOfStaff } from './counter.access.js';
import { auditedCounterRefusals } from './counter.audit.js';
import * as store from './counter.store.js';

/** Numbers in one block: a day of offline takings at a busy counter, small enough that a lost block wastes little. */
export const RECEIPT_BLOCK_SIZE = 50n;

/** A counter's receipt number: office, counter, and the counter's sequence (SALMIYA-C01-000123). */
export const receiptNumberOf = (officeCode: string, counterCode: string, seq: bigint) => `${officeCode}-${counterCode}-${seq.toString().padStart(6, '0')}`;
/** The counter's offline series: X before the sequence (SALMIYA-C01-X000123). */
export const offlinePrefixOf = (officeCode: string, counterCode: string) => `${officeCode}-${counterCode}-X`;
export const offlineReceiptNumberOf = (officeCode: string, counterCode: string, seq: bigint) => `${offlinePrefixOf(officeCode, counterCode)}${seq.toString().padStart(6, '0')}`;

export interface ReceiptBlock { block: store.ReceiptBlockRow; officeCode: string; counterCode: string }

/** A new block of receipt numbers for the cashier's open drawer's counter. */
export async function allocateReceiptBlock(ctx: Ctx, actor: Actor): Promise<ReceiptBlock> {
  return auditedCounterRefusals(ctx, actor, 'counter.receipt_block', null, {}, async () => {
    const office = await officeOfStaff(ctx, actor, 'cashier');
    const cashierId = actor.kind === 'staff' ? actor.id : '';
    return inTransaction(ctx, async (tx) => {
      const drawer = await store.findOpenDrawer(tx.db, { cashierId });
      if (!drawer) throw new AppError('counter_no_open_drawer');
      const counter = (await store.findCounterById(tx.db, drawer.counterId))!;
      const lastSeq = await store.takeOfflineReceiptSeqs(tx.db, counter.id, RECEIPT_BLOCK_SIZE);
      const block = await store.insertReceiptBlock(tx.db, {
        id: newId('rcb'), officeId: office.id, counterId: counter.id, drawerId: drawer.id, cashierId, firstSeq: lastSeq - RECEIPT_BLOCK_SIZE + 1n, lastSeq, allocatedAt: tx.clock.now(),
      });
      await recordAudit(tx, actor, {
        action: 'counter.receipt_block', entityType: 'counter_receipt_block', entityId: block.id,
        detail: { officeCode: office.code, counterCode: counter.code, drawerId: drawer.id, first: offlineReceiptNumberOf(office.code, counter.code, block.firstSeq), last: offlineReceiptNumberOf(office.code, counter.code, block.lastSeq) },
      });
      return { block, officeCode: office.code, counterCode: counter.code };
    });
  });
}

/**
 * The block a replayed payment's offline receipt number belongs to, in the payment's transaction: refused when the
 * number is not one of this counter's, lies in none of its blocks, or was used already.
 */
export async function blockOfOfflineReceipt(tx: Ctx, office: store.OfficeRow, counter: store.CounterRow, receiptNumber: string): Promise<store.ReceiptBlockRow> {
  const prefix = offlinePrefixOf(office.code, counter.code);
  const digits = receiptNumber.startsWith(prefix) ? receiptNumber.slice(prefix.length) : '';
  const block = /^\d{6,12}$/.test(digits) ? await store.blockHolding(tx.db, counter.id, BigInt(digits)) : undefined;
  if (!block || offlineReceiptNumberOf(office.code, counter.code, BigInt(digits)) !== receiptNumber) throw new AppError('counter_offline_receipt_unknown', { receiptNumber, counterCode: counter.code });
  if (await store.findCounterPaymentByReceipt(tx.db, receiptNumber)) throw new AppError('counter_offline_receipt_used', { receiptNumber });
  return block;
}

/** Whether a payment taken offline is over the office's limits, counting what the drawer took offline before it. */
export async function overOfflineLimit(tx: Ctx, office: store.OfficeRow, drawerId: string, amount: bigint): Promise<boolean> {
  if (office.offlineMaxPayment !== null && amount > office.offlineMaxPayment) return true;
  if (office.offlineMaxTotal === null) return false;
  return (await store.offlineTotalOfDrawer(tx.db, drawerId)) + amount > office.offlineMaxTotal;
}

export interface OfflineLimitsInput { maxPerPayment: string | null; maxTotal: string | null }

/** Sets an office's offline limits (admin); null removes a limit. */
export async function setOfflineLimits(ctx: Ctx, actor: Actor, officeCode: string, input: OfflineLimitsInput): Promise<store.OfficeRow> {
  requireRole(actor, 'admin');
  const currency = ctx.config.TASDEED_CURRENCY;
  const limit = (text: string | null) => {
    if (text === null) return null;
    const value = parseAmount(text, currency);
    if (value <= 0n) throw new AppError('counter_offline_limit_invalid', { value: text });
    return value;
  };
  const limits = { offlineMaxPayment: limit(input.maxPerPayment), offlineMaxTotal: limit(input.maxTotal) };
  if (limits.offlineMaxPayment !== null && limits.offlineMaxTotal !== null && limits.offlineMaxPayment > limits.offlineMaxTotal) {
    throw new AppError('counter_offline_limit_invalid', { maxPerPayment: input.maxPerPayment, maxTotal: input.maxTotal });
  }
  const office = await store.findOfficeByCode(ctx.db, officeCode);
  if (!office) throw new AppError('counter_office_unknown', { officeCode });
  return inTransaction(ctx, async (tx) => {
    const updated = (await store.setOfflineLimits(tx.db, office.id, limits))!;
    await recordAudit(tx, actor, {
      action: 'counter.office.offline_limits', entityType: 'counter_office', entityId: office.id,
      detail: { officeCode, maxPerPayment: limits.offlineMaxPayment?.toString() ?? null, maxTotal: limits.offlineMaxTotal?.toString() ?? null },
    });
    return updated;
  });
}
