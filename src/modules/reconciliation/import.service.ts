// Importing a bank statement: screen and parse it (camt.parser.ts), recognise a file seen before, then decide
// every transaction in one transaction: pending (not booked), matched to the payment it settles, reversed (undoes
// a payment), or suspense (nothing known matched: kept for an admin, never dropped).
import { createHash } from 'node:crypto';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../shared/ids.js';
import { findPaymentsByReference, type ReconcilablePayment } from '../payments/index.js';
import { parseCamt, type CamtTransaction } from './camt.parser.js';
import { formatStatementAmount } from './currencies.js';
import { auditedRefusals } from './reconciliation.audit.js';
import * as store from './reconciliation.store.js';

export interface ImportSummary {
  file: string;
  format: string;
  statementId: string;
  entries: number;
  booked: number;
  pending: number;
  matched: number;
  suspense: number;
  reversed: number;
  duplicate: boolean;
  openingBalance: string | null;
  closingBalance: string | null;
  balanced: boolean | null;
}

type Decision = Pick<store.EntryRow, 'state' | 'suspenseReason' | 'paymentId'>;

function referencesOf(t: CamtTransaction): string[] {
  return [...new Set([t.endToEndId, t.transactionId, t.accountServicerRef, ...t.remittance].filter((r): r is string => !!r))];
}

/** The one payment a transaction names, by its first reference that finds exactly one payment. */
async function paymentNamed(ctx: Ctx, t: CamtTransaction): Promise<ReconcilablePayment | 'ambiguous' | undefined> {
  for (const reference of referencesOf(t)) {
    const found = await findPaymentsByReference(ctx, reference);
    if (found.length > 1) return 'ambiguous';
    if (found.length === 1) return found[0];
  }
  return undefined;
}

async function decide(ctx: Ctx, t: CamtTransaction, claimed: { matched: Set<string>; reversed: Set<string> }): Promise<Decision> {
  if (t.bookingStatus !== 'BOOK') return { state: 'pending', suspenseReason: null, paymentId: null };
  const suspense = (reason: string, paymentId: string | null = null): Decision => ({ state: 'suspense', suspenseReason: reason, paymentId });
  const payment = await paymentNamed(ctx, t);
  if (payment === 'ambiguous') return suspense('reference_ambiguous');
  if (!payment) return suspense('no_reference_matched');
  if (payment.currency !== t.currency || payment.amount !== t.amount) return suspense('amount_mismatch', payment.id);
  const undoes = t.reversal || t.direction === 'DBIT';
  if (undoes) {
    if (claimed.reversed.has(payment.id)) return suspense('already_reversed', payment.id);
    claimed.reversed.add(payment.id);
    return { state: 'reversed', suspenseReason: null, paymentId: payment.id };
  }
  if (payment.status !== 'posted' && payment.status !== 'partially_refunded') return suspense(`payment_${payment.status}`, payment.id);
  if (claimed.matched.has(payment.id)) return suspense('already_matched', payment.id);
  claimed.matched.add(payment.id);
  return { state: 'matched', suspenseReason: null, paymentId: payment.id };
}

export async function importStatement(ctx: Ctx, actor: Actor, fileName: string, bytes: Buffer): Promise<ImportSummary> {
  requireRole(actor, 'admin');
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  return auditedRefusals(ctx, actor, 'reconciliation.statement.import', null, { file: fileName, contentHash, bytes: bytes.length }, async () => {
    const parsed = parseCamt(bytes);
    const fmt = (v: bigint | null) => (v === null ? null : formatStatementAmount(v, parsed.currency));
    const balanced = parsed.openingBalance === null || parsed.closingBalance === null ? null
      : !parsed.balanceCurrencyMismatch && parsed.openingBalance + parsed.bookedNet === parsed.closingBalance;
    return inTransaction(ctx, async (tx) => {
      const seen = await store.findImported(tx.db, contentHash, parsed.account, parsed.statementId);
      if (seen) return { ...(seen.summary as ImportSummary), file: fileName, duplicate: true };
      const statementRowId = newId('stm');
      // Within this file (claimed) and against earlier files (matchedPaymentIds): a payment is settled once.
      const claimed = { matched: new Set<string>(), reversed: new Set<string>() };
      const rows: store.NewEntry[] = [];
      for (const [position, t] of parsed.transactions.entries()) {
        const decision = await decide(tx, t, claimed);
        if (decision.paymentId && decision.state !== 'suspense') {
          const earlier = await store.matchedPaymentIds(tx.db, [decision.paymentId], decision.state as 'matched' | 'reversed');
          if (earlier.size > 0) Object.assign(decision, { state: 'suspense', suspenseReason: `already_${decision.state}` });
        }
        rows.push({
          id: newId('ste'), statementId: statementRowId, position, direction: t.direction, reversal: t.reversal, bookingStatus: t.bookingStatus,
          amount: t.amount, currency: t.currency, bookingDate: t.bookingDate, valueDate: t.valueDate, endToEndId: t.endToEndId,
          accountServicerRef: t.accountServicerRef, transactionId: t.transactionId, remittance: t.remittance, ...decision,
        });
      }
      const count = (state: string) => rows.filter((r) => r.state === state).length;
      const summary: ImportSummary = {
        file: fileName, format: parsed.format, statementId: parsed.statementId, entries: rows.length,
        booked: rows.filter((r) => r.bookingStatus === 'BOOK').length, pending: count('pending'), matched: count('matched'),
        suspense: count('suspense'), reversed: count('reversed'), duplicate: false,
        openingBalance: fmt(parsed.openingBalance), closingBalance: fmt(parsed.closingBalance), balanced,
      };
      const inserted = await store.insertStatement(tx.db, {
        id: statementRowId, contentHash, format: parsed.format, statementId: parsed.statementId, account: parsed.account, currency: parsed.currency,
        fileName, openingBalance: parsed.openingBalance, closingBalance: parsed.closingBalance, balanced, summary,
        actorKind: actor.kind, actorId: actor.id, importedAt: tx.clock.now(),
      });
      if (!inserted) {
        const raced = await store.findImported(tx.db, contentHash, parsed.account, parsed.statementId);
        return { ...((raced?.summary ?? summary) as ImportSummary), file: fileName, duplicate: true };
      }
      await store.insertEntries(tx.db, rows);
      await recordAudit(tx, actor, { action: 'reconciliation.statement.import', entityType: 'bank_statement', entityId: statementRowId, detail: { ...summary } });
      return summary;
    });
  });
}
