// Government accounts' bills are never collected online or at a counter: the ministry that uses the electricity pays
// by a ministry-to-ministry transfer. An administrator records one transfer against a batch of those bills; each
// bill is settled in full and the whole transfer is one balanced ledger transaction (debit the government transfer
// clearing account, credit each bill's receivable), audited. Recording the same transfer twice is refused.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { amountDue, OPEN_STATUSES, payables, receivableAccountOf } from '../billers/index.js';
import * as ledger from '../ledger/index.js';

export const GOVERNMENT_TRANSFER_ACCOUNT = ledger.accounts.clearing('government-transfer');

export interface GovernmentTransferInput {
  /** The transfer's own reference (the finance ministry's transfer number): one recording per reference. */
  transferReference: string;
  payableIds: string[];
}

export interface GovernmentTransferResult {
  transferReference: string;
  transactionId: string;
  currency: string;
  total: bigint;
  settled: { payableId: string; reference: string; amount: bigint }[];
}

export async function recordGovernmentTransfer(ctx: Ctx, actor: Actor, input: GovernmentTransferInput): Promise<GovernmentTransferResult> {
  requireRole(actor, 'admin');
  const ids = [...new Set(input.payableIds)];
  if (ids.length === 0 || ids.length !== input.payableIds.length || input.transferReference.trim() === '') {
    throw new AppError('government_transfer_invalid', { reason: ids.length === 0 ? 'no bills' : 'duplicate or empty reference' });
  }
  return inTransaction(ctx, async (tx) => {
    if (await ledger.findTransaction(tx, 'government.transfer', input.transferReference)) {
      throw new AppError('government_transfer_duplicate', { transferReference: input.transferReference });
    }
    const rows = await payables.lock(tx, ids);
    if (rows.length !== ids.length) throw new AppError('government_transfer_invalid', { reason: 'unknown bill' });
    const currency = rows[0]!.currency;
    for (const row of rows) {
      // Only a government account's bill (issued held, never collected online) is settled this way, and in full.
      const open = OPEN_STATUSES.includes(row.status as (typeof OPEN_STATUSES)[number]) && amountDue(row) > 0n;
      if (row.kind !== 'bill' || row.payableOnline || row.civilId !== null || !open || row.currency !== currency) {
        throw new AppError('government_transfer_invalid', { payableId: row.id, reason: !open ? 'not open' : row.currency !== currency ? 'mixed currencies' : 'not a government bill' });
      }
    }
    const settled = rows.map((row) => ({ payableId: row.id, reference: row.reference, amount: amountDue(row), receivable: receivableAccountOf(row) }));
    const total = settled.reduce((sum, s) => sum + s.amount, 0n);
    for (const s of settled) {
      if (!(await payables.applyPayment(tx, s.payableId, s.amount))) throw new AppError('government_transfer_invalid', { payableId: s.payableId, reason: 'not open' });
    }
    const { transactionId } = await ledger.post(tx, {
      kind: 'government.transfer', sourceRef: input.transferReference, currency,
      lines: [{ account: GOVERNMENT_TRANSFER_ACCOUNT, amount: total }, ...settled.map((s) => ({ account: s.receivable, amount: -s.amount }))],
      memo: { bills: settled.map((s) => s.reference) },
    });
    await recordAudit(tx, actor, {
      action: 'government.transfer', entityType: 'ledger_transaction', entityId: transactionId,
      detail: { transferReference: input.transferReference, total: total.toString(), currency, bills: settled.map((s) => s.reference) },
    });
    return { transferReference: input.transferReference, transactionId, currency, total, settled: settled.map(({ receivable: _r, ...s }) => s) };
  });
}
