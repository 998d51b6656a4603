// A strict direct payment (bank, counter, credit) in one statement: the payment row and its items, the guarded
// update of every payable, the ledger transaction and the receipt's outbox row are parts of one WITH, sent in one
// round trip with no BEGIN or COMMIT around it (a statement is atomic on its own). The transactional path took
// eight or more trips for the same writes, and on this kind of machine each trip's system calls were most of a
// payment's cost.
//
// It only answers the common case, a payment that fits. Anything else (a payable refused, the channel's id taken,
// a deadlock) refuses the statement, which rolls all of it back, and the caller takes the transactional path,
// which finds the reason, answers the first payment of a repeated id, or posts. Only used outside a transaction:
// a refused statement inside one would abort the caller's transaction too.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query-rows.js';
import { hasSqlState, DEADLOCK_DETECTED } from '../../db/sql-state.js';
import { isRefusal, refuseUnless, withParts } from '../../db/statement-parts.js';
import type { Ctx } from '../../platform/context.js';
import { eventPart } from '../../platform/outbox.js';
import { paymentApplied, paymentListenerProbes } from '../../platform/payment-listeners.js';
import { payables } from '../billers/index.js';
import * as ledger from '../ledger/index.js';
import type { DirectPaymentInput, DirectPaymentResult } from './direct-posting.js';
import {
  RECEIPT_POINT_OF_CHANNEL, inPayableIdOrder, paymentLines, receiptEventOf, receiptYear, sourceAccountOf, type AppliedItem,
} from './posting.js';
import { postedPaymentParts, type PaymentRow, type UnnumberedPaymentRow } from './payments.store.js';
import { takeReceiptNumber } from './receipt-numbers.js';

/** Posts the payment in one statement, or answers undefined when the transactional path must decide. */
export async function postInOneStatement(ctx: Ctx, input: DirectPaymentInput, row: UnnumberedPaymentRow): Promise<DirectPaymentResult | undefined> {
  // The payables' own facts (biller, reference, owner) name the ledger accounts and the receipt's recipient. They
  // are read before the write; what may change meanwhile (amount paid, status) is checked by the guarded update.
  const found = await payables.findMany(ctx, input.items.map((item) => item.payableId));
  const byId = new Map(found.map((payable) => [payable.id, payable]));
  if (input.items.some((item) => byId.get(item.payableId)?.currency !== input.currency)) return undefined;
  const applied: AppliedItem[] = inPayableIdOrder(input.items).map((item) => ({ payable: byId.get(item.payableId)!, amount: item.amount }));

  const point = RECEIPT_POINT_OF_CHANNEL[input.channel];
  const receiptNumber = input.receiptNumber ?? await takeReceiptNumber(ctx, point, receiptYear(ctx));
  const payment: PaymentRow = { ...row, receiptPoint: point, receiptNumber };
  const posting = ledger.postingParts(ctx, {
    kind: 'payment', sourceRef: payment.id, currency: payment.currency,
    lines: paymentLines(sourceAccountOf(input.channel, input.creditAccount), payment.amount, applied),
    memo: { channel: payment.channel, receiptNumber },
  });
  const receipt = receiptEventOf(ctx, payment, applied);
  const appliedPayables = applied.map(({ payable, amount }) => ({ payableId: payable.id, billerCode: payable.billerCode, accountNumber: payable.accountNumber, amount }));
  // Listeners that may have work (reconnection: an account with an open case) answer in the same statement.
  const probes = paymentListenerProbes(appliedPayables);
  const statement = withParts([
    ...postedPaymentParts(row, input.items, point, receiptNumber),
    payables.strictPaymentPart(ctx, input.items, input.currency),
    ...posting.parts,
    ...(receipt ? [eventPart(receipt)] : []),
  ], sql`SELECT
    ${refuseUnless(sql`EXISTS (SELECT 1 FROM payments_new)`, 'payment id taken')}
    AND ${refuseUnless(sql`(SELECT count(*) FROM payables_paid) = ${input.items.length}`, 'a payable refused the payment')}
    AND ${refuseUnless(sql`EXISTS (SELECT 1 FROM ledger_transactions_new)`, 'ledger source already posted')} AS posted
    ${receipt ? sql`, (SELECT pg_notify('tasdeed_outbox', topic) FROM outbox_new) AS woken` : sql``}
    ${sql.join(probes.map((probe, i) => sql`, ${probe.sql} AS ${sql.identifier(`probe_${i}`)}`))}`);
  let answer: Record<string, unknown> | undefined;
  try {
    [answer] = await queryRows<Record<string, unknown>>(ctx.db, statement);
  } catch (error) {
    if (isRefusal(error) || hasSqlState(error, DEADLOCK_DETECTED)) return undefined;
    throw error;
  }
  // Committed. Other modules react now (reconnection once a debt is paid), never undoing the payment.
  const probed = new Set(probes.filter((_probe, i) => answer?.[`probe_${i}`] === true).map((probe) => probe.name));
  await paymentApplied(ctx, appliedPayables, probed);
  return { payment, replayed: false, credited: 0n };
}

