// Reference data the prepaid module needs before its first top-up: the prepaid biller and a first water price.
// The price is the seed's headline figure: 2.9 M KD for 10,570 M imperial gallons ≈ 0.275 KD per 1,000 gallons.
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { seedBillers } from '../billers/index.js';
import { PREPAID_BILLER } from './wallet.accounts.js';
import * as store from './prepaid.store.js';

export const DEMO_PRICE_PER_THOUSAND_GALLONS = 275n;

export async function seedPrepaidReference(ctx: Ctx, options: { effectiveFrom?: Date } = {}): Promise<void> {
  await seedBillers(ctx, {
    currencies: [{ code: 'KWD', minorUnits: 3, nameAr: 'دينار كويتي', nameEn: 'Kuwaiti dinar' }],
    billers: [{
      code: PREPAID_BILLER, nameAr: 'وزارة الكهرباء والماء - محطات تعبئة المياه مسبقة الدفع', nameEn: 'Ministry of Electricity & Water — Prepaid water filling stations',
      kind: 'prepaid', allowsPartialPayment: false, minPartialAmount: 0n, currency: 'KWD', billDay: 28, dueDays: 0,
    }],
  });
  await store.insertTariffVersion(ctx.db, {
    id: newId('ptf'), effectiveFrom: options.effectiveFrom ?? new Date('2011-04-01T00:00:00+03:00'), currency: 'KWD',
    pricePerThousandGallons: DEMO_PRICE_PER_THOUSAND_GALLONS, createdAt: ctx.clock.now(),
  });
}
