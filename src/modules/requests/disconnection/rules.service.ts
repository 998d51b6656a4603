// The disconnection rules: data, one per consumption category and currency. The defaults below are written when
// the table lacks a rule (the worker's first pass, or a seed); an administrator changes them through the API and a
// later start never overwrites the change. Government accounts get no rule and none may be saved for them.
import { AppError } from '../../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../../platform/context.js';
import { requireRole, type Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit.js';
import { isKnownCurrency, parseAmount } from '../../../shared/money.js';
import { isCategory } from '../../accounts/index.js';
import * as store from './disconnection.store.js';

type RuleValues = Omit<store.RuleRow, 'updatedAt' | 'updatedBy'>;

// KWD in fils, SAR in halalas. Homes get the longest patience; businesses a shorter one and a higher fee.
const rule = (category: string, currency: string, minDebt: bigint, minAgeDays: number, graceDays: number, reconnectionFee: bigint): RuleValues => ({
  category, currency, minDebt, minAgeDays, graceDays, disconnectionSlaHours: 72, reconnectionFee, reconnectionSlaHours: 24, active: true,
});

export const DEFAULT_RULES: RuleValues[] = [
  rule('residential', 'KWD', 100_000n, 60, 7, 5_000n),
  rule('commercial', 'KWD', 50_000n, 30, 5, 10_000n),
  rule('industrial', 'KWD', 200_000n, 30, 5, 20_000n),
  rule('investment', 'KWD', 100_000n, 45, 7, 10_000n),
  rule('service', 'KWD', 100_000n, 60, 7, 5_000n),
  rule('agricultural', 'KWD', 100_000n, 90, 14, 5_000n),
  rule('chalets', 'KWD', 50_000n, 30, 7, 10_000n),
  rule('residential', 'SAR', 50_000n, 60, 10, 3_000n),
  rule('commercial', 'SAR', 100_000n, 30, 7, 10_000n),
  rule('industrial', 'SAR', 300_000n, 30, 7, 20_000n),
];

export async function ensureDisconnectionRules(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  await store.insertMissingRules(ctx.db, DEFAULT_RULES.map((r) => ({ ...r, updatedAt: now, updatedBy: null })));
}

export async function listDisconnectionRules(ctx: Ctx, actor: Actor): Promise<store.RuleRow[]> {
  requireRole(actor, 'admin', 'service');
  return store.listRules(ctx.db);
}

/** A rule as an administrator sends it: amounts as decimal strings in the currency's scale. */
export type RuleInput = Omit<RuleValues, 'minDebt' | 'reconnectionFee'> & { minDebt: string; reconnectionFee: string };

export async function saveDisconnectionRule(ctx: Ctx, actor: Actor, input: RuleInput): Promise<store.RuleRow> {
  requireRole(actor, 'admin');
  if (input.category === 'government') throw new AppError('disconnection_government', { category: input.category });
  if (!isCategory(input.category)) throw new AppError('validation_failed', { field: 'category' });
  if (!isKnownCurrency(input.currency)) throw new AppError('validation_failed', { field: 'currency' });
  const values: RuleValues = { ...input, minDebt: parseAmount(input.minDebt, input.currency), reconnectionFee: parseAmount(input.reconnectionFee, input.currency) };
  const counts = [values.minAgeDays, values.graceDays, values.disconnectionSlaHours, values.reconnectionSlaHours];
  if (values.minDebt < 0n || values.reconnectionFee < 0n || counts.some((n) => !Number.isInteger(n) || n < 0)) throw new AppError('validation_failed', { field: 'rule' });
  return inTransaction(ctx, async (tx) => {
    const before = await store.findRule(tx.db, values.category, values.currency);
    const saved = await store.upsertRule(tx.db, { ...values, updatedAt: tx.clock.now(), updatedBy: actor.id });
    await recordAudit(tx, actor, {
      action: 'disconnection.rule.saved', entityType: 'disconnection_rule', entityId: `${values.category}:${values.currency}`,
      detail: { before: before ? presentForAudit(before) : null, after: presentForAudit(saved) },
    });
    return saved;
  });
}

function presentForAudit(r: store.RuleRow) {
  return { minDebt: String(r.minDebt), minAgeDays: r.minAgeDays, graceDays: r.graceDays, disconnectionSlaHours: r.disconnectionSlaHours, reconnectionFee: String(r.reconnectionFee), reconnectionSlaHours: r.reconnectionSlaHours, active: r.active };
}
