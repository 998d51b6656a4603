// The suspense list: statement entries nothing matched. An admin matches one to a payment by hand, or marks it
// returned (sent back to the payer's bank); both audited, and only from suspense.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { findPaymentForReconciliation } from '../payments/index.js';
import * as store from './reconciliation.store.js';

async function resolve(ctx: Ctx, actor: Actor, entryId: string, work: (entry: store.EntryRow, tx: Ctx) => Promise<store.EntryRow>, action: string): Promise<store.EntryRow> {
  requireRole(actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const entry = await store.lockEntry(tx.db, entryId);
    if (!entry) throw new AppError('recon_entry_not_found', { entryId });
    if (entry.state !== 'suspense') throw new AppError('recon_entry_not_in_suspense', { entryId, state: entry.state });
    const resolved = await work(entry, tx);
    await recordAudit(tx, actor, { action, entityType: 'statement_entry', entityId: entryId, detail: { state: resolved.state, paymentId: resolved.paymentId, note: resolved.note, amount: entry.amount, currency: entry.currency } });
    return resolved;
  });
}

export async function matchSuspenseEntry(ctx: Ctx, actor: Actor, entryId: string, paymentId: string, note: string): Promise<store.EntryRow> {
  return resolve(ctx, actor, entryId, async (entry, tx) => {
    const payment = await findPaymentForReconciliation(tx, paymentId);
    if (!payment || payment.currency !== entry.currency || payment.amount !== entry.amount) {
      throw new AppError('recon_payment_not_matchable', { entryId, paymentId });
    }
    const state = entry.direction === 'DBIT' || entry.reversal ? 'reversed' : 'matched';
    if ((await store.matchedPaymentIds(tx.db, [paymentId], state)).size > 0) throw new AppError('recon_payment_not_matchable', { entryId, paymentId, reason: `already_${state}` });
    return store.resolveEntry(tx.db, entryId, { state, paymentId, resolvedBy: actor.kind === 'anonymous' ? null : actor.id, resolvedAt: tx.clock.now(), note });
  }, 'reconciliation.suspense.match');
}

export async function returnSuspenseEntry(ctx: Ctx, actor: Actor, entryId: string, note: string): Promise<store.EntryRow> {
  return resolve(ctx, actor, entryId, (_entry, tx) => store.resolveEntry(tx.db, entryId, {
    state: 'returned', paymentId: null, resolvedBy: actor.kind === 'anonymous' ? null : actor.id, resolvedAt: tx.clock.now(), note,
  }), 'reconciliation.suspense.return');
}

export async function suspenseList(ctx: Ctx, actor: Actor): Promise<store.EntryRow[]> {
  requireRole(actor, 'admin');
  return store.entriesInState(ctx.db, 'suspense', 500);
}

export async function listStatements(ctx: Ctx, actor: Actor): Promise<store.StatementRow[]> {
  requireRole(actor, 'admin');
  return store.listStatements(ctx.db, 200);
}

export async function statementWithEntries(ctx: Ctx, actor: Actor, id: string): Promise<{ statement: store.StatementRow; entries: store.EntryRow[] }> {
  requireRole(actor, 'admin');
  const statement = await store.findStatement(ctx.db, id);
  if (!statement) throw new AppError('recon_statement_not_found', { id });
  return { statement, entries: await store.entriesOf(ctx.db, id) };
}
