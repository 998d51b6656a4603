// Demo data: two offices with two counters each. The demo cashier and supervisor work at SALMIYA (their staff
// `unit`); a cashier there collects for any address, Hawalli's included.
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import * as store from './counter.store.js';

export const DEMO_OFFICES = [
  { code: 'SALMIYA', nameAr: 'مكتب السالمية', nameEn: 'Salmiya office', areaAr: 'السالمية', areaEn: 'Salmiya', counters: ['C01', 'C02'] },
  { code: 'HAWALLI', nameAr: 'مكتب حولي', nameEn: 'Hawalli office', areaAr: 'حولي', areaEn: 'Hawalli', counters: ['C01', 'C02'] },
] as const;

export const counterDemoSeeder = {
  name: 'channels (two counter offices with their counters)',
  async run(ctx: Ctx): Promise<void> {
    for (const o of DEMO_OFFICES) {
      const now = ctx.clock.now();
      await store.insertOffice(ctx.db, { id: newId('off'), code: o.code, nameAr: o.nameAr, nameEn: o.nameEn, areaAr: o.areaAr, areaEn: o.areaEn, createdAt: now });
      const office = (await store.findOfficeByCode(ctx.db, o.code))!;
      for (const [i, code] of o.counters.entries()) {
        await store.insertCounter(ctx.db, { id: newId('ctr'), officeId: office.id, code, nameAr: `كاونتر ${i + 1}`, nameEn: `Counter ${i + 1}`, createdAt: now });
      }
    }
  },
};
