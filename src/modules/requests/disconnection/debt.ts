// What "debt" means for disconnection: the account's overdue, collectable bills in its rule's currency, counting
// only those overdue for at least the rule's number of days. The same measure puts an account on the list and
// takes it off (a payment that brings it to the threshold or under clears the case).
import type { Ctx } from '../../../platform/context.js';
import { businessToday } from '../../../platform/clock.js';
import { getBiller, payables } from '../../billers/index.js';
import type { Account } from '../../accounts/index.js';
import type { RuleRow } from './disconnection.store.js';

export function cutoffDate(ctx: Ctx, rule: Pick<RuleRow, 'minAgeDays'>): string {
  return new Date(Date.parse(businessToday(ctx)) - rule.minAgeDays * 86_400_000).toISOString().slice(0, 10);
}

export async function overdueDebt(ctx: Ctx, accountNumber: string, rule: Pick<RuleRow, 'minAgeDays' | 'currency'>): Promise<bigint> {
  const [row] = await payables.overdueByAccount(ctx, { dueOnOrBefore: cutoffDate(ctx, rule), currency: rule.currency, accountNumbers: [accountNumber] });
  return row?.amount ?? 0n;
}

export async function currencyOf(ctx: Ctx, account: Pick<Account, 'billerCode'>): Promise<string> {
  return (await getBiller(ctx, account.billerCode)).currency;
}
