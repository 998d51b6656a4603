// Reference data every installation needs before it can issue anything: currencies and billers.
import type { Ctx } from '../../platform/context.js';
import { upsertBiller, upsertCurrency } from './billers.store.js';
import { forgetBillerCache } from './billers.service.js';

export interface BillerSeed {
  currencies: readonly { code: string; minorUnits: number; nameAr: string; nameEn: string }[];
  billers: readonly { code: string; nameAr: string; nameEn: string; kind: string; allowsPartialPayment: boolean; minPartialAmount: bigint; currency: string; billDay: number; dueDays: number; settings?: Record<string, unknown> }[];
}

export async function seedBillers(ctx: Ctx, seed: BillerSeed): Promise<void> {
  for (const currency of seed.currencies) await upsertCurrency(ctx.db, currency);
  for (const biller of seed.billers) await upsertBiller(ctx.db, biller);
  forgetBillerCache();
}
