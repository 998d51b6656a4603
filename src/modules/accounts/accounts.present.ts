import type { z } from 'zod';
import { CATEGORY_NAMES, type AccountStatus, type Category } from './categories.js';
import type { AccountRow, MeterRow } from './accounts.store.js';
import type * as s from './accounts.schemas.js';

export function presentMeter(meter: MeterRow): z.infer<typeof s.meterSchema> {
  return {
    meterNumber: meter.meterNumber, unit: meter.unit as 'kWh' | 'imp_gal', multiplier: meter.multiplier, dials: meter.dials,
    initialReading: meter.initialReading.toString(), installedOn: meter.installedOn, removedOn: meter.removedOn, status: meter.status as 'active' | 'removed',
  };
}

export function presentAccount(account: AccountRow, meters: MeterRow[]): z.infer<typeof s.accountSchema> {
  const category = account.category as Category;
  return {
    accountNumber: account.accountNumber, billerCode: account.billerCode, category,
    categoryName: CATEGORY_NAMES[category] ?? { ar: category, en: category },
    owner: {
      civilId: account.ownerCivilId,
      name: account.ownerNameAr || account.ownerNameEn ? { ar: account.ownerNameAr ?? '', en: account.ownerNameEn ?? '' } : null,
    },
    area: { ar: account.areaAr, en: account.areaEn },
    address: { ar: account.addressAr, en: account.addressEn },
    status: account.status as AccountStatus,
    collectedOnline: category !== 'government',
    meters: meters.map(presentMeter),
  };
}
